"""Unicode sparklines for the terminal."""

from __future__ import annotations

from collections.abc import Sequence

BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], lo: float = -1.0, hi: float = 1.0) -> str:
    """One block character per value, scaled from ``lo`` (▁) to ``hi`` (█); clipped."""
    if hi <= lo:
        raise ValueError("hi must be greater than lo")
    out = []
    for v in values:
        f = (min(max(v, lo), hi) - lo) / (hi - lo)
        out.append(BARS[min(int(f * len(BARS)), len(BARS) - 1)])
    return "".join(out)
