"""Read-only SQL behind the JSON API: event lists, event detail, actors, stats, timeline, map.

Every function takes a DuckDB cursor and returns plain dicts/lists ready for the response models.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from ..analysis.periods import period_range
from .filters import EventFilter

EVENT_COLUMNS: tuple[str, ...] = (
    "id", "article_id", "event_type", "event_date", "event_date_end", "date_precision",
    "date_text", "mode", "source_code", "source_sector", "source_text", "target_code",
    "target_sector", "target_text", "place_name", "place_country", "place_lat", "place_lon",
    "negated", "planned", "reported", "confidence", "intensity", "trigger", "lang", "sentence",
    "sent_start", "sent_end",
)  # fmt: skip

#: From this offset on, a page is found by sorting narrow rows first (much faster on big tables).
DEEP_OFFSET = 5000

FREQ_PARTS = {"week": "week", "month": "month", "quarter": "quarter", "year": "year"}


def _period(freq: str, column: str = "event_date") -> str:
    """SQL expression truncating ``column`` to the start of its period (week, month, ...)."""
    part = FREQ_PARTS[freq]  # KeyError for anything else: never interpolate user text
    return f"CAST(date_trunc('{part}', {column}) AS DATE)"


def _dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def list_events(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int, offset: int
) -> tuple[int, list[dict[str, Any]]]:
    """The total number of matching events and one page of them, newest first."""
    where, params = flt.where()
    total_row = cur.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()
    total = int(total_row[0]) if total_row else 0
    if total == 0 or offset >= total:
        return total, []
    cols = ", ".join(EVENT_COLUMNS)
    if offset < DEEP_OFFSET:
        cur.execute(
            f"SELECT {cols} FROM events WHERE {where} "
            "ORDER BY event_date DESC, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    else:  # sort narrow (date, id, rowid) rows first, then fetch the page's wide rows
        cur.execute(
            f"SELECT {cols} FROM events WHERE rowid IN ("
            f"  SELECT rowid FROM events WHERE {where}"
            "   ORDER BY event_date DESC, id LIMIT ? OFFSET ?"
            ") ORDER BY event_date DESC, id",
            [*params, limit, offset],
        )
    return total, _dicts(cur)


def get_event(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event by id, or None."""
    cur.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE id = ?", [event_id])
    rows = _dicts(cur)
    return rows[0] if rows else None


def get_article(cur: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The displayable fields of one article, or None."""
    cur.execute(
        "SELECT id, title, source, url, pub_date, lang, text FROM articles WHERE id = ?",
        [article_id],
    )
    rows = _dicts(cur)
    return rows[0] if rows else None


def locate_sentence(text: str, sentence: str, start: int, end: int) -> tuple[int, int, bool]:
    """Code-point span of the evidence sentence in ``text``: stored offsets if they match,
    else the first occurrence of the (whitespace-trimmed) sentence, else (0, 0, False)."""
    if 0 <= start <= end <= len(text) and text[start:end] == sentence:
        return start, end, True
    needle = sentence.strip()
    if needle:
        pos = text.find(needle)
        if pos >= 0:
            return pos, pos + len(needle), False
    return 0, 0, False


def list_actors(cur: duckdb.DuckDBPyConnection, limit: int) -> list[dict[str, Any]]:
    """Actors seen in events (as source or target), most active first, with names if known."""
    cur.execute(
        """
        WITH seen AS (
            SELECT code, sum(n) AS n_events FROM (
                SELECT source_code AS code, count(*) AS n FROM events GROUP BY 1
                UNION ALL
                SELECT target_code, count(*) FROM events
                WHERE target_code IS NOT NULL GROUP BY 1
            ) GROUP BY code
        )
        SELECT s.code, a.name, a.kind, CAST(s.n_events AS BIGINT) AS n_events
        FROM seen s LEFT JOIN actors a ON a.code = s.code
        ORDER BY s.n_events DESC, s.code
        LIMIT ?
        """,
        [limit],
    )
    return _dicts(cur)


def _counts(cur: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    return [{"key": str(k), "n": int(n)} for k, n in cur.execute(sql).fetchall()]


def stats(cur: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Corpus size, date range and breakdowns by status, event type and language."""
    n_articles = cur.execute("SELECT count(*) FROM articles").fetchone()
    ev = cur.execute(
        "SELECT count(*), min(event_date), max(event_date) FROM events"
    ).fetchone()
    n_actors = cur.execute(
        "SELECT count(DISTINCT code) FROM (SELECT source_code AS code FROM events "
        "UNION ALL SELECT target_code FROM events WHERE target_code IS NOT NULL)"
    ).fetchone()
    return {
        "n_articles": int(n_articles[0]) if n_articles else 0,
        "n_events": int(ev[0]) if ev else 0,
        "first_date": ev[1] if ev else None,
        "last_date": ev[2] if ev else None,
        "n_actors": int(n_actors[0]) if n_actors else 0,
        "articles_by_status": _counts(
            cur, "SELECT status, count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC, 1"
        ),
        "events_by_type": _counts(
            cur, "SELECT event_type, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"
        ),
        "events_by_lang": _counts(
            cur, "SELECT lang, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1"
        ),
    }


def timeline(
    cur: duckdb.DuckDBPyConnection, flt: EventFilter, freq: str
) -> list[dict[str, Any]]:
    """Event counts per period and type, oldest period first, every period present."""
    where, params = flt.where()
    cur.execute(
        f"SELECT {_period(freq)} AS period, event_type, count(*) AS n FROM events "
        f"WHERE {where} GROUP BY 1, 2 ORDER BY 1, 2",
        params,
    )
    buckets: dict[dt.date, dict[str, int]] = {}
    for period, etype, n in cur.fetchall():
        buckets.setdefault(period, {})[etype] = int(n)
    if not buckets:
        return []
    return [
        {"period": p, "counts": buckets.get(p, {})}
        for p in period_range(min(buckets), max(buckets), freq)
    ]


def places(cur: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int) -> list[dict[str, Any]]:
    """Located events grouped by place, busiest first."""
    where, params = flt.where()
    cur.execute(
        f"""
        SELECT place_name AS name, any_value(place_country) AS country,
               avg(place_lat) AS lat, avg(place_lon) AS lon, count(*) AS n_events,
               count(*) FILTER (WHERE intensity > 0) AS cooperative,
               count(*) FILTER (WHERE intensity < 0) AS conflictual
        FROM events
        WHERE {where} AND place_lat IS NOT NULL AND place_lon IS NOT NULL
              AND place_name IS NOT NULL
        GROUP BY place_name
        ORDER BY n_events DESC, name
        LIMIT ?
        """,
        [*params, limit],
    )
    return _dicts(cur)
