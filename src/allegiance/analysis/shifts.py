"""Realignments: change points in a country's net cooperation with each reference power.

For each (country, power) pair, the series is the net intensity (sum of intensities of the
non-negated events between them, either direction) per period, dense over the country's active
range (first to last event it has with any of the powers). ``changepoints.change_points``
segments it; each change point becomes a ``Shift`` comparing the segment before with the one
after. ``size = mean(after) - mean(before)`` in net intensity per period; ``direction`` is
``toward`` when it is positive (more cooperation, less conflict), ``away`` otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import periods
from .actors import ActorSet, dyad_prefilter, overlaps, resolve, state_codes, union
from .alignment import DEFAULT_POWERS, power_sets
from .base import (
    DateLike,
    as_date,
    dyad_columns,
    events_sql,
    needs_sectors,
    require_events,
    sums_by_predicate,
)
from .changepoints import DEFAULT_MIN_SIZE, DEFAULT_PENALTY, change_points
from .evidence import Evidence, Request, evidence_batch


@dataclass
class Shift:
    """One detected realignment of ``country`` toward or away from ``power``."""

    country: str
    power: str
    freq: str
    #: First day of the first period and last day of the last period of the segment before.
    before_start: date
    before_end: date
    #: Same for the segment after; ``after_start`` is the date of the change.
    after_start: date
    after_end: date
    mean_before: float
    mean_after: float
    #: mean_after - mean_before (net intensity per period).
    size: float
    direction: str  # "toward" | "away"
    n_before: int
    n_after: int
    evidence_before: list[Evidence] = field(default_factory=list)
    evidence_after: list[Evidence] = field(default_factory=list)

    @property
    def label(self) -> str:
        """``MLI away from FRA from 2022-02``."""
        rel = "toward" if self.direction == "toward" else "away from"
        when = periods.label(self.after_start, self.freq)
        return f"{self.country} {rel} {self.power} from {when}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "country": self.country, "power": self.power, "freq": self.freq,
            "before_start": self.before_start.isoformat(),
            "before_end": self.before_end.isoformat(),
            "after_start": self.after_start.isoformat(), "after_end": self.after_end.isoformat(),
            "mean_before": self.mean_before, "mean_after": self.mean_after, "size": self.size,
            "direction": self.direction, "n_before": self.n_before, "n_after": self.n_after,
            "label": self.label,
            "evidence_before": [e.to_dict() for e in self.evidence_before],
            "evidence_after": [e.to_dict() for e in self.evidence_after],
        }


@dataclass
class _Pair:
    country: ActorSet
    power: ActorSet
    net: dict[date, float] = field(default_factory=dict)
    n: dict[date, int] = field(default_factory=dict)


def _pairs(
    con: Any, country: ActorSet | None, ps: list[ActorSet], freq: str,
    since: DateLike, until: DateLike,
) -> list[_Pair]:
    if country is None:
        found = _pairs_all_states(con, ps, freq, since, until)
    else:
        cs, ct = country.predicate("source"), country.predicate("target")
        matches = [
            f"({cs} AND {p.predicate('target')}) OR ({p.predicate('source')} AND {ct})"
            for p in ps
        ]
        rows_sql = (
            f"SELECT * FROM ({events_sql(since, until)}) "
            f"WHERE {dyad_prefilter(country, union(ps))}"
        )
        sums = sums_by_predicate(con, rows_sql, periods.sql_trunc(freq), matches,
                                 ["intensity", "1"], needs_sectors([country, *ps]))
        found = sorted(("", k, p, net, n) for (k, p), (net, n) in sums.items())
    states = state_codes()
    kept: dict[str, ActorSet | None] = {}  # other side -> its set, None when it is skipped
    pairs: dict[tuple[str, int], _Pair] = {}
    for c, k, p, net, n in found:  # ordered by (c, k, p)
        pair = pairs.get((c, k))
        if pair is None:
            if c not in kept:
                cset = country if country is not None else resolve(c)
                skip = country is None and (c not in states or any(overlaps(cset, q) for q in ps))
                kept[c] = None if skip else cset
            cset = kept[c]
            if cset is None:
                continue
            pair = pairs[(c, k)] = _Pair(cset, ps[k])
        pair.net[p] = float(net)
        pair.n[p] = int(n)
    return [pairs[key] for key in sorted(pairs)]


def _pairs_all_states(
    con: Any, ps: list[ActorSet], freq: str, since: DateLike, until: DateLike
) -> list[tuple[str, int, date, float, int]]:
    """(other side, power index, period, net, count) for events with exactly one side in a power,
    ordered by (other side, power index, period).

    Events are first summed per (period, source, target): a few thousand groups, on which the
    power predicates are then evaluated and split per power (not on every event).
    """
    allp = union(ps)
    flags = ", ".join(
        f"{p.predicate('source')} AS s{k}, {p.predicate('target')} AS t{k}"
        for k, p in enumerate(ps)
    )
    items = ", ".join(
        f"CASE WHEN s{k} AND NOT t{k} THEN {{'k': {k}, 'c': target_code}} "
        f"WHEN t{k} AND NOT s{k} THEN {{'k': {k}, 'c': source_code}} END"
        for k in range(len(ps))
    )
    prefilter = f"({allp.code_filter('source')} OR {allp.code_filter('target')})"
    sql = f"""
        SELECT kc.c, kc.k, p, sum(net), CAST(sum(n) AS BIGINT)  -- BIGINT: HUGEINT fetches slowly
        FROM (
            SELECT unnest([{items}]) AS kc, p, net, n
            FROM (
                SELECT *, {flags} FROM (
                    SELECT {periods.sql_trunc(freq)} AS p, {dyad_columns(needs_sectors(ps))},
                           sum(intensity) AS net, count(*) AS n
                    FROM ({events_sql(since, until)}) WHERE {prefilter} GROUP BY ALL
                )
            )
        ) WHERE kc IS NOT NULL AND kc.c IS NOT NULL GROUP BY ALL ORDER BY ALL
    """
    return con.execute(sql).fetchall()


#: ``freq="auto"``: the finest frequency at which at least this share of periods has events.
MIN_COVERAGE = 0.2


def choose_freq(months: set[date], first: date, last: date) -> str:
    """Finest of month / quarter / year at which >= ``MIN_COVERAGE`` of the periods between
    ``first`` and ``last`` have events (``months``: the month starts that have some); else year.

    Sparse dyads (a few events a year, as in a small corpus) give mostly-empty monthly series on
    which no test can tell a shift from chance; coarser periods pool their events.
    """
    for f in ("month", "quarter"):
        span = periods.period_range(first, last, f)
        covered = {periods.truncate(m, f) for m in months}
        if span and len(covered) >= MIN_COVERAGE * len(span):
            return f
    return "year"


def _coarsen(pair: _Pair, freq: str) -> _Pair:
    out = _Pair(pair.country, pair.power)
    for m, v in pair.net.items():
        p = periods.truncate(m, freq)
        out.net[p] = out.net.get(p, 0.0) + v
        out.n[p] = out.n.get(p, 0) + pair.n[m]
    return out


def detect_shifts(
    con: Any,
    country: str | Sequence[str] | ActorSet | None = None,
    powers: Sequence[str | ActorSet] = DEFAULT_POWERS,
    freq: str = "auto",
    penalty: float = DEFAULT_PENALTY,
    since: DateLike = None,
    until: DateLike = None,
    min_events: int = 4,
    min_size: int = DEFAULT_MIN_SIZE,
    evidence: int = 3,
    limit: int | None = None,
) -> list[Shift]:
    """Detect realignments of ``country`` (or of every state) toward or away from each power.

    ``country``: an actor spec (``"MLI"``, ``"AES-states"``, ``["MLI", "BFA"]``), or None for
    every state (ISO alpha-3 code) that has events with the powers, powers excluded. The series
    for a (country, power) pair is its net intensity per ``freq`` period (``"auto"``: see
    ``choose_freq``, month for well-covered countries); pairs with fewer than
    ``min_events`` events are skipped. Change points come from ``changepoints.change_points``
    (robust scale, winsorised, PELT/L2, penalty ``penalty * log(n)``, segments of at least
    ``min_size`` periods). Each shift carries ``evidence`` events of the segments before and
    after: those whose sign matches the segment's mean first (the cooperation that was lost, the
    conflict that came), then by ``|intensity| * confidence``. Negated events are
    excluded. Result: newest change first, then largest ``|size|``; with ``limit``, only the
    first ``limit`` shifts (and only their evidence is fetched).
    """
    auto = freq == "auto"
    freq = "month" if auto else periods.check_freq(freq)
    require_events(con)
    cset = resolve(country) if country is not None else None
    ps = power_sets(cset, powers) if cset is not None else [resolve(p) for p in powers]
    pairs = _pairs(con, cset, ps, freq, since, until)
    spans: dict[str, tuple[date, date]] = {}
    active: dict[str, set[date]] = {}
    for pair in pairs:
        lo, hi = min(pair.net), max(pair.net)
        old = spans.get(pair.country.label, (lo, hi))
        spans[pair.country.label] = (min(old[0], lo), max(old[1], hi))
        active.setdefault(pair.country.label, set()).update(pair.net)
    freqs = {c: freq for c in spans}
    if auto:
        for c, (lo, hi) in spans.items():
            freqs[c] = choose_freq(active[c], as_date(since) or lo, as_date(until) or hi)
            if freqs[c] != "month":
                pairs = [_coarsen(p, freqs[c]) if p.country.label == c else p for p in pairs]
    shifts: list[Shift] = []
    by_pair: list[tuple[_Pair, list[Shift]]] = []
    ranges: dict[tuple[date, date, str], list[date]] = {}  # the periods of each country
    for pair in pairs:
        if sum(pair.n.values()) < min_events:
            continue
        first, last = spans[pair.country.label]
        freq = freqs[pair.country.label]
        span = (as_date(since) or first, as_date(until) or last, freq)
        if span not in ranges:
            ranges[span] = periods.period_range(*span)
        starts = ranges[span]
        net = [pair.net.get(s, 0.0) for s in starts]
        counts = [pair.n.get(s, 0) for s in starts]
        cps = change_points(net, penalty=penalty, min_size=min_size)
        bounds = [0, *cps, len(starts)]
        found: list[Shift] = []
        for j in range(1, len(bounds) - 1):
            b0, b1, b2 = bounds[j - 1], bounds[j], bounds[j + 1]
            before, after = net[b0:b1], net[b1:b2]
            mb, ma = sum(before) / len(before), sum(after) / len(after)
            found.append(
                Shift(
                    country=pair.country.label, power=pair.power.label, freq=freq,
                    before_start=starts[b0], before_end=periods.period_end(starts[b1 - 1], freq),
                    after_start=starts[b1], after_end=periods.period_end(starts[b2 - 1], freq),
                    mean_before=mb, mean_after=ma, size=ma - mb,
                    direction="toward" if ma > mb else "away",
                    n_before=sum(counts[b0:b1]), n_after=sum(counts[b1:b2]),
                )
            )
        if found:
            by_pair.append((pair, found))
        shifts.extend(found)
    shifts.sort(key=lambda s: (-s.after_start.toordinal(), -abs(s.size), s.country, s.power))
    if limit is not None:
        shifts = shifts[:max(limit, 0)]
    if evidence > 0:
        _attach_evidence(con, by_pair, {id(s) for s in shifts}, evidence)
    return shifts


def _attach_evidence(
    con: Any, by_pair: list[tuple[_Pair, list[Shift]]], kept: set[int], limit: int
) -> None:
    """Fill the evidence of the ``kept`` shifts (by ``id()``) in one query for all pairs: one
    scan of the events table, not one per pair. A pair's windows are its consecutive segments;
    shift i of a pair compares segments i and i + 1."""
    requests: list[Request] = []
    asked: list[list[Shift]] = []
    for pair, found in by_pair:
        if not any(id(s) in kept for s in found):
            continue
        windows = [(s.before_start, s.before_end) for s in found]
        windows.append((found[-1].after_start, found[-1].after_end))
        means = [s.mean_before for s in found] + [found[-1].mean_after]
        signs = [(m > 0) - (m < 0) for m in means]
        requests.append((pair.country, pair.power, windows, signs))
        asked.append(found)
    for found, ev in zip(asked, evidence_batch(con, requests, limit=limit), strict=True):
        for i, s in enumerate(found):
            s.evidence_before, s.evidence_after = ev[i], ev[i + 1]
