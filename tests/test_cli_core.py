"""Core CLI commands on a temporary database (CliRunner), and main()'s exit codes."""

from __future__ import annotations

import contextlib
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest
import typer
from conftest import FakeCoder, make_article, make_event
from typer.testing import CliRunner

from allegiance import pipeline
from allegiance.cli import app, main
from allegiance.store import open_store

runner = CliRunner()


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no stray allegiance.toml
    monkeypatch.delenv("ALLEGIANCE_DB", raising=False)
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def filled_db(tmp_path: Path) -> str:
    db = str(tmp_path / "cli.duckdb")
    with open_store(db) as s:
        art = make_article("Mali signed a gas deal with Russia. France withdrew its last troops.")
        s.add_article(art, 12, None)
        s.save_coded(art.id, [
            make_event(art, "AGREE", "MLI GOV", "RUS", date(2024, 2, 10), 4.0,
                       sentence="Mali signed a gas deal with Russia."),
            make_event(art, "RETREAT", "FRA MIL", "MLI", date(2024, 3, 1), 1.0,
                       sentence="France withdrew its last troops.", mode="withdraw"),
            make_event(art, "THREATEN", "FRA", "MLI", date(2024, 3, 2), -3.0, negated=True),
        ])
    return db


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    return result


def test_events_table_and_filters(filled_db: str) -> None:
    r = invoke("--db", filled_db, "events")
    assert r.exit_code == 0, r.output
    assert "AGREE" in r.output and "MLI GOV → RUS" in r.output and "of 3 events" in r.output
    assert "RETREAT/withdraw" in r.output and "NEG" in r.output
    r = invoke("--db", filled_db, "events", "--dyad", "FRA", "MLI", "--type", "RETREAT")
    assert r.exit_code == 0 and "France withdrew" in r.output and "AGREE" not in r.output
    r = invoke("--db", filled_db, "events", "--actor", "RUS", "--since", "2025")
    assert r.exit_code == 0 and "no events match" in r.output


def test_timeline_dyad_status(filled_db: str) -> None:
    r = invoke("--db", filled_db, "timeline", "MLI")
    assert r.exit_code == 0, r.output
    assert "2024-02-01" in r.output and "+4.0" in r.output and "THREATEN" not in r.output
    r = invoke("--db", filled_db, "dyad", "MLI", "FRA", "--freq", "year")
    assert r.exit_code == 0, r.output
    assert "FRA->MLI" in r.output and "+1.0" in r.output
    r = invoke("--db", filled_db, "status")
    assert r.exit_code == 0 and "articles coded" in r.output and "3 (1 negated)" in r.output


def test_export_command(filled_db: str, tmp_path: Path) -> None:
    out = tmp_path / "ev.parquet"
    r = invoke("--db", filled_db, "export", "--format", "parquet", "--out", str(out),
               "--actor", "FRA")
    assert r.exit_code == 0, r.output
    assert "wrote 2 events" in r.output
    assert duckdb.sql(f"SELECT count(*) FROM '{out}'").fetchall() == [(2,)]


def test_ingest_and_code_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from allegiance.models import Problem

    class Report:  # the shape of an ingest report does not matter to the CLI
        def __init__(self) -> None:
            self.files = 1
            self.articles_new = 2
            self.problems = [Problem("bad.csv", 4, "no text column")]

    def fake_ingest(paths, store, config, progress):
        store.add_article(make_article("Russia sent doctors to Mali."), 5, None)
        store.add_article(make_article("Nothing happened in Niamey."), 4, None)
        return Report()

    monkeypatch.setattr(pipeline, "ingest", fake_ingest)
    monkeypatch.setattr(pipeline, "make_coder", lambda config: FakeCoder())
    db = str(tmp_path / "ing.duckdb")
    r = invoke("--db", db, "ingest", "--no-code", str(tmp_path))
    assert r.exit_code == 0, r.output
    assert "bad.csv:4: no text column" in r.output and "articles new" in r.output
    with open_store(db) as s:
        assert s.count_pending() == 2
    r = invoke("--db", db, "code")
    assert r.exit_code == 0, r.output
    assert "coded 2 articles, 1 event in" in r.output
    r = invoke("--db", db, "code")
    assert "nothing to code" in r.output


def test_bad_input_is_one_line_error(tmp_path: Path) -> None:
    r = invoke("--db", str(tmp_path / "none.duckdb"), "events")
    assert r.exit_code == 1 and "does not exist" in str(r.exception)


def _main_exit(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["allegiance", *args])
    try:
        main()
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


def test_main_exit_codes(
    filled_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    assert _main_exit(monkeypatch, "--help") == 0
    assert _main_exit(monkeypatch, "--db", filled_db, "status") == 0
    assert _main_exit(monkeypatch, "no-such-command") == 2
    assert _main_exit(monkeypatch, "events", "--limit", "zero") == 2
    assert _main_exit(monkeypatch, "--db", filled_db, "events", "--type", "HUG") == 1
    err = capsys.readouterr().err
    assert "error: unknown event type HUG" in err and "Traceback" not in err

    @app.command("fail-with-3", hidden=True)
    def _fail() -> None:
        raise typer.Exit(3)

    try:
        assert _main_exit(monkeypatch, "fail-with-3") == 3
    finally:
        app.registered_commands.pop()


class DyadCoder(FakeCoder):
    """Codes 'X helped Y' / 'X attacked Y' sentences (country names -> codes) without NLP."""

    CODES = {"Mali": "MLI", "Niger": "NER", "Burkina": "BFA", "France": "FRA", "Russia": "RUS"}

    def code_articles(self, articles):
        for art in articles:
            events = []
            for sentence in art.text.split(". "):
                words = sentence.rstrip(".").split()
                if len(words) == 3 and words[1] in ("helped", "attacked"):
                    src, tgt = self.CODES[words[0]], self.CODES[words[2]]
                    kind, weight = ("AID", 4.0) if words[1] == "helped" else ("ASSAULT", -9.0)
                    events.append(make_event(art, kind, src, tgt, art.pub_date, weight,
                                             sentence=sentence))
            yield art, events


def _sample(folder: Path) -> None:
    folder.mkdir()
    head = "---\ndate: {}\nlang: en\n---\n"
    (folder / "a.txt").write_text(
        head.format("2023-05-02") + "Russia helped Mali. France attacked Niger.\n", "utf-8")
    (folder / "b.txt").write_text(
        head.format("2024-06-09") + "Russia helped Burkina. Niger helped Russia.\n", "utf-8")
    (folder / "c.jsonl").write_text(
        '{"text": "Mali attacked France.", "date": "2024-01-20", "lang": "en"}\n'
        '{"title": "no text"}\n', "utf-8")
    (folder / "gold.jsonl").write_text('{"text": "Mali helped France.", "date": "2024-01-01"}\n',
                                      "utf-8")  # annotations: must not be ingested


def test_demo_with_small_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from allegiance.cli import core

    folder = tmp_path / "sample"
    _sample(folder)

    @contextlib.contextmanager
    def fake_dir():
        yield folder

    monkeypatch.setattr(core, "sample_dir", fake_dir)
    monkeypatch.setattr(pipeline, "make_coder", lambda config: DyadCoder())
    db = tmp_path / "demo.duckdb"
    db.write_bytes(b"")  # an empty leftover file is replaced
    for _ in range(2):  # a second demo starts from scratch again
        r = invoke("demo", "--db", str(db))
        assert r.exit_code == 0, r.output
        with open_store(db) as s:
            assert s.count_events() == 5 and s.stats()["articles"] == {"coded": 3}
    out = r.output
    assert "Coded timeline" in out and "RUS → MLI" in out and "demo finished in" in out
    assert "c.jsonl:2:" in out  # the record without text is reported
    lines = {line.split("│")[1].strip(): line for line in out.splitlines()
             if line.count("│") > 3 and "↔" in line}
    # columns 2023 and 2024: net intensity (events), both directions, from the stored events
    assert "+4.0 (1)" in lines["MLI ↔ RUS"] and "-9.0 (1)" in lines["MLI ↔ FRA"]
    assert "-9.0 (1)" in lines["NER ↔ FRA"] and "+4.0 (1)" in lines["NER ↔ RUS"]
    assert lines["AES together ↔ RUS"].count("+4.0 (1)") == 1
    assert "+8.0 (2)" in lines["AES together ↔ RUS"]


def test_demo_refuses_to_delete_other_files(tmp_path: Path) -> None:
    precious = tmp_path / "notes.duckdb"
    precious.write_text("my notes, not a database\n", encoding="utf-8")
    r = invoke("demo", "--db", str(precious))
    assert r.exit_code == 1 and "not a DuckDB database" in str(r.exception)
    assert precious.read_text(encoding="utf-8").startswith("my notes")


def test_demo_on_packaged_sample(tmp_path: Path) -> None:
    """The real thing: packaged corpus, real ingest and coder; the summary matches the store."""
    db = tmp_path / "demo.duckdb"
    r = invoke("demo", "--db", str(db))
    assert r.exit_code == 0, r.output
    with open_store(db) as s:
        st = s.stats()
        assert st["articles"].get("coded", 0) >= 20 and st["events"] >= 20
        assert s.count_events(actor="MLI,BFA,NER") > 0
        gold_ids = {a["id"] for a in s.query("SELECT id FROM articles WHERE origin LIKE '%gold%'")}
        assert not gold_ids
        mli_rus = s.dyad_series("MLI", "RUS", freq="year")
    assert "Coded timeline" in r.output and "AES together ↔ RUS" in r.output
    row = next(line for line in r.output.splitlines() if "MLI ↔ RUS" in line)
    for year in {x["period"].year for x in mli_rus}:
        net = sum(x["net_intensity"] for x in mli_rus if x["period"].year == year)
        n = sum(x["n_events"] for x in mli_rus if x["period"].year == year)
        assert f"{net:+.1f} ({n})" in row
