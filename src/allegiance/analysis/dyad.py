"""Dyad time series: what two actors (or groups) did to each other, period by period."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import periods
from .actors import ActorSet, dyad_prefilter, resolve
from .base import DateLike, as_date, events_sql, require_events
from .evidence import Evidence, top_evidence

DIRECTIONS = ("ab", "ba", "both")


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

    def evidence(
        self, con: Any, period: date | None = None, direction: str = "both", limit: int = 5
    ) -> list[Evidence]:
        """The strongest events behind one period (or the whole series when ``period`` is None)."""
        if period is None:
            ids = [i for p in self.points for i in getattr(p, direction).event_ids]
        else:
            start = periods.truncate(period, self.freq)
            ids = [i for p in self.points if p.period == start
                   for i in getattr(p, direction).event_ids]
        return top_evidence(con, ids, limit)

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
) -> DyadSeries:
    """Counts per event type and net intensity per period between actor specs ``a`` and ``b``.

    ``a``/``b`` are actor specs (``"MLI"``, ``"MLI GOV"``, ``"AES-states"``, ``["MLI", "BFA"]``;
    bare ``"AES"`` is the organisation, see ``analysis.actors``). Events are taken in both
    directions: ``ab`` (source in a, target in b), ``ba`` and ``both`` (their sum). Negated
    events are excluded. Every point carries the sorted ids of the events behind it; use
    ``DyadSeries.evidence`` or ``evidence.top_evidence`` to fetch their sentences. The series is
    dense from ``since`` (or the first event) to ``until`` (or the last event).
    """
    freq = periods.check_freq(freq)
    require_events(con)
    sa, sb = resolve(a), resolve(b)
    ab = f"({sa.predicate('source')} AND {sb.predicate('target')})"
    ba = f"({sb.predicate('source')} AND {sa.predicate('target')})"
    sql = f"""
        SELECT {periods.sql_trunc(freq)} AS p, dir, event_type, count(*), sum(intensity),
               sum(greatest(intensity, 0)), sum(greatest(-intensity, 0)), list(id ORDER BY id)
        FROM (
            SELECT *, CASE WHEN {ab} THEN 'ab' WHEN {ba} THEN 'ba' END AS dir
            FROM ({events_sql(since, until)}) WHERE {dyad_prefilter(sa, sb)}
        ) WHERE dir IS NOT NULL
        GROUP BY ALL
    """
    rows = con.execute(sql).fetchall()
    found: dict[tuple[date, str], Tally] = {}
    for p, direction, etype, n, net, coop, conf, ids in rows:
        t = found.setdefault((p, direction), Tally())
        t.add(Tally(n=int(n), counts={etype: int(n)}, net=float(net), cooperation=float(coop),
                    conflict=float(conf), event_ids=list(ids)))
    dates = [k[0] for k in found]
    first = as_date(since) or (min(dates) if dates else None)
    last = as_date(until) or (max(dates) if dates else None)
    points: list[DyadPoint] = []
    if first is not None and last is not None and first <= last:
        for start in periods.period_range(first, last, freq):
            t_ab = found.get((start, "ab"), Tally())
            t_ba = found.get((start, "ba"), Tally())
            both = Tally()
            both.add(t_ab)
            both.add(t_ba)
            points.append(DyadPoint(start, periods.label(start, freq), t_ab, t_ba, both))
    return DyadSeries(a=sa, b=sb, freq=freq, points=points)

