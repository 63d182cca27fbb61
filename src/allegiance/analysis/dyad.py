"""Dyad time series: what two actors (or groups) did to each other, period by period."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import periods
from .actors import ActorSet, dyad_prefilter, resolve
from .base import DateLike, as_date, events_sql, require_events
from .evidence import DIRECTIONS, Evidence, event_ids_between, evidence_between


@dataclass
class Tally:
    """Events of one period and direction: counts per PLOVER type and intensity sums."""

    n: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    #: Sum of intensities: cooperation minus conflict.
    net: float = 0.0
    #: Sum of positive intensities.
    cooperation: float = 0.0
    #: Sum of |negative intensities|.
    conflict: float = 0.0
    event_ids: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        """Add ``other`` into this tally."""
        self.n += other.n
        for k, v in other.counts.items():
            self.counts[k] = self.counts.get(k, 0) + v
        self.net += other.net
        self.cooperation += other.cooperation
        self.conflict += other.conflict
        self.event_ids = sorted(self.event_ids + other.event_ids)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "n": self.n, "counts": dict(sorted(self.counts.items())), "net": self.net,
            "cooperation": self.cooperation, "conflict": self.conflict,
            "event_ids": list(self.event_ids),
        }


@dataclass
class DyadPoint:
    """One period of a dyad: ``ab`` (a acts on b), ``ba`` (b acts on a) and ``both``."""

    period: date
    label: str
    ab: Tally
    ba: Tally
    both: Tally

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "period": self.period.isoformat(), "label": self.label,
            "ab": self.ab.to_dict(), "ba": self.ba.to_dict(), "both": self.both.to_dict(),
        }


@dataclass
class DyadSeries:
    """Dense series (one point per period, zeros included) for the dyad a–b."""

    a: ActorSet
    b: ActorSet
    freq: str
    points: list[DyadPoint]
    #: The date bounds the series was asked for (None: unbounded).
    since: date | None = None
    until: date | None = None

    @property
    def periods(self) -> list[date]:
        """Period start dates."""
        return [p.period for p in self.points]

    def values(self, metric: str = "net", direction: str = "both") -> list[float]:
        """One number per period: ``net``, ``cooperation``, ``conflict`` or ``n``."""
        if direction not in DIRECTIONS:
            raise ValueError(f"direction must be one of {DIRECTIONS}")
        return [float(getattr(getattr(p, direction), metric)) for p in self.points]

    def counts(self, event_type: str, direction: str = "both") -> list[int]:
        """Number of events of ``event_type`` per period."""
        return [getattr(p, direction).counts.get(event_type, 0) for p in self.points]

    def _window(self, period: date | None) -> tuple[date, date] | None:
        """First and last day behind one period (or the whole series); None if not in it."""
        if not self.points:
            return None
        if period is None:
            lo = self.points[0].period
            hi = periods.period_end(self.points[-1].period, self.freq)
        else:
            lo = periods.truncate(period, self.freq)
            if lo not in self.periods:
                return None
            hi = periods.period_end(lo, self.freq)
        if self.since is not None:
            lo = max(lo, self.since)
        if self.until is not None:
            hi = min(hi, self.until)
        return lo, hi

    def event_ids(self, con: Any, period: date | None = None, direction: str = "both") -> list[str]:
        """Sorted ids of the events behind one period (or the whole series), fetched on demand:
        the same ids as ``dyad_series(..., with_ids=True)`` puts in the tallies."""
        window = self._window(period)
        if window is None:
            return []
        return event_ids_between(con, self.a, self.b, window[0], window[1], direction)

    def evidence(
        self, con: Any, period: date | None = None, direction: str = "both", limit: int = 5
    ) -> list[Evidence]:
        """The strongest events behind one period (or the whole series when ``period`` is None),
        fetched on demand from ``con``."""
        window = self._window(period)
        if window is None:
            return []
        return evidence_between(con, self.a, self.b, window[0], window[1], limit, direction)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "a": self.a.label, "b": self.b.label, "freq": self.freq,
            "points": [p.to_dict() for p in self.points],
        }


def dyad_series(
    con: Any,
    a: str | Sequence[str] | ActorSet,
    b: str | Sequence[str] | ActorSet,
    freq: str = "month",
    since: DateLike = None,
    until: DateLike = None,
    with_ids: bool = False,
) -> DyadSeries:
    """Counts per event type and net intensity per period between actor specs ``a`` and ``b``.

    ``a``/``b`` are actor specs (``"MLI"``, ``"MLI GOV"``, ``"AES-states"``, ``["MLI", "BFA"]``;
    bare ``"AES"`` is the organisation, see ``analysis.actors``). Events are taken in both
    directions: ``ab`` (source in a, target in b), ``ba`` and ``both`` (their sum). Negated
    events are excluded. With ``with_ids`` every tally carries the sorted ids of its events
    (slower: a sorted list per group, which the dashboard never needs); otherwise
    ``event_ids`` are empty and ``DyadSeries.event_ids`` / ``DyadSeries.evidence`` fetch them
    for one period on demand. The series is dense from ``since`` (or the first event) to
    ``until`` (or the last event).
    """
    freq = periods.check_freq(freq)
    require_events(con)
    sa, sb = resolve(a), resolve(b)
    ab = f"({sa.predicate('source')} AND {sb.predicate('target')})"
    ba = f"({sb.predicate('source')} AND {sa.predicate('target')})"
    ids = "list(id ORDER BY id)" if with_ids else "[]"
    sql = f"""
        SELECT {periods.sql_trunc(freq)} AS p, dir, event_type, count(*), sum(intensity),
               sum(greatest(intensity, 0)), sum(greatest(-intensity, 0)), {ids}
        FROM (
            SELECT *, CASE WHEN {ab} THEN 'ab' WHEN {ba} THEN 'ba' END AS dir
            FROM ({events_sql(since, until)}) WHERE {dyad_prefilter(sa, sb)}
        ) WHERE dir IS NOT NULL
        GROUP BY ALL
    """
    found: dict[tuple[date, str], Tally] = {}
    for p, direction, etype, n, net, coop, conf, event_ids in con.execute(sql).fetchall():
        t = found.get((p, direction))
        if t is None:
            t = found[(p, direction)] = Tally()
        t.n += int(n)
        t.counts[etype] = t.counts.get(etype, 0) + int(n)
        t.net += float(net)
        t.cooperation += float(coop)
        t.conflict += float(conf)
        t.event_ids.extend(event_ids)
    if with_ids:
        for t in found.values():
            t.event_ids.sort()
    dates = [k[0] for k in found]
    start, end = as_date(since), as_date(until)
    first = start or (min(dates) if dates else None)
    last = end or (max(dates) if dates else None)
    points: list[DyadPoint] = []
    if first is not None and last is not None and first <= last:
        for period in periods.period_range(first, last, freq):
            t_ab = found.get((period, "ab"), Tally())
            t_ba = found.get((period, "ba"), Tally())
            both = Tally()
            both.add(t_ab)
            both.add(t_ba)
            points.append(DyadPoint(period, periods.label(period, freq), t_ab, t_ba, both))
    return DyadSeries(a=sa, b=sb, freq=freq, points=points, since=start, until=end)
