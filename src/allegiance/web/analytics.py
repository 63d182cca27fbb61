"""Adapters from ``allegiance.analysis`` (dyads, alignment, shifts, blocs) to API payloads.

The analysis package is the single definition of every index; this module only reshapes its
results for the response models and adds a deterministic layout for the bloc network.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import networkx as nx

from ..analysis import alignment as _alignment
from ..analysis import blocs as _blocs
from ..analysis import detect_shifts, dyad_series
from ..analysis.actors import overlaps, resolve


def _tally(t: Any) -> dict[str, Any]:
    return {"n": t.n, "counts": dict(t.counts), "net": t.net, "cooperation": t.cooperation,
            "conflict": t.conflict}


def dyad(con: Any, a: str, b: str, freq: str) -> dict[str, Any]:
    """Dense dyad series between actor specs ``a`` and ``b``."""
    series = dyad_series(con, a, b, freq)
    points = [
        {"period": p.period, "label": p.label, "ab": _tally(p.ab), "ba": _tally(p.ba),
         "both": _tally(p.both)}
        for p in series.points
    ]
    return {"a": series.a.label, "b": series.b.label, "freq": freq, "points": points}


def comparable_powers(country: str, powers: list[str]) -> list[str]:
    """The powers that do not overlap ``country`` (a country is not compared with itself)."""
    c = resolve(country)
    return [p for p in powers if not overlaps(resolve(p), c)]


def alignment(
    con: Any, country: str, powers: list[str], freq: str, window: int
) -> dict[str, Any]:
    """Alignment index of ``country`` toward each power; no series if no power is left."""
    label = resolve(country).label
    kept = comparable_powers(country, powers)
    if not kept:
        return {"country": label, "freq": freq, "window": window, "powers": [], "series": []}
    result = _alignment(con, country, kept, freq=freq, window=window)
    series = [
        {
            "power": s.power,
            "points": [
                {"period": p, "n_events": s.n_events[i], "cooperation": s.cooperation[i],
                 "conflict": s.conflict[i], "net": s.net[i], "share": s.share[i]}
                for i, p in enumerate(result.periods)
            ],
        }
        for s in result.powers.values()
    ]
    return {"country": result.country, "freq": freq, "window": window,
            "powers": list(result.powers), "series": series}


def shifts(
    con: Any,
    country: str | None,
    powers: list[str],
    freq: str,
    penalty: float,
    min_events: int,
    evidence: int,
    limit: int,
) -> list[dict[str, Any]]:
    """Detected realignments (newest first), each with its evidence sentences."""
    if country is not None:
        powers = comparable_powers(country, powers)
        if not powers:
            return []
    found = detect_shifts(
        con, country, powers, freq=freq, penalty=penalty, min_events=min_events,
        evidence=evidence, limit=limit,
    )
    out = []
    for s in found:
        d = s.to_dict()
        out.append(
            {
                **{k: d[k] for k in ("country", "power", "label", "mean_before", "mean_after",
                                      "size", "direction", "n_before", "n_after",
                                      "evidence_before", "evidence_after")},
                "date": s.after_start,
                "before_start": s.before_start,
                "before_end": s.before_end,
                "after_end": s.after_end,
            }
        )
    return out


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Seeded spring layout scaled to [0, 1]²: cooperative ties pull actors together."""
    if len(graph) == 0:
        return {}
    if len(graph) == 1:
        return {next(iter(graph.nodes)): (0.5, 0.5)}
    springs = nx.Graph()
    springs.add_nodes_from(sorted(graph.nodes))
    for a, b, d in graph.edges(data=True):
        pull = math.log1p(d["n_events"]) * (1.0 if d["weight"] > 0 else 0.05)
        springs.add_edge(a, b, pull=pull)
    pos = nx.spring_layout(springs, weight="pull", seed=7)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    sx, sy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {
        n: (round((float(p[0]) - min(xs)) / sx, 4), round((float(p[1]) - min(ys)) / sy, 4))
        for n, p in pos.items()
    }


def blocs(
    con: Any, since: dt.date | None, until: dt.date | None, max_nodes: int, min_events: int
) -> dict[str, Any]:
    """The signed actor network, its communities, and a layout."""
    result = _blocs(con, since, until, min_events=min_events, max_nodes=max_nodes)
    g = result.graph
    pos = layout(g)
    nodes = [
        {"code": n, "bloc": g.nodes[n]["community"], "n_events": g.nodes[n]["n_events"],
         "degree": g.nodes[n]["degree"], "strength": g.nodes[n]["strength"],
         "x": pos[n][0], "y": pos[n][1]}
        for n in sorted(g.nodes)
    ]
    edges = [
        {"a": a, "b": b, **{k: g.edges[a, b][k] for k in
                            ("n_events", "weight", "sign", "cooperation", "conflict")}}
        for a, b in sorted(tuple(sorted(e)) for e in g.edges)
    ]
    return {"since": since, "until": until, "nodes": nodes, "edges": edges,
            "communities": result.communities, "frustration": result.frustration}
