"""The SQL every analysis starts from: non-negated events, with typed columns.

**Negated events are excluded from all analytics** ("Mali did not sign the agreement" is coded,
kept in the store with ``negated = true`` as evidence, but never counted). Planned events
("will sign") are counted. Columns are cast explicitly so that the same SQL runs on the store's
``events`` table and on an exported file loaded back with ``read_csv_auto``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


def needs_sectors(sets: Iterable[Any]) -> bool:
    """True when some ``ActorSet`` in ``sets`` has a sector-specific member (``MLI GOV``)."""
    return any(sector is not None for s in sets for _, sector in s.members)


def dyad_columns(sectors: bool) -> str:
    """The actor columns an actor predicate reads: codes, and sectors when ``sectors``."""
    cols = "source_code, target_code"
    return cols + (", source_sector, target_sector" if sectors else "")


def sums_by_predicate(
    con: Any, rows_sql: str, key: str, predicates: Sequence[str], sums: Sequence[str],
    sectors: bool = True,
) -> dict[tuple[int, Any], list[float]]:
    """``{(k, key value): [sum, ...]}`` over the rows of ``rows_sql`` where ``predicates[k]``
    holds, for every k, in one scan. A row matching several predicates counts for each, as
    with ``unnest`` over them; keys without any matching row are absent.

    ``predicates`` are actor predicates (``ActorSet.predicate``): they read only the codes, and
    the sectors when ``sectors`` is true. So rows are first summed per key and actors (a few
    thousand groups), the predicates are evaluated on those groups rather than on every event,
    and the groups are summed again per key and truth values of the predicates. ``sums`` are SQL
    expressions over ``rows_sql``'s columns (``"intensity"``, ``"1"`` for a count).
    """
    actors = dyad_columns(sectors)
    inner = ", ".join(f"sum({x}) AS v{i}" for i, x in enumerate(sums))
    flags = ", ".join(f"coalesce({p}, FALSE) AS m{k}" for k, p in enumerate(predicates))
    cols = ", ".join(f"m{k}" for k in range(len(predicates)))
    outer = ", ".join(f"CAST(sum(v{i}) AS DOUBLE)" for i in range(len(sums)))
    sql = (
        f"SELECT g, {cols}, {outer} FROM ("
        f"SELECT g, {flags}, * FROM ("
        f"SELECT {key} AS g, {actors}, {inner} FROM ({rows_sql}) GROUP BY ALL)) GROUP BY ALL"
    )  # no WHERE on the flags: DuckDB would push it below the first GROUP BY, onto every row
    out: dict[tuple[int, Any], list[float]] = {}
    n = len(predicates)
    for row in con.execute(sql).fetchall():
        values = row[n + 1:]
        for k in range(n):
            if row[k + 1]:
                acc = out.get((k, row[0]))
                if acc is None:
                    out[(k, row[0])] = [float(v) for v in values]
                else:
                    for i, v in enumerate(values):
                        acc[i] += float(v)
    return out
