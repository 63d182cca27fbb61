"""Alignment index: how a country's net cooperation is shared among reference powers over time.

Definition (for country C, reference powers P in a set 𝒫, period t, trailing window w ≥ 1):

* only non-negated events between C and P, in either direction (C→P and P→C), count;
* ``coop_t(C,P)``  = sum of the positive intensities of those events in the w periods ending at t;
* ``conf_t(C,P)``  = sum of the absolute values of their negative intensities, same periods;
* ``net_t(C,P)``   = ``coop_t(C,P) - conf_t(C,P)``;
* ``alignment_t(C,P) = net_t(C,P) / Σ_{Q∈𝒫} |net_t(C,Q)|``, and 0 when the denominator is 0.

The index lies in [-1, 1]; the absolute values sum to 1 over the powers in any period with
events. +1: all of C's net relations with the reference powers are cooperation with P; -1: they
are all conflict with P. w = 1 is the raw per-period index; w > 1 smooths it by summing coop and
conf over a trailing window before taking the ratio (so a quiet period keeps the recent
picture). An event between C and two overlapping powers (``RUS`` and ``RUS PMC``) counts for
both; powers that overlap C itself are dropped. The index is computed from the ``events`` table
alone, so an exported events file reproduces it exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from . import periods
from .actors import ActorSet, dyad_prefilter, overlaps, resolve, union
from .base import (
    DateLike,
    as_date,
    events_sql,
    needs_sectors,
    require_events,
    sums_by_predicate,
)
from .errors import AnalysisError

DEFAULT_POWERS: tuple[str, ...] = ("FRA", "RUS", "USA", "CHN", "ECOWAS")


@dataclass
class PowerSeries:
    """Per-period values of C's relations with one power (after windowing)."""

    power: str
    cooperation: list[float]
    conflict: list[float]
    net: list[float]
    n_events: list[int]
    #: The alignment index in [-1, 1].
    share: list[float]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "power": self.power, "cooperation": self.cooperation, "conflict": self.conflict,
            "net": self.net, "n_events": self.n_events, "share": self.share,
        }


@dataclass
class Alignment:
    """Alignment of ``country`` toward each power, one value per period."""

    country: str
    freq: str
    window: int
    periods: list[date]
    labels: list[str]
    powers: dict[str, PowerSeries]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {
            "country": self.country, "freq": self.freq, "window": self.window,
            "periods": [p.isoformat() for p in self.periods], "labels": self.labels,
            "powers": [s.to_dict() for s in self.powers.values()],
        }


def power_sets(
    country: ActorSet, powers: Sequence[str | ActorSet], extra: Sequence[str | ActorSet] = ()
) -> list[ActorSet]:
    """Resolve powers (plus extra ones), dropping duplicates and those overlapping ``country``."""
    out: list[ActorSet] = []
    for p in [*powers, *extra]:
        s = resolve(p)
        if overlaps(s, country) or any(s.label == o.label for o in out):
            continue
        out.append(s)
    if not out:
        raise AnalysisError(f"no reference power left to compare {country.label} with")
    return out


def _rolling(values: list[float], window: int) -> list[float]:
    out, acc = [], 0.0
    for i, v in enumerate(values):
        acc += v
        if i >= window:
            acc -= values[i - window]
        out.append(acc)
    return out


def alignment(
    con: Any,
    country: str | Sequence[str] | ActorSet,
    powers: Sequence[str | ActorSet] = DEFAULT_POWERS,
    freq: str = "quarter",
    since: DateLike = None,
    until: DateLike = None,
    window: int = 1,
    extra: Sequence[str | ActorSet] = (),
) -> Alignment:
    """C's share of net cooperation toward each power over time (see the module docstring).

    ``country`` and each power are actor specs; ``extra`` adds powers to ``powers``. ``window``
    is the trailing number of periods summed before the ratio (1 = no smoothing). Negated events
    are excluded. Periods run from ``since`` (or the first matching event) to ``until`` (or the
    last one); periods without events have index 0 for every power.
    """
    freq = periods.check_freq(freq)
    if window < 1:
        raise AnalysisError(f"window must be at least 1, not {window}")
    require_events(con)
    c = resolve(country)
    ps = power_sets(c, powers, extra)
    cs, ct = c.predicate("source"), c.predicate("target")
    matches = [
        f"({cs} AND {p.predicate('target')}) OR ({p.predicate('source')} AND {ct})" for p in ps
    ]
    rows_sql = f"SELECT * FROM ({events_sql(since, until)}) WHERE {dyad_prefilter(c, union(ps))}"
    found = sums_by_predicate(
        con, rows_sql, periods.sql_trunc(freq), matches,
        ["greatest(intensity, 0)", "greatest(-intensity, 0)", "1"], needs_sectors([c, *ps]),
    )
    dates = [p for _, p in found]
    first = as_date(since) or (min(dates) if dates else None)
    last = as_date(until) or (max(dates) if dates else None)
    starts = periods.period_range(first, last, freq) if first and last and first <= last else []
    index = {d: i for i, d in enumerate(starts)}
    coop = [[0.0] * len(starts) for _ in ps]
    conf = [[0.0] * len(starts) for _ in ps]
    counts = [[0] * len(starts) for _ in ps]
    for (k, p), (co, cf, n) in found.items():
        i = index[p]
        coop[k][i], conf[k][i], counts[k][i] = co, cf, int(n)
    coop = [_rolling(v, window) for v in coop]
    conf = [_rolling(v, window) for v in conf]
    counts = [[int(x) for x in _rolling([float(n) for n in v], window)] for v in counts]
    net = [[a - b for a, b in zip(co, cf, strict=True)] for co, cf in zip(coop, conf, strict=True)]
    totals = [sum(abs(net[k][i]) for k in range(len(ps))) for i in range(len(starts))]
    result: dict[str, PowerSeries] = {}
    for k, p in enumerate(ps):
        share = [net[k][i] / totals[i] if totals[i] > 0 else 0.0 for i in range(len(starts))]
        result[p.label] = PowerSeries(p.label, coop[k], conf[k], net[k], counts[k], share)
    return Alignment(
        country=c.label, freq=freq, window=window, periods=starts,
        labels=[periods.label(s, freq) for s in starts], powers=result,
    )
