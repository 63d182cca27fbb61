"""Blocs: a signed network of actors and the communities that side together.

Nodes are actor codes (sectors merged). An undirected edge joins two actors that have at least
``min_events`` non-negated events between them in the window (either direction); its ``weight``
is their net intensity (sum of intensities: cooperation minus conflict) and its ``sign`` is +1
(cooperation), -1 (conflict) or 0 (exactly balanced). Communities are found by Louvain
(``networkx.community.louvain_communities``, fixed seed, so results are reproducible) on the
positive subgraph weighted by net cooperation; actors with no positive tie are singletons.
Structural balance is then checked: an edge is *frustrated* when it is negative inside a
community or positive between two communities; ``frustration`` counts them (0 = the blocs
explain every tie).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from .base import DateLike, as_date, events_sql, require_events


@dataclass
class Blocs:
    """The signed actor network of a time window and its communities."""

    since: date | None
    until: date | None
    graph: nx.Graph
    communities: list[list[str]]
    frustrated: list[tuple[str, str]]

    @property
    def frustration(self) -> int:
        """Number of frustrated edges."""
        return len(self.frustrated)

    def community_of(self, actor: str) -> int | None:
        """Index (into ``communities``) of the community of ``actor``."""
        return self.graph.nodes[actor]["community"] if actor in self.graph else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable nodes, edges, communities and frustration."""
        g = self.graph
        return {
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
            "nodes": [{"id": n, **g.nodes[n]} for n in sorted(g.nodes)],
            "edges": [
                {"source": a, "target": b, **g.edges[a, b]}
                for a, b in sorted(tuple(sorted(e)) for e in g.edges)
            ],
            "communities": self.communities,
            "frustration": self.frustration,
            "frustrated_edges": [list(e) for e in self.frustrated],
        }


def signed_communities(g: nx.Graph, seed: int = 0, resolution: float = 1.0) -> list[list[str]]:
    """Louvain communities of the positive subgraph; nodes without positive ties alone."""
    pos = nx.Graph()
    pos.add_nodes_from(g.nodes)
    pos.add_weighted_edges_from(
        (a, b, d["weight"]) for a, b, d in g.edges(data=True) if d["weight"] > 0
    )
    if pos.number_of_edges() == 0:
        groups = [{n} for n in pos.nodes]
    else:
        groups = nx.community.louvain_communities(
            pos, weight="weight", resolution=resolution, seed=seed
        )
    out = [sorted(c) for c in groups]
    out.sort(key=lambda c: (-len(c), c[0]))
    return out


def frustrated_edges(g: nx.Graph, membership: dict[str, int]) -> list[tuple[str, str]]:
    """Negative edges inside a community and positive edges between communities."""
    out = []
    for a, b, d in g.edges(data=True):
        same = membership[a] == membership[b]
        if (same and d["sign"] < 0) or (not same and d["sign"] > 0):
            out.append(tuple(sorted((a, b))))
    return sorted(out)


def blocs(
    con: Any,
    since: DateLike = None,
    until: DateLike = None,
    min_events: int = 1,
    max_nodes: int | None = None,
    seed: int = 0,
) -> Blocs:
    """Signed actor network for [since, until] with its communities (see module docstring).

    ``min_events``: fewest events for an edge. ``max_nodes``: keep only the most active actors
    (by number of events on kept edges). Negated events are excluded.
    """
    require_events(con)
    sql = f"""
        WITH e AS ({events_sql(since, until)})
        SELECT least(source_code, target_code) AS a, greatest(source_code, target_code) AS b,
               sum(intensity), count(*), sum(greatest(intensity, 0)), sum(greatest(-intensity, 0))
        FROM e WHERE target_code IS NOT NULL AND source_code <> target_code
        GROUP BY ALL HAVING count(*) >= {int(min_events)}
        ORDER BY a, b
    """
    rows = con.execute(sql).fetchall()
    if max_nodes is not None:
        activity: dict[str, int] = {}
        for a, b, _, n, _, _ in rows:
            activity[a] = activity.get(a, 0) + int(n)
            activity[b] = activity.get(b, 0) + int(n)
        keep = set(sorted(activity, key=lambda k: (-activity[k], k))[:max_nodes])
        rows = [r for r in rows if r[0] in keep and r[1] in keep]
    g = nx.Graph()
    for a, b, net, n, coop, conf in rows:
        w = float(net)
        g.add_edge(
            a, b, weight=w, sign=(w > 0) - (w < 0), n_events=int(n),
            cooperation=float(coop), conflict=float(conf),
        )
    communities = signed_communities(g, seed=seed)
    membership = {n: i for i, c in enumerate(communities) for n in c}
    for n in g.nodes:
        g.nodes[n]["community"] = membership[n]
        g.nodes[n]["degree"] = g.degree(n)
        g.nodes[n]["strength"] = sum(d["weight"] for _, _, d in g.edges(n, data=True))
        g.nodes[n]["n_events"] = sum(d["n_events"] for _, _, d in g.edges(n, data=True))
    return Blocs(
        since=as_date(since), until=as_date(until), graph=g, communities=communities,
        frustrated=frustrated_edges(g, membership),
    )
