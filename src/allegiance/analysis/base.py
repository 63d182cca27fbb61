"""The SQL every analysis starts from: non-negated events, with typed columns.

**Negated events are excluded from all analytics** ("Mali did not sign the agreement" is coded,
kept in the store with ``negated = true`` as evidence, but never counted). Planned events
("will sign") are counted. Columns are cast explicitly so that the same SQL runs on the store's
``events`` table and on an exported file loaded back with ``read_csv_auto``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .errors import AnalysisError

DateLike = date | str | None


def as_date(value: DateLike, what: str = "date") -> date | None:
    """Parse an optional ISO date (``2023-05-04``, ``2023-05``, ``2023``) into a ``date``."""
    if value is None or isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, datetime):
        return value.date()
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise AnalysisError(f"invalid {what} {value!r}: use YYYY-MM-DD")


def events_sql(since: DateLike = None, until: DateLike = None) -> str:
    """A SELECT over non-negated events in [since, until], with column ``d`` the event date."""
    where = ["NOT coalesce(CAST(negated AS BOOLEAN), FALSE)"]
    start, end = as_date(since, "since"), as_date(until, "until")
    if start is not None:
        where.append(f"CAST(event_date AS DATE) >= DATE '{start.isoformat()}'")
    if end is not None:
        where.append(f"CAST(event_date AS DATE) <= DATE '{end.isoformat()}'")
    return (
        "SELECT CAST(id AS VARCHAR) AS id, CAST(event_date AS DATE) AS d, "
        "source_code, source_sector, target_code, target_sector, event_type, "
        "CAST(intensity AS DOUBLE) AS intensity, CAST(confidence AS DOUBLE) AS confidence "
        "FROM events WHERE " + " AND ".join(where)
    )


def require_events(con: Any) -> None:
    """Raise ``AnalysisError`` unless ``con`` has an ``events`` table."""
    try:
        con.execute("SELECT 1 FROM events LIMIT 0")
    except Exception as exc:  # duckdb.CatalogException and friends
        raise AnalysisError("no events table in this database: ingest and code articles first") \
            from exc
