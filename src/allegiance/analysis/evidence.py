"""Evidence rows behind an aggregate: the events with their sentences, strongest first.

"Strongest" means the largest ``|intensity| * confidence``; ties go to the newest event, then id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from .actors import ActorSet, dyad_prefilter, overlaps, union
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


def _by_ids(con: Any, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """The evidence columns of events ``ids``. A literal IN list (one parameter per id) is
    pushed into the table scan: several times faster than ``IN (SELECT unnest(?))``."""
    unique = list(dict.fromkeys(ids))
    marks = ", ".join("?" for _ in unique)
    return con.execute(
        f"SELECT {_COLUMNS} FROM events WHERE CAST(id AS VARCHAR) IN ({marks})", unique
    ).fetchall()


def top_evidence(con: Any, ids: Sequence[str], limit: int = 5) -> list[Evidence]:
    """The ``limit`` strongest events among ``ids`` (negated ones included if asked for)."""
    if not ids or limit <= 0:
        return []
    unique = list(dict.fromkeys(str(i) for i in ids))
    marks = ", ".join("?" for _ in unique)
    sql = (
        f"SELECT {_COLUMNS} FROM events WHERE CAST(id AS VARCHAR) IN ({marks}) {_ORDER} LIMIT ?"
    )
    return _rows(con, sql, [*unique, limit])


#: Which events of a dyad a–b: ``ab`` (a acts on b), ``ba`` (b on a, not also a on b), ``both``.
DIRECTIONS = ("ab", "ba", "both")


def _dyad_where(a: ActorSet, b: ActorSet, direction: str = "both") -> str:
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}")
    ab = f"({a.predicate('source')} AND {b.predicate('target')})"
    ba = f"({b.predicate('source')} AND {a.predicate('target')})"
    exact = {"ab": ab, "ba": f"({ba} AND NOT coalesce({ab}, FALSE))", "both": f"({ab} OR {ba})"}
    return (
        f"{dyad_prefilter(a, b)} AND NOT coalesce(CAST(negated AS BOOLEAN), FALSE) AND "
        f"{exact[direction]}"
    )


def _date_where(since: DateLike, until: DateLike) -> list[str]:
    where = []
    start, end = as_date(since, "since"), as_date(until, "until")
    if start is not None:
        where.append(f"CAST(event_date AS DATE) >= DATE '{start.isoformat()}'")
    if end is not None:
        where.append(f"CAST(event_date AS DATE) <= DATE '{end.isoformat()}'")
    return where


def event_ids_between(
    con: Any, a: ActorSet, b: ActorSet, since: DateLike = None, until: DateLike = None,
    direction: str = "both",
) -> list[str]:
    """Sorted ids of the non-negated a–b events in [since, until] (``direction``: see
    ``DIRECTIONS``)."""
    where = " AND ".join([_dyad_where(a, b, direction), *_date_where(since, until)])
    sql = f"SELECT CAST(id AS VARCHAR) AS i FROM events WHERE {where} ORDER BY i"
    return [r[0] for r in con.execute(sql).fetchall()]


#: One evidence request: actor sets ``a`` and ``b``, (first day, last day) windows, and an
#: optional preferred sign per window (see ``evidence_windows``).
Request = tuple[ActorSet, ActorSet, Sequence[tuple[date, date]], Sequence[int] | None]


def _lit(value: str | None) -> str:
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def _members(s: ActorSet) -> list[tuple[str, str | None]]:
    """Members of ``s`` without the sector-specific ones that a bare code already covers, so
    that an actor matches at most one member (same set of events as ``s.predicate``)."""
    bare = {code for code, sector in s.members if sector is None}
    return [(c, sec) for c, sec in s.members if sec is None or c not in bare]


def _disjoint(windows: Sequence[tuple[date, date]]) -> list[list[tuple[date, date]]]:
    """Each window minus the earlier ones: an event belongs to the first window containing it."""
    taken: list[tuple[date, date]] = []
    out: list[list[tuple[date, date]]] = []
    for start, end in windows:
        pieces = [(start, end)] if start <= end else []
        for t0, t1 in taken:
            cut: list[tuple[date, date]] = []
            for p0, p1 in pieces:
                if t1 < p0 or t0 > p1:
                    cut.append((p0, p1))
                    continue
                if p0 < t0:
                    cut.append((p0, t0 - timedelta(days=1)))
                if p1 > t1:
                    cut.append((t1 + timedelta(days=1), p1))
            pieces = cut
        out.append(pieces)
        if start <= end:
            taken.append((start, end))
    return out


def _request_rows(requests: Sequence[Request]) -> tuple[list[str], bool]:
    """VALUES rows (request, window, source member, target member, dates, preferred sign), and
    whether some request can match one event in both directions (overlapping sets)."""
    rows: list[str] = []
    overlap = False
    for j, (a, b, windows, prefer) in enumerate(requests):
        overlap = overlap or overlaps(a, b)
        signs = [int(x) for x in (prefer or [0] * len(windows))]
        combos = [(s, t) for x, y in ((a, b), (b, a)) for s in _members(x) for t in _members(y)]
        for w, pieces in enumerate(_disjoint(windows)):
            for p0, p1 in pieces:
                for (sc, ss), (tc, ts) in combos:
                    rows.append(
                        f"({j}, {w}, {_lit(sc)}, {_lit(ss)}, {_lit(tc)}, {_lit(ts)}, "
                        f"DATE '{p0.isoformat()}', DATE '{p1.isoformat()}', {signs[w]})"
                    )
    return rows, overlap


def evidence_batch(
    con: Any, requests: Sequence[Request], limit: int = 3
) -> list[list[list[Evidence]]]:
    """``evidence_windows`` for many (a, b, windows, prefer_sign) requests in one scan.

    Result ``[request][window]``: the ``limit`` strongest non-negated a–b events (either
    direction) of each window. The events table is joined once with a small table of
    (source member, target member, window) rows instead of being scanned once per request.
    """
    out: list[list[list[Evidence]]] = [[[] for _ in r[2]] for r in requests]
    if limit <= 0:
        return out
    rows, overlap = _request_rows(requests)
    if not rows:
        return out
    # Code-level filter in the scan (IN lists), so that only candidate rows reach the join.
    codes = union([s for r in requests for s in r[:2]])
    prefilter = f"{codes.code_filter('source')} AND {codes.code_filter('target')}"
    # Order key: preferred sign first, then |intensity| * confidence DESC, newest, id (min wins).
    key = (
        "struct_pack(a := CASE WHEN sign(intensity) = r.sg AND r.sg <> 0 THEN 0 ELSE 1 END, "
        "s := 0.0 - abs(intensity) * confidence, dd := DATE '1970-01-01' - d, i := id)"
    )
    matched = (
        f"SELECT {'DISTINCT' if overlap else ''} r.j, r.w, r.sg, e.id, e.d, e.intensity, "
        "e.confidence FROM (SELECT CAST(id AS VARCHAR) AS id, CAST(event_date AS DATE) AS d, "
        "source_code, source_sector, target_code, target_sector, "
        "CAST(intensity AS DOUBLE) AS intensity, CAST(confidence AS DOUBLE) AS confidence "
        f"FROM events WHERE {prefilter} AND NOT coalesce(CAST(negated AS BOOLEAN), FALSE)) e "
        "JOIN req r ON e.source_code = r.sc AND e.target_code = r.tc "
        "AND e.d BETWEEN r.d0 AND r.d1 "
        "AND (r.ss IS NULL OR e.source_sector = r.ss) AND (r.ts IS NULL OR e.target_sector = r.ts)"
    )
    sql = (
        f"WITH req(j, w, sc, ss, tc, ts, d0, d1, sg) AS (VALUES {', '.join(rows)}) "
        f"SELECT j, w, min_by(id, {key}, {int(limit)}) FROM ({matched}) r GROUP BY j, w"
    )
    ranked = con.execute(sql).fetchall()
    ids = [i for _, _, top in ranked for i in top]
    if not ids:
        return out
    found = _by_ids(con, ids)
    by_id = {ev.id: ev for ev in _to_evidence(found)}
    for j, w, top in ranked:
        out[j][w] = [by_id[i] for i in top]
    return out


def evidence_windows(
    con: Any, a: ActorSet, b: ActorSet, windows: Sequence[tuple[date, date]], limit: int = 3,
    prefer_sign: Sequence[int] | None = None,
) -> list[list[Evidence]]:
    """For each (first day, last day) window, the ``limit`` strongest a–b events, in one query.

    With ``prefer_sign`` (one of -1, 0, +1 per window), events whose intensity has that sign
    come first in their window (cooperation for a cooperative period, conflict for a
    conflictual one), each group ordered by ``|intensity| * confidence``. An event in several
    windows counts for the first one.
    """
    if not windows or limit <= 0:
        return [[] for _ in windows]
    return evidence_batch(con, [(a, b, windows, prefer_sign)], limit)[0]


def evidence_between(
    con: Any, a: ActorSet, b: ActorSet, since: DateLike = None, until: DateLike = None,
    limit: int = 5, direction: str = "both",
) -> list[Evidence]:
    """The ``limit`` strongest non-negated events between ``a`` and ``b`` in [since, until]
    (either direction by default; ``direction``: see ``DIRECTIONS``)."""
    if limit <= 0:
        return []
    where = " AND ".join([_dyad_where(a, b, direction), *_date_where(since, until)])
    sql = f"SELECT {_COLUMNS} FROM events WHERE {where} {_ORDER} LIMIT ?"
    return _rows(con, sql, [limit])
