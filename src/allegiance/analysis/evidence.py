"""Evidence rows behind an aggregate: the events with their sentences, strongest first.

"Strongest" means the largest ``|intensity| * confidence``; ties go to the newest event, then id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from .actors import ActorSet, dyad_prefilter
from .base import DateLike, as_date

_COLUMNS = (
    "id, CAST(event_date AS DATE) AS d, event_type, source_code, source_sector, target_code, "
    "target_sector, CAST(intensity AS DOUBLE) AS intensity, "
    "CAST(confidence AS DOUBLE) AS confidence, sentence, article_id"
)
_ORDER = "ORDER BY abs(intensity) * confidence DESC, d DESC, id"


@dataclass(frozen=True)
class Evidence:
    """One event with its evidence sentence."""

    id: str
    event_date: date
    event_type: str
    source: str
    target: str | None
    intensity: float
    confidence: float
    sentence: str
    article_id: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (date as ISO string)."""
        out = asdict(self)
        out["event_date"] = self.event_date.isoformat()
        return out


def _label(code: str | None, sector: str | None) -> str | None:
    if code is None:
        return None
    return f"{code} {sector}" if sector else code


def _rows(con: Any, sql: str, params: list[Any]) -> list[Evidence]:
    return _to_evidence(con.execute(sql, params).fetchall())


def _to_evidence(rows: list[tuple[Any, ...]]) -> list[Evidence]:
    out = []
    for r in rows:
        out.append(
            Evidence(
                id=str(r[0]), event_date=r[1], event_type=r[2], source=_label(r[3], r[4]) or "",
                target=_label(r[5], r[6]), intensity=float(r[7]), confidence=float(r[8]),
                sentence=r[9], article_id=str(r[10]),
            )
        )
    return out


def top_evidence(con: Any, ids: Sequence[str], limit: int = 5) -> list[Evidence]:
    """The ``limit`` strongest events among ``ids`` (negated ones included if asked for)."""
    if not ids or limit <= 0:
        return []
    sql = (
        f"SELECT {_COLUMNS} FROM events "
        f"WHERE CAST(id AS VARCHAR) IN (SELECT unnest(CAST(? AS VARCHAR[]))) {_ORDER} LIMIT ?"
    )
    return _rows(con, sql, [list(ids), limit])


def _dyad_where(a: ActorSet, b: ActorSet) -> str:
    return (
        f"{dyad_prefilter(a, b)} AND NOT coalesce(CAST(negated AS BOOLEAN), FALSE) AND "
        f"(({a.predicate('source')} AND {b.predicate('target')}) OR "
        f"({b.predicate('source')} AND {a.predicate('target')}))"
    )


def evidence_windows(
    con: Any, a: ActorSet, b: ActorSet, windows: Sequence[tuple[date, date]], limit: int = 3,
    prefer_sign: Sequence[int] | None = None,
) -> list[list[Evidence]]:
    """For each (first day, last day) window, the ``limit`` strongest a–b events, in one query.

    With ``prefer_sign`` (one of -1, 0, +1 per window), events whose intensity has that sign
    come first in their window (cooperation for a cooperative period, conflict for a
    conflictual one), each group ordered by ``|intensity| * confidence``.
    """
    if not windows or limit <= 0:
        return [[] for _ in windows]
    cases = " ".join(
        f"WHEN d BETWEEN DATE '{s.isoformat()}' AND DATE '{e.isoformat()}' THEN {i}"
        for i, (s, e) in enumerate(windows)
    )
    signs = [int(x) for x in (prefer_sign or [0] * len(windows))]
    agree = "CASE w " + " ".join(
        f"WHEN {i} THEN sign(intensity) = {sg} AND {sg} <> 0" for i, sg in enumerate(signs)
    ) + " END"
    order = _ORDER.replace("ORDER BY", f"ORDER BY {agree} DESC,")
    # Rank on narrow columns first, then fetch the sentences of the few winners by id.
    rank_sql = (
        f"SELECT id, w FROM (SELECT CAST(id AS VARCHAR) AS id, CAST(event_date AS DATE) AS d, "
        "CAST(intensity AS DOUBLE) AS intensity, CAST(confidence AS DOUBLE) AS confidence, "
        f"CASE {cases} END AS w FROM events WHERE {_dyad_where(a, b)}) WHERE w IS NOT NULL "
        f"QUALIFY row_number() OVER (PARTITION BY w {order}) <= ? ORDER BY w, {order[9:]}"
    )
    ranked = con.execute(rank_sql, [limit]).fetchall()
    out: list[list[Evidence]] = [[] for _ in windows]
    if not ranked:
        return out
    marks = ", ".join("?" for _ in ranked)
    rows = con.execute(
        f"SELECT {_COLUMNS} FROM events WHERE CAST(id AS VARCHAR) IN ({marks})",
        [i for i, _ in ranked],
    ).fetchall()
    by_id = {ev.id: ev for ev in _to_evidence(rows)}
    for i, w in ranked:
        out[w].append(by_id[i])
    return out


def evidence_between(
    con: Any, a: ActorSet, b: ActorSet, since: DateLike = None, until: DateLike = None,
    limit: int = 5,
) -> list[Evidence]:
    """The ``limit`` strongest non-negated events between ``a`` and ``b`` (either direction)."""
    if limit <= 0:
        return []
    where = [_dyad_where(a, b)]
    start, end = as_date(since, "since"), as_date(until, "until")
    if start is not None:
        where.append(f"CAST(event_date AS DATE) >= DATE '{start.isoformat()}'")
    if end is not None:
        where.append(f"CAST(event_date AS DATE) <= DATE '{end.isoformat()}'")
    sql = f"SELECT {_COLUMNS} FROM events WHERE {' AND '.join(where)} {_ORDER} LIMIT ?"
    return _rows(con, sql, [limit])
