"""Small inline-SVG charts (no JavaScript, no external resources): lines and a network.

All text is HTML-escaped; the output is a standalone ``<svg>`` element string.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

PALETTE: tuple[str, ...] = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#7f7f7f",
)  # fmt: skip
POSITIVE, NEGATIVE = "#2ca02c", "#d62728"


def color(i: int) -> str:
    """The i-th palette colour (cycling)."""
    return PALETTE[i % len(PALETTE)]


def _fmt(v: float) -> str:
    return f"{v:.1f}"


def line_chart(
    labels: Sequence[str],
    series: Mapping[str, Sequence[float]],
    title: str,
    y_range: tuple[float, float] | None = None,
    width: int = 720,
    height: int = 260,
    colors: Mapping[str, str] | None = None,
) -> str:
    """A multi-line chart: x = ``labels`` (periods), one polyline per named series.

    ``y_range`` fixes the y axis (else it spans the data and 0). A zero line is drawn.
    """
    left, right, top, bottom = 56, 120, 28, 40
    pw, ph = width - left - right, height - top - bottom
    values = [v for s in series.values() for v in s]
    lo, hi = y_range if y_range else (min([0.0, *values]), max([0.0, *values]))
    if hi - lo < 1e-9:
        lo, hi = lo - 1, hi + 1
    n = len(labels)

    def x(i: int) -> float:
        return left + (pw * i / (n - 1) if n > 1 else pw / 2)

    def y(v: float) -> float:
        return top + ph * (hi - v) / (hi - lo)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f'<text x="{left}" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
        f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#ccc"/>',
    ]
    for v in (lo, (lo + hi) / 2, hi):
        out.append(
            f'<text x="{left - 6}" y="{_fmt(y(v) + 4)}" font-size="10" text-anchor="end">'
            f"{escape(f'{v:.2g}')}</text>"
        )
    if lo < 0 < hi:
        out.append(
            f'<line x1="{left}" x2="{left + pw}" y1="{_fmt(y(0))}" y2="{_fmt(y(0))}" '
            'stroke="#888" stroke-dasharray="4 3"/>'
        )
    step = max(1, math.ceil(n / 10))
    for i in range(0, n, step):
        out.append(
            f'<text x="{_fmt(x(i))}" y="{top + ph + 16}" font-size="10" text-anchor="middle">'
            f"{escape(labels[i])}</text>"
        )
    for k, (name, vals) in enumerate(series.items()):
        c = (colors or {}).get(name, color(k))
        pts = " ".join(f"{_fmt(x(i))},{_fmt(y(v))}" for i, v in enumerate(vals))
        if len(vals) == 1:
            out.append(f'<circle cx="{_fmt(x(0))}" cy="{_fmt(y(vals[0]))}" r="3" fill="{c}"/>')
        elif vals:
            out.append(
                f'<polyline points="{pts}" fill="none" stroke="{c}" stroke-width="2">'
                f"<title>{escape(name)}</title></polyline>"
            )
        ly = top + 14 + 16 * k
        out.append(
            f'<line x1="{left + pw + 10}" x2="{left + pw + 28}" y1="{ly - 4}" y2="{ly - 4}" '
            f'stroke="{c}" stroke-width="3"/>'
            f'<text x="{left + pw + 32}" y="{ly}" font-size="11">{escape(name)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def network_chart(
    nodes: Sequence[tuple[str, int]],
    edges: Sequence[tuple[str, str, float]],
    positions: Mapping[str, tuple[float, float]],
    title: str,
    width: int = 720,
    height: int = 520,
) -> str:
    """A signed network: nodes ``(id, community)`` at ``positions`` (any scale), edges
    ``(a, b, weight)`` green when positive and red when negative, width by ``|weight|``."""
    pad = 40
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    sx = (width - 2 * pad) / (x1 - x0) if x1 > x0 else 0.0
    sy = (height - 2 * pad - 20) / (y1 - y0) if y1 > y0 else 0.0

    def at(n: str) -> tuple[float, float]:
        px, py = positions[n]
        cx = pad + (px - x0) * sx if sx else width / 2
        cy = pad + 20 + (py - y0) * sy if sy else height / 2
        return cx, cy

    wmax = max([abs(w) for _, _, w in edges] or [1.0]) or 1.0
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f'<text x="{pad}" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for a, b, w in edges:
        (ax, ay), (bx, by) = at(a), at(b)
        c = POSITIVE if w > 0 else NEGATIVE if w < 0 else "#999"
        out.append(
            f'<line x1="{_fmt(ax)}" y1="{_fmt(ay)}" x2="{_fmt(bx)}" y2="{_fmt(by)}" '
            f'stroke="{c}" stroke-opacity="0.6" stroke-width="{_fmt(0.5 + 4 * abs(w) / wmax)}">'
            f"<title>{escape(f'{a} – {b}: net {w:+.1f}')}</title></line>"
        )
    for n, community in nodes:
        px, py = at(n)
        out.append(
            f'<circle cx="{_fmt(px)}" cy="{_fmt(py)}" r="9" fill="{color(community)}" '
            f'stroke="#fff"><title>{escape(f"{n} (bloc {community + 1})")}</title></circle>'
            f'<text x="{_fmt(px + 11)}" y="{_fmt(py + 4)}" font-size="11">{escape(n)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
