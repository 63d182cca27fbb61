"""PostgreSQL store against a real server: URL handling, migrations, read-only, export, and an
end-to-end ingest + code through ``pipeline.run``.

The server is ``$ALLEGIANCE_TEST_PG_URL`` when set; otherwise one is started for the session from
the Debian ``postgresql`` package (a throw-away data folder under /tmp, a unix socket there and
a free TCP port on 127.0.0.1). Without either, these tests skip and say why. Each test works in
a schema of its own, dropped afterwards. The shared store behaviours run on both backends in
``test_store.py`` (its ``store`` fixture is parametrised with the ``pg_url`` fixture below).
"""

from __future__ import annotations

import atexit
import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest
from conftest import FakeCoder, make_article, make_event

from allegiance import pipeline
from allegiance.config import Config
from allegiance.errors import StoreError
from allegiance.models import Problem
from allegiance.store import DuckDBStore, Store, open_store
from allegiance.store.migrate import latest_version

ENV_URL = "ALLEGIANCE_TEST_PG_URL"
_STARTUP_TIMEOUT = 60


class PgUnavailable(Exception):
    """No PostgreSQL server can be used; the message says why."""


class LocalServer:
    """A throw-away PostgreSQL cluster: ``initdb`` + ``pg_ctl start`` under a temp folder."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.bin: Path | None = None
        self.user: str | None = None

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        cmd = ["runuser", "-u", self.user, "--", *args] if self.user else list(args)
        return subprocess.run(cmd, capture_output=True, text=True, timeout=_STARTUP_TIMEOUT)

    def start(self) -> str:
        """Start the server; return its URL. Raises ``PgUnavailable``."""
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                       key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
        initdb = Path(found[-1]) if found else (Path(w) if (w := shutil.which("initdb")) else None)
        if initdb is None:
            raise PgUnavailable("no PostgreSQL server binaries (apt-get install postgresql, "
                                f"or set {ENV_URL})")
        self.bin = initdb.parent
        if os.geteuid() == 0:  # the server refuses to run as root
            try:
                pwd.getpwnam("postgres")
            except KeyError:
                raise PgUnavailable("running as root and there is no 'postgres' user") from None
            if not shutil.which("runuser"):
                raise PgUnavailable("running as root and 'runuser' is missing")
            self.user = "postgres"
        self.root = Path(tempfile.mkdtemp(prefix="allegiance-pg-"))
        atexit.register(self.stop)
        if self.user:
            shutil.chown(self.root, self.user)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        data, log = self.root / "data", self.root / "server.log"
        steps = [
            [str(initdb), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
             "--locale=C", "--no-sync"],
            [str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(log), "-w",
             "-t", str(_STARTUP_TIMEOUT), "-o",
             f"-k {self.root} -h 127.0.0.1 -p {port} -c fsync=off "
             "-c synchronous_commit=off -c full_page_writes=off", "start"],
        ]
        for cmd in steps:
            try:
                done = self._run(*cmd)
            except (OSError, subprocess.TimeoutExpired) as exc:
                raise PgUnavailable(f"{Path(cmd[0]).name} failed: {exc}") from exc
            if done.returncode != 0:
                tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
                if log.exists():
                    tail = log.read_text(errors="replace").strip().splitlines()[-1:] or tail
                raise PgUnavailable(f"{Path(cmd[0]).name} failed: {tail[0]}")
        return f"postgresql://postgres@127.0.0.1:{port}/postgres"

    def stop(self) -> None:
        """Stop the server and delete its folder (idempotent)."""
        if self.root is None:
            return
        data = self.root / "data"
        if self.bin is not None and (data / "postmaster.pid").exists():
            try:
                self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
            except (OSError, subprocess.TimeoutExpired):
                pass
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None


_server = LocalServer()
_state: dict[str, str] = {}


def server_url() -> str:
    """URL of the test server (started once per test process); skips the test without one."""
    if "url" not in _state and "skip" not in _state:
        if os.environ.get(ENV_URL):
            _state["url"] = os.environ[ENV_URL]
        else:
            try:
                _state["url"] = _server.start()
            except PgUnavailable as exc:
                _state["skip"] = f"PostgreSQL tests skipped: {exc}"
    if "skip" in _state:
        pytest.skip(_state["skip"])
    return _state["url"]


def with_schema(url: str, schema: str) -> str:
    """``url`` with ``search_path`` set to ``schema`` (libpq ``options`` parameter)."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """URL of an empty schema of its own on the test server, dropped after the test."""
    psycopg = pytest.importorskip("psycopg", reason="PostgreSQL tests need psycopg")
    base = server_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    try:
        admin = psycopg.connect(base, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        pytest.fail(f"cannot connect to the test PostgreSQL server ({ENV_URL}?): {exc}")
    with admin:
        admin.execute(f"CREATE SCHEMA {schema}")
        try:
            yield with_schema(base, schema)
        finally:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    """A fresh, migrated PostgreSQL store."""
    with open_store(pg_url) as s:
        yield s


# -- PostgreSQL specifics -------------------------------------------------------------------


def test_url_opens_postgres_store_with_same_schema(pg_url: str) -> None:
    with open_store(pg_url) as s:
        assert type(s).__name__ == "PostgresStore" and s.version == latest_version()
        cols = s.query(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = 'articles' "
            "AND column_name = 'minhash'"
        )
        assert cols == [{"column_name": "minhash", "data_type": "bytea"}]  # BLOB, rewritten
    with open_store(pg_url) as again:  # nothing applied twice
        rows = again.query("SELECT version FROM schema_version ORDER BY version")
        assert [r["version"] for r in rows] == list(range(1, latest_version() + 1))


def test_read_only_refuses_writes_and_empty_schema(pg_url: str) -> None:
    with pytest.raises(StoreError, match="not an allegiance database"):
        open_store(pg_url, read_only=True)
    open_store(pg_url).close()
    with open_store(pg_url, read_only=True) as s:
        assert s.stats()["articles_total"] == 0
        with pytest.raises(StoreError, match="could not record problems: .*read-only"):
            s.add_problems([Problem("a.csv", 2, "missing text")])


def test_connection_errors_are_one_line_without_password() -> None:
    pytest.importorskip("psycopg")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens there once closed
    with pytest.raises(StoreError) as info:
        open_store(f"postgresql://me:s3cret@127.0.0.1:{port}/none?connect_timeout=2")
    message = str(info.value)
    assert message.startswith("cannot connect to postgresql://me:***@127.0.0.1")
    assert "s3cret" not in message and "\n" not in message


def test_migration_dedupes_problems_of_a_version_1_database(pg_url: str) -> None:
    """A v1 database holding duplicate problems is cleaned up by migration 002."""
    from allegiance.store.migrate import VERSION_TABLE, available_migrations
    from allegiance.store.postgres import PgConnection

    psycopg = pytest.importorskip("psycopg")
    v1 = available_migrations()[0]
    with psycopg.connect(pg_url, autocommit=True) as raw:
        con = PgConnection(raw)
        con.execute(VERSION_TABLE)
        con.execute(v1.sql_for("postgres"))
        con.execute("INSERT INTO schema_version VALUES (1, ?, current_timestamp)", [v1.name])
        for line in (3, 3, None, None, 4):
            con.execute("INSERT INTO problems VALUES ('bad.csv', ?, 'missing text', "
                        "current_timestamp)", [line])
    with open_store(pg_url) as s:
        assert s.version == latest_version()
        assert s.problems() == [Problem("bad.csv", None, "missing text"),
                                Problem("bad.csv", 3, "missing text"),
                                Problem("bad.csv", 4, "missing text")]


def test_export_matches_duckdb_byte_for_byte(pg_store: Store, tmp_path: Path) -> None:
    local = DuckDBStore(tmp_path / "same.duckdb")
    art = make_article("Niger's junta met Russian officers. It also expelled a French envoy.",
                       title="Niamey, \"week\"", url="https://example.org/n", source="Example")
    events = [
        make_event(art, "CONSULT", "NER MIL", "RUS MIL", date(2024, 1, 15), 1.5,
                   sentence="Niger's junta met Russian officers."),
        make_event(art, "REJECT", "NER GOV", "FRA GOV", date(2024, 1, 16), -4.0,
                   sentence="It also expelled a French envoy.", negated=True),
    ]
    for s in (pg_store, local):
        s.add_article(art, 11, None)
        s.save_coded(art.id, events)
    for fmt in ("csv", "jsonl", "parquet"):
        got, want = tmp_path / f"pg.{fmt}", tmp_path / f"duck.{fmt}"
        assert pg_store.export(got, fmt, actor="NER") == local.export(want, fmt, actor="NER") == 2
        if fmt == "parquet":
            sql = "SELECT * FROM read_parquet('{}') ORDER BY event_date"
            assert (duckdb.sql(sql.format(got)).fetchall()
                    == duckdb.sql(sql.format(want)).fetchall())
        else:
            assert got.read_bytes() == want.read_bytes()
    first = json.loads((tmp_path / "pg.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["event_type"] == "CONSULT" and first["title"] == 'Niamey, "week"'
    assert pg_store.export(tmp_path / "none.csv", "csv", type="AID") == 0
    local.close()


def test_many_rows_go_through_copy_and_stream_back(pg_store: Store) -> None:
    art = make_article("A long article about many Sahel meetings.")
    pg_store.add_article(art, 7, None)
    events = [make_event(art, "CONSULT", "MLI", "RUS", date(2023, 1, 1 + i % 28), 1.0,
                         trigger=f"met{i}") for i in range(2500)]
    pg_store.save_coded(art.id, events)
    assert pg_store.count_events() == 2500
    page = pg_store.events(limit=10, offset=2490)
    assert [r["event_date"] for r in page] == [date(2023, 1, 28)] * 10
    arts = [make_article(f"Signature article {i}.") for i in range(12_050)]
    pg_store.add_article(arts[0], 3, b"\x00\xff")
    pg_store.add_article(arts[1], 3, b"\x01")
    assert [blob for _, blob in pg_store.iter_minhashes()] == [b"\x00\xff", b"\x01"]


# -- end to end -----------------------------------------------------------------------------


def test_ingest_and_code_end_to_end(pg_url: str, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """``pipeline.run`` on PostgreSQL: real ingest of hand-written files, a fake coder."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "grain.md").write_text(
        "---\ntitle: Grain for Bamako\ndate: 2024-05-02\n---\n"
        "Russia shipped wheat to Mali this week, the ministry in Bamako said. Officials "
        "described the cargo as the first of several deliveries planned before the rains.\n",
        encoding="utf-8")
    (news / "quiet.md").write_text(
        "---\ntitle: Market day\ndate: 2024-05-03\n---\n"
        "Traders in Mopti reported steady prices for millet and rice on Friday, with buyers "
        "arriving from nearby villages by boat and by road.\n", encoding="utf-8")
    (news / "broken.csv").write_text("headline,when\nno text column here,2024\n",
                                     encoding="utf-8")
    monkeypatch.setattr(pipeline, "make_coder", lambda config: FakeCoder())
    cfg = Config(db=pg_url, batch_size=1)
    first = pipeline.run([news], cfg, progress=False)
    assert first.ingest.new == 2 and first.code is not None
    assert (first.code.articles, first.code.events) == (2, 1)
    again = pipeline.run([news], cfg, progress=False)  # re-ingest: nothing new, no duplicates
    assert again.ingest.new == 0 and again.code is not None and again.code.articles == 0
    with open_store(pg_url, read_only=True) as s:
        st = s.stats()
        assert st["articles"] == {"coded": 2} and st["events"] == 1 and st["actors"] == 2
        [event] = s.events(dyad=("RUS", "MLI"))
        assert event["title"] == "Grain for Bamako" and event["pub_date"] == date(2024, 5, 2)
        assert "Russia shipped wheat" in s.get_article(event["article_id"]).text
        assert len(s.problems()) == st["problems"] == 1  # the CSV once, not once per run
        assert s.problems()[0].path.endswith("broken.csv")


def test_analysis_and_web_refuse_postgres_in_one_line() -> None:
    """``align``, ``report`` and ``serve`` read DuckDB files only: a one-line user error."""
    from typer.testing import CliRunner

    from allegiance.cli import app
    from allegiance.errors import AllegianceError

    url = "postgresql://someone@db.example/events"
    for args in (["align", "MLI"], ["report"], ["serve"]):
        result = CliRunner().invoke(app, ["--db", url, *args])
        assert result.exit_code == 1 and isinstance(result.exception, AllegianceError), args
        message = str(result.exception)
        assert "DuckDB" in message and "\n" not in message, message
