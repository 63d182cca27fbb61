"""What every store backend shares: the SQL of reads, writes, filters, series and stats.

The SQL here is portable (DuckDB and PostgreSQL) and written with ``?`` placeholders; a backend
supplies the connection (``self.con.execute`` returning a DB-API cursor), bulk inserts, row
streaming and the export writer. Writes are transactional: ``save_coded_many`` replaces the events
of a batch of articles and marks them coded in one transaction, so a run killed half-way leaves
them 'pending' and a re-run resumes where it stopped.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ClassVar

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

#: Export formats, with the DuckDB ``COPY`` options that write them.
EXPORT_FORMATS: dict[str, str] = {
    "csv": "FORMAT csv, HEADER true",
    "parquet": "FORMAT parquet",
    "jsonl": "FORMAT json",
}

ARTICLE_COLS = (
    "id", "text", "origin", "title", "pub_date", "source", "url", "lang",
    "status", "status_reason", "duplicate_of",
)  # fmt: skip
EVENT_VIEW = (
    "SELECT e.*, a.url AS url, a.title AS title, a.source AS article_source, "
    "a.pub_date AS pub_date FROM events e JOIN articles a ON a.id = e.article_id"
)
ORDER_KEYS = ("event_date", "article_id", "sent_start", "id")
ORDER = "ORDER BY " + ", ".join(f"e.{k}" for k in ORDER_KEYS)
#: ``problems.line`` for a problem not tied to a line (lines are 1-based); see migration 002.
NO_LINE = 0


def now() -> datetime:
    """The current UTC time, naive (as stored in TIMESTAMP columns)."""
    return datetime.now(UTC).replace(tzinfo=None)


def period_sql(part: str) -> str:
    """SQL of the first day of the ``part`` (day, week, ...) holding ``e.event_date``."""
    return f"CAST(date_trunc('{part}', CAST(e.event_date AS TIMESTAMP)) AS DATE)"


def events_page_sql(where: str, limit: int | None, offset: int) -> tuple[str, list[Any]]:
    """A page of the event view: ids are picked (sorted, sliced) on the narrow ``events``
    columns first, then only those rows are joined with their articles. Returns the SQL and the
    parameters to append after the filter's own."""
    keys = ", ".join(f"e.{k}" for k in ORDER_KEYS)
    slice_sql, params = "", []
    if limit is not None:
        slice_sql, params = " LIMIT ? OFFSET ?", [limit, offset]
    elif offset:
        slice_sql, params = " OFFSET ?", [offset]
    page = f"SELECT {keys} FROM events e WHERE {where} {ORDER}{slice_sql}"
    sql = (
        f"WITH page AS ({page}) "
        f"SELECT e.*, a.url AS url, a.title AS title, a.source AS article_source, "
        f"a.pub_date AS pub_date FROM page p JOIN events e ON e.id = p.id "
        f"JOIN articles a ON a.id = e.article_id "
        f"ORDER BY " + ", ".join(f"p.{k}" for k in ORDER_KEYS)
    )
    return sql, params


class BaseStore(ABC):
    """A migrated database. Use as a context manager, or call ``close()``."""

    #: Exceptions of the database driver (wrapped into ``StoreError`` on writes).
    DB_ERRORS: ClassVar[tuple[type[Exception], ...]] = ()
    #: Where the database is, for messages (a path, or a URL without its password).
    where: str
    #: Schema version of the open database.
    version: int
    #: The connection: ``execute(sql, params)`` with ``?`` placeholders returns a cursor.
    con: Any

    # -- backend hooks ----------------------------------------------------------------------

    @abstractmethod
    def close(self) -> None:
        """Close the connection (idempotent)."""

    @abstractmethod
    def _insert(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], conflict: str = ""
    ) -> None:
        """Bulk insert ``rows`` (``conflict``: an ``ON CONFLICT ...`` clause, or empty)."""

    @abstractmethod
    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[list[tuple[Any, ...]]]:
        """Rows of a query in batches, without holding them all in memory."""

    @abstractmethod
    def _write_export(self, sql: str, params: list[Any], out: Path, format: str) -> int:
        """Write the rows of ``sql`` to ``out`` in ``format``; return the row count."""

    # -- plumbing ---------------------------------------------------------------------------

    def __enter__(self) -> BaseStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        return self.con.execute(sql, list(params)) if params else self.con.execute(sql)

    def _scalar(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        row = self._execute(sql, params).fetchone()
        return row[0] if row else None

    def query(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        """Run ``sql`` (``?`` placeholders) and return its rows as dicts keyed by column name."""
        cur = self._execute(sql, params)
        if cur.description is None:
            return []
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    @contextmanager
    def transaction(self, what: str = "write to the database") -> Iterator[None]:
        """Run the block in one transaction; roll back on any exception. Database errors
        become a one-line ``StoreError`` ("could not <what>: <reason>")."""
        try:
            self._execute("BEGIN TRANSACTION")
            try:
                yield
            except BaseException:
                self._rollback()
                raise
            self._execute("COMMIT")
        except self.DB_ERRORS as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"could not {what}: {reason}") from exc

    def _rollback(self) -> None:
        try:
            self._execute("ROLLBACK")
        except self.DB_ERRORS:
            pass  # the connection is gone: the server drops the transaction anyway

    # -- ingest side ------------------------------------------------------------------------

    def has_article(self, id: str) -> bool:
        """Whether an article with this content id is stored (in any status)."""
        return self._execute("SELECT 1 FROM articles WHERE id = ?", [id]).fetchone() is not None

    def add_article(self, article: Article, n_words: int, minhash: bytes | None) -> None:
        """Store a new article; a no-op if its id is already stored."""
        row = (
            article.id, article.url, article.source, article.title, article.pub_date,
            article.lang, article.text, article.origin, n_words, article.status,
            article.status_reason, article.duplicate_of, minhash, now(),
        )  # fmt: skip
        cols = (
            "id", "url", "source", "title", "pub_date", "lang", "text", "origin", "n_words",
            "status", "status_reason", "duplicate_of", "minhash", "ingested_at",
        )  # fmt: skip
        with self.transaction("store the article"):
            self._execute(
                f"INSERT INTO articles ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))}) "
                "ON CONFLICT (id) DO NOTHING",
                row,
            )

    def iter_minhashes(self) -> Iterator[tuple[str, bytes]]:
        """``(id, minhash)`` of every stored non-duplicate article that has a signature."""
        for rows in self._stream(
            "SELECT id, minhash FROM articles "
            "WHERE status <> 'duplicate' AND minhash IS NOT NULL ORDER BY ingested_at, id"
        ):
            for id_, blob in rows:
                yield id_, bytes(blob)

    def add_problems(self, problems: Sequence[Problem]) -> None:
        """Record input problems (what could not be used, and why); one row per distinct
        ``(path, line, reason)``, so ingesting the same bad file again adds nothing."""
        at = now()
        keys = dict.fromkeys(
            (p.path, NO_LINE if p.line is None else p.line, p.reason) for p in problems
        )
        with self.transaction("record problems"):
            self._insert(
                "problems", ("path", "line", "reason", "seen_at"),
                [(*key, at) for key in keys],
                "ON CONFLICT (path, line, reason) DO NOTHING",
            )

    def problems(self) -> list[Problem]:
        """The recorded problems, by path, line and reason."""
        rows = self._execute(
            "SELECT path, line, reason FROM problems ORDER BY path, line, reason"
        ).fetchall()
        return [Problem(p, None if line == NO_LINE else line, r) for p, line, r in rows]

    # -- coding side ------------------------------------------------------------------------

    def pending_articles(self, limit: int | None = None) -> list[Article]:
        """Articles waiting to be coded, oldest (first ingested) first."""
        sql = (
            f"SELECT {', '.join(ARTICLE_COLS)} FROM articles WHERE status = 'pending' "
            "ORDER BY ingested_at, id"
        )
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [Article(**r) for r in self.query(sql, params)]

    def count_pending(self) -> int:
        """Number of articles waiting to be coded."""
        return int(self._scalar("SELECT count(*) FROM articles WHERE status = 'pending'"))

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
        known = self._scalar(
            "SELECT count(*) FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        )
        if known != len(set(ids)):
            raise StoreError("cannot save events: some article ids are not stored")
        columns = list(next(iter(rows.values())).keys()) if rows else []
        with self.transaction("save coded events"):
            self._execute(
                "DELETE FROM events WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
            )
            self._insert("events", columns, [tuple(r.values()) for r in rows.values()])
            self._execute(
                "UPDATE articles SET status = 'coded', status_reason = NULL, coded_at = ? "
                "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                [now(), ids],
            )

    def upsert_actors(self, rows: Iterable[tuple[str, str, str, str | None]]) -> None:
        """Insert or update actors ``(code, name, kind, country)``; the last row per code wins."""
        by_code = {row[0]: tuple(row) for row in rows}
        with self.transaction("store actors"):
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
        rows = self.query(f"SELECT {', '.join(ARTICLE_COLS)} FROM articles WHERE id = ?", [id])
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
        sql, page_params = events_page_sql(where, limit, offset)
        return self.query(sql, params + page_params)

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
        return int(self._scalar(f"SELECT count(*) FROM events e WHERE {where}", params))

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
        rows = self._execute(
            f"SELECT {period_sql(part)} AS period, e.event_type, count(*), sum(e.intensity) "
            f"FROM events e WHERE {where} GROUP BY 1, 2 ORDER BY 1, 2",
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
            SELECT {period_sql(part)} AS period,
                   CASE WHEN {src_a} AND {tgt_b} THEN 0 ELSE 1 END AS dir,
                   count(*) AS n_events,
                   count(*) FILTER (WHERE e.intensity > 0) AS n_coop,
                   count(*) FILTER (WHERE e.intensity < 0) AS n_conflict,
                   sum(e.intensity) AS net_intensity
            FROM events e WHERE {where}
            GROUP BY 1, 2 ORDER BY 1, 2
        """
        rows = self._execute(sql, p_src + p_tgt + params).fetchall()
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
        by_status = dict(self._execute(sql).fetchall())
        n_events, n_negated, first, last = self._execute(
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
            "actors": self._scalar("SELECT count(*) FROM actors"),
            "problems": self._scalar("SELECT count(*) FROM problems"),
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
        return self._write_export(f"{EVENT_VIEW} WHERE {where} {ORDER}", params, out, format)
