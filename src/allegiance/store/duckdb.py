"""The DuckDB store: articles, events, actors and problems in one file.

Writes are bulk (one columnar ``INSERT ... SELECT unnest(...)`` per batch) and transactional:
``save_coded`` replaces an article's events and marks it coded in a single transaction, so a run
killed half-way leaves the article 'pending' and a re-run resumes where it stopped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from ..errors import StoreError
from ..models import Article, Event, Problem
from .filters import (
    EventFilter,
    FilterError,
    actor_clause,
    actor_label,
    check_freq,
    parse_actors,
)
from .migrate import check_version, migrate

EXPORT_FORMATS: dict[str, str] = {
    "csv": "FORMAT csv, HEADER true",
    "parquet": "FORMAT parquet",
    "jsonl": "FORMAT json",
}

_ARTICLE_COLS = (
    "id", "text", "origin", "title", "pub_date", "source", "url", "lang",
    "status", "status_reason", "duplicate_of",
)  # fmt: skip
_EVENT_VIEW = (
    "SELECT e.*, a.url AS url, a.title AS title, a.source AS article_source, "
    "a.pub_date AS pub_date FROM events e JOIN articles a ON a.id = e.article_id"
)
_ORDER = "ORDER BY e.event_date, e.article_id, e.sent_start, e.id"
_BATCH = 50_000


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class DuckDBStore:
    """A migrated DuckDB database. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        where = self.path
        try:
            if self.path != ":memory:" and not read_only:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            reason = str(exc).splitlines()[0]
            if "lock" in reason.lower():
                reason = "it is in use by another process (close it, or open read-only)"
            raise StoreError(f"cannot open database {where}: {reason}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {where}: {exc}") from exc
        try:
            if read_only:
                self.version = check_version(self.con, where)
                if self.version == 0:
                    raise StoreError(f"{where} is not an allegiance database (no schema)")
            else:
                self.version = migrate(self.con, where)
        except Exception:
            self.con.close()
            raise
        self._types: dict[str, dict[str, str]] = {}

    # -- plumbing ---------------------------------------------------------------------------

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        try:
            self.con.close()
        except duckdb.Error:
            pass

    def query(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """Run ``sql`` and return its rows as dicts keyed by column name."""
        cur = self.con.execute(sql, params) if params else self.con.execute(sql)
        if cur.description is None:
            return []
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block in one transaction; roll back on any exception."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    def _column_types(self, table: str) -> dict[str, str]:
        if table not in self._types:
            rows = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
            self._types[table] = dict(rows)
        return self._types[table]

    def _insert(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], conflict: str = ""
    ) -> None:
        """Bulk insert: each column travels as one typed list, unnested server-side."""
        if not rows:
            return
        types = self._column_types(table)
        select = ", ".join(
            f"unnest(${i + 1}::{types[c]}[])" for i, c in enumerate(columns)
        )
        sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} {conflict}"
        for start in range(0, len(rows), _BATCH):
            chunk = rows[start : start + _BATCH]
            self.con.execute(sql, [[r[i] for r in chunk] for i in range(len(columns))])

    # -- ingest side ------------------------------------------------------------------------

    def has_article(self, id: str) -> bool:
        """Whether an article with this content id is stored (in any status)."""
        return self.con.execute("SELECT 1 FROM articles WHERE id = ?", [id]).fetchone() is not None

    def add_article(self, article: Article, n_words: int, minhash: bytes | None) -> None:
        """Store a new article; a no-op if its id is already stored."""
        row = (
            article.id, article.url, article.source, article.title, article.pub_date,
            article.lang, article.text, article.origin, n_words, article.status,
            article.status_reason, article.duplicate_of, minhash, _now(),
        )  # fmt: skip
        cols = (
            "id", "url", "source", "title", "pub_date", "lang", "text", "origin", "n_words",
            "status", "status_reason", "duplicate_of", "minhash", "ingested_at",
        )  # fmt: skip
        with self.transaction():
            self.con.execute(
                f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                "ON CONFLICT (id) DO NOTHING",
                list(row),
            )

    def iter_minhashes(self) -> Iterator[tuple[str, bytes]]:
        """``(id, minhash)`` of every stored non-duplicate article that has a signature."""
        cur = self.con.cursor()
        try:
            cur.execute(
                "SELECT id, minhash FROM articles "
                "WHERE status <> 'duplicate' AND minhash IS NOT NULL ORDER BY ingested_at, id"
            )
            while rows := cur.fetchmany(10_000):
                for id_, blob in rows:
                    yield id_, bytes(blob)
        finally:
            cur.close()

    def add_problems(self, problems: Sequence[Problem]) -> None:
        """Record input problems (what could not be used, and why)."""
        now = _now()
        rows = [(p.path, p.line, p.reason, now) for p in problems]
        with self.transaction():
            self._insert("problems", ("path", "line", "reason", "seen_at"), rows)

    # -- coding side ------------------------------------------------------------------------

    def pending_articles(self, limit: int | None = None) -> list[Article]:
        """Articles waiting to be coded, oldest (first ingested) first."""
        sql = (
            f"SELECT {', '.join(_ARTICLE_COLS)} FROM articles WHERE status = 'pending' "
            "ORDER BY ingested_at, id"
        )
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [Article(**r) for r in self.query(sql, params)]

    def count_pending(self) -> int:
        """Number of articles waiting to be coded."""
        return self.con.execute(
            "SELECT count(*) FROM articles WHERE status = 'pending'"
        ).fetchone()[0]

    def save_coded(self, article_id: str, events: Sequence[Event]) -> None:
        """Replace the events of one article and mark it coded, in one transaction."""
        self.save_coded_many([(article_id, events)])

    def save_coded_many(self, items: Sequence[tuple[str, Sequence[Event]]]) -> None:
        """``save_coded`` for several articles at once, all in one transaction."""
        if not items:
            return
        ids = [article_id for article_id, _ in items]
        rows: dict[str, dict[str, Any]] = {}
        for article_id, events in items:
            for event in events:
                if event.article_id != article_id:
                    raise StoreError(
                        f"event {event.id} belongs to article {event.article_id}, "
                        f"not {article_id}"
                    )
                rows.setdefault(event.id, event.to_row())  # identical events: keep one
        known = self.con.execute(
            "SELECT count(*) FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        ).fetchone()[0]
        if known != len(set(ids)):
            raise StoreError("cannot save events: some article ids are not stored")
        columns = list(next(iter(rows.values())).keys()) if rows else []
        try:
            with self.transaction():
                self.con.execute(
                    "DELETE FROM events WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
                )
                self._insert("events", columns, [tuple(r.values()) for r in rows.values()])
                self.con.execute(
                    "UPDATE articles SET status = 'coded', status_reason = NULL, coded_at = ? "
                    "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                    [_now(), ids],
                )
        except duckdb.Error as exc:
            raise StoreError(f"could not save coded events: {exc}") from exc

    def upsert_actors(self, rows: Iterable[tuple[str, str, str, str | None]]) -> None:
        """Insert or update actors ``(code, name, kind, country)``; the last row per code wins."""
        by_code = {row[0]: tuple(row) for row in rows}
        with self.transaction():
            self._insert(
                "actors",
                ("code", "name", "kind", "country"),
                list(by_code.values()),
                "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
                "kind = excluded.kind, country = excluded.country",
            )

    # -- reading ----------------------------------------------------------------------------

    def get_article(self, id: str) -> Article | None:
        """The stored article with this id, or None."""
        rows = self.query(f"SELECT {', '.join(_ARTICLE_COLS)} FROM articles WHERE id = ?", [id])
        return Article(**rows[0]) if rows else None

    def events(
        self,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        type: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        lang: str | None = None,
        include_negated: bool = True,
        limit: int | None = 100,
        offset: int = 0,
        article_id: str | None = None,
    ) -> list[dict[str, Any]]:
        """Events (with their article's url, title, source and pub_date), oldest first."""
        where, params = EventFilter(
            actor, dyad, type, since, until, lang, include_negated, article_id
        ).where()
        sql = f"{_EVENT_VIEW} WHERE {where} {_ORDER}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [limit, offset]
        elif offset:
            sql += " OFFSET ?"
            params.append(offset)
        return self.query(sql, params)

    def count_events(
        self,
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        type: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        lang: str | None = None,
        include_negated: bool = True,
        article_id: str | None = None,
    ) -> int:
        """Number of events matching the same filters as ``events``."""
        where, params = EventFilter(
            actor, dyad, type, since, until, lang, include_negated, article_id
        ).where()
        sql = f"SELECT count(*) FROM events e WHERE {where}"
        return self.con.execute(sql, params).fetchone()[0]

    def timeline(
        self,
        actor: str,
        freq: str = "month",
        since: date | str | None = None,
        until: date | str | None = None,
        include_negated: bool = False,
    ) -> list[dict[str, Any]]:
        """Per period: ``period``, ``n_events``, ``counts`` {event_type: n}, ``net_intensity``.

        Events where ``actor`` is source or target; negated events are left out by default.
        Only periods with events appear.
        """
        part = check_freq(freq)
        where, params = EventFilter(
            actor=actor, since=since, until=until, include_negated=include_negated
        ).where()
        rows = self.con.execute(
            f"SELECT CAST(date_trunc('{part}', e.event_date) AS DATE) AS period, e.event_type, "
            f"count(*), sum(e.intensity) FROM events e WHERE {where} GROUP BY 1, 2 ORDER BY 1, 2",
            params,
        ).fetchall()
        out: dict[date, dict[str, Any]] = {}
        for period, event_type, n, intensity in rows:
            slot = out.setdefault(
                period, {"period": period, "n_events": 0, "counts": {}, "net_intensity": 0.0}
            )
            slot["n_events"] += n
            slot["counts"][event_type] = n
            slot["net_intensity"] += float(intensity)
        for slot in out.values():
            slot["net_intensity"] = round(slot["net_intensity"], 6)
        return list(out.values())

    def dyad_series(
        self,
        a: str,
        b: str,
        freq: str = "month",
        since: date | str | None = None,
        until: date | str | None = None,
    ) -> list[dict[str, Any]]:
        """Per period and direction (``"A->B"``, ``"B->A"``): event, cooperation and conflict
        counts and net intensity. Negated events are excluded; only non-empty rows appear.

        ``a`` and ``b`` are actor specs (``"MLI"``, ``"MLI GOV"``, ``"MLI,BFA,NER"``). An event
        counts as cooperation if its intensity is positive, conflict if negative.
        """
        part = check_freq(freq)
        specs_a, specs_b = parse_actors(a), parse_actors(b)
        label_a, label_b = actor_label(a), actor_label(b)
        where, params = EventFilter(
            dyad=(a, b), since=since, until=until, include_negated=False
        ).where()
        src_a, p_src = actor_clause(specs_a, "source")
        tgt_b, p_tgt = actor_clause(specs_b, "target")
        sql = f"""
            SELECT CAST(date_trunc('{part}', e.event_date) AS DATE) AS period,
                   CASE WHEN {src_a} AND {tgt_b} THEN 0 ELSE 1 END AS dir,
                   count(*) AS n_events,
                   count(*) FILTER (WHERE e.intensity > 0) AS n_coop,
                   count(*) FILTER (WHERE e.intensity < 0) AS n_conflict,
                   sum(e.intensity) AS net_intensity
            FROM events e WHERE {where}
            GROUP BY 1, 2 ORDER BY 1, 2
        """
        rows = self.con.execute(sql, p_src + p_tgt + params).fetchall()
        names = (f"{label_a}->{label_b}", f"{label_b}->{label_a}")
        return [
            {
                "period": period,
                "direction": names[d],
                "source": (label_a, label_b)[d],
                "target": (label_b, label_a)[d],
                "n_events": n,
                "n_coop": coop,
                "n_conflict": conflict,
                "net_intensity": round(float(net), 6),
            }
            for period, d, n, coop, conflict, net in rows
        ]

    def stats(self) -> dict[str, Any]:
        """Counts: articles by status (and total), events (and negated), actors, problems."""
        sql = "SELECT status, count(*) FROM articles GROUP BY 1 ORDER BY 1"
        by_status = dict(self.con.execute(sql).fetchall())
        n_events, n_negated, first, last = self.con.execute(
            "SELECT count(*), count(*) FILTER (WHERE negated), min(event_date), max(event_date) "
            "FROM events"
        ).fetchone()
        return {
            "schema_version": self.version,
            "articles": by_status,
            "articles_total": sum(by_status.values()),
            "events": n_events,
            "events_negated": n_negated,
            "first_event": first,
            "last_event": last,
            "actors": self.con.execute("SELECT count(*) FROM actors").fetchone()[0],
            "problems": self.con.execute("SELECT count(*) FROM problems").fetchone()[0],
        }

    # -- export -----------------------------------------------------------------------------

    def export(
        self,
        path: str | Path,
        format: str = "csv",
        actor: str | None = None,
        dyad: tuple[str, str] | None = None,
        type: str | None = None,
        since: date | str | None = None,
        until: date | str | None = None,
        lang: str | None = None,
        include_negated: bool = True,
    ) -> int:
        """Write matching events, joined with their article's url/title/source/pub_date, to
        ``path`` as csv, parquet or jsonl (one JSON object per line). Returns the row count."""
        if format not in EXPORT_FORMATS:
            raise FilterError(f"bad export format {format!r}: one of {', '.join(EXPORT_FORMATS)}")
        where, params = EventFilter(actor, dyad, type, since, until, lang, include_negated).where()
        out = Path(path)
        if not out.parent.is_dir():
            raise StoreError(f"cannot export to {out}: folder {out.parent} does not exist")
        sql = (
            f"COPY ({_EVENT_VIEW} WHERE {where} {_ORDER}) "
            f"TO {_sql_string(str(out))} ({EXPORT_FORMATS[format]})"
        )
        try:
            result = self.con.execute(sql, params).fetchone()
        except duckdb.Error as exc:
            raise StoreError(f"cannot export to {out}: {str(exc).splitlines()[0]}") from exc
        return int(result[0]) if result else 0


def is_duckdb_path(db: str) -> bool:
    """Whether ``db`` names a DuckDB file (anything that is not a URL)."""
    return not re.match(r"^[a-z][a-z0-9+.-]*://", db)
