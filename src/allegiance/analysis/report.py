"""Standalone HTML report: alignment, dyads with France and Russia, shifts, blocs.

Everything is inline (SVG drawn by ``svg.py``, CSS in a ``<style>`` block): no scripts, no
external resources, so the file opens offline. All data text is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

import networkx as nx

from .actors import GROUPS
from .alignment import DEFAULT_POWERS, alignment
from .base import DateLike
from .blocs import blocs
from .evidence import Evidence
from .shifts import Shift, detect_shifts
from .svg import color, line_chart, network_chart

CSS = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 980px; color: #222; }
h1 { margin-bottom: 0.2em; } h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
.note { color: #555; font-size: 0.92em; } svg { display: block; margin: 0.8em 0; }
table { border-collapse: collapse; margin: 0.6em 0 1.4em; width: 100%; font-size: 0.92em; }
td, th { border: 1px solid #ddd; padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #f4f4f4; } .toward { color: #2ca02c; } .away { color: #d62728; }
blockquote { margin: 0.2em 0; color: #333; font-style: italic; }
"""


def _evidence_html(items: Sequence[Evidence]) -> str:
    if not items:
        return "<span class='note'>no event</span>"
    return "".join(
        f"<blockquote>“{escape(e.sentence)}” <span class='note'>({escape(e.event_date.isoformat())}"
        f", {escape(e.event_type)} {escape(e.source)} → {escape(e.target or '—')}, "
        f"{e.intensity:+.0f}, id {escape(e.id)})</span></blockquote>"
        for e in items
    )


def _shifts_html(shifts: Sequence[Shift]) -> str:
    if not shifts:
        return "<p class='note'>No realignment detected.</p>"
    rows = []
    for s in shifts:
        rows.append(
            f"<tr><td class='{s.direction}'>{escape(s.label)}</td>"
            f"<td>{escape(s.before_start.isoformat())} – {escape(s.before_end.isoformat())}<br>"
            f"mean {s.mean_before:+.1f}/period, {s.n_before} events"
            f"{_evidence_html(s.evidence_before)}</td>"
            f"<td>{escape(s.after_start.isoformat())} – {escape(s.after_end.isoformat())}<br>"
            f"mean {s.mean_after:+.1f}/period, {s.n_after} events"
            f"{_evidence_html(s.evidence_after)}</td><td>{s.size:+.1f}</td></tr>"
        )
    return (
        "<table><tr><th>shift</th><th>before</th><th>after</th><th>size</th></tr>"
        + "".join(rows) + "</table>"
    )


def build_report(
    con: Any,
    countries: Sequence[str] = GROUPS["AES"],
    powers: Sequence[str] = DEFAULT_POWERS,
    freq: str = "quarter",
    since: DateLike = None,
    until: DateLike = None,
    window: int = 1,
    dyad_powers: Sequence[str] = ("FRA", "RUS"),
    max_nodes: int = 40,
) -> str:
    """The report as one HTML string (see module docstring)."""
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        "<title>Allegiance report</title>", f"<style>{CSS}</style></head><body>",
        "<h1>Allegiance report</h1>",
        f"<p class='note'>Generated {escape(datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC'))}"
        f" from the coded events. Countries: {escape(', '.join(countries))}; reference powers: "
        f"{escape(', '.join(powers))}. Negated events are excluded from all figures.</p>",
        "<h2>Alignment</h2><p class='note'>Share of each power in the country's net "
        "cooperation: net(C,P) / Σ<sub>Q</sub> |net(C,Q)|, in [-1, 1], where net = sum of "
        "positive minus sum of |negative| intensities of the events between C and P (either "
        f"direction); per {escape(freq)}"
        + (f", summed over a trailing window of {window} periods" if window > 1 else "")
        + ".</p>",
    ]
    colors = {p: color(i) for i, p in enumerate(powers)}
    for c in countries:
        al = alignment(con, c, powers, freq=freq, since=since, until=until, window=window)
        series = {p: s.share for p, s in al.powers.items()}
        parts.append(line_chart(al.labels, series, f"{c}: alignment index", (-1.0, 1.0),
                                colors=colors))
    parts.append(
        "<h2>Net cooperation with "
        + escape(" and ".join(dyad_powers))
        + "</h2><p class='note'>Sum of intensities (cooperation +, conflict −), both "
        "directions, per period.</p>"
    )
    for c in countries:
        # The dyad net (both directions) on a common time axis for all dyad powers.
        al = alignment(con, c, dyad_powers, freq=freq, since=since, until=until)
        series = {p: s.net for p, s in al.powers.items()}
        parts.append(line_chart(al.labels, series, f"{c}: net cooperation per {freq}",
                                colors=colors))
    parts.append("<h2>Realignments</h2><p class='note'>Change points in the monthly net "
                 "cooperation series (quarterly or yearly when events are sparse; robust PELT, "
                 "BIC penalty); strongest evidence on both sides.</p>")
    for c in countries:
        shifts = detect_shifts(con, c, powers, freq="auto", since=since, until=until)
        parts.append(f"<h3>{escape(c)}</h3>{_shifts_html(shifts)}")
    bl = blocs(con, since=since, until=until, max_nodes=max_nodes)
    g = bl.graph
    pos = nx.spring_layout(g, seed=0, weight=None) if g.number_of_nodes() else {}
    parts.append(
        "<h2>Blocs</h2><p class='note'>Signed network of the most active actors (green: net "
        "cooperation, red: net conflict); colours are communities found on the cooperation "
        f"ties. Frustrated ties (conflict inside a bloc or cooperation across): "
        f"{bl.frustration} of {g.number_of_edges()}.</p>"
    )
    parts.append(network_chart(
        [(n, g.nodes[n]["community"]) for n in sorted(g.nodes)],
        [(a, b, d["weight"]) for a, b, d in g.edges(data=True)],
        {n: (float(p[0]), float(p[1])) for n, p in pos.items()},
        "Actor network",
    ))
    blist = "".join(
        f"<li>bloc {i + 1}: {escape(', '.join(members))}</li>"
        for i, members in enumerate(bl.communities)
    )
    parts.append(f"<ul>{blist}</ul></body></html>")
    return "\n".join(parts)


def write_report(con: Any, out: str | Path, **kwargs: Any) -> Path:
    """Write ``build_report(con, **kwargs)`` to ``out`` (UTF-8); return the path."""
    path = Path(out)
    path.write_text(build_report(con, **kwargs), encoding="utf-8")
    return path
