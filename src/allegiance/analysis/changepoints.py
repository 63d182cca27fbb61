"""Change-point detection on one net-cooperation series (ruptures, penalised PELT).

Method, chosen to be robust on sparse, heavy-tailed event data:

1. **Robust noise scale**: ``sigma = 1.4826 * median(|diff(x)|) / sqrt(2)`` (MAD of first
   differences: insensitive both to the level shifts we look for and to isolated spikes). When
   more than half the differences are 0 (a mostly quiet dyad) the MAD is 0 and we fall back to
   the RMS of the differences, ``sqrt(mean(diff(x)^2) / 2)``, which still ignores level shifts.
2. **Winsorise around a running median**: each value is clipped to its 5-period running median
   ± ``4 sigma``. A single spectacular month (a massacre, a big arms deal) then weighs like a
   busy month, while a lasting change of level passes untouched.
3. **PELT with the L2 (mean-shift) cost** on the clipped series divided by ``sigma``
   (``ruptures.KernelCPD(kernel="linear")``, ruptures' C implementation of PELT for that cost),
   with segments of at least ``min_size`` periods.
4. **Penalty** ``penalty * log(n)`` per change point on unit-variance data: the default
   ``penalty = 2`` is BIC (a mean change adds two parameters). Measured on 60-period synthetic
   series (400 draws each), share of series with at least one false alarm: 11 % on Gaussian
   noise, 15 % on dense event noise, 24 % on sparse event noise (0.3 events/period), 44 % on
   heavy-tailed Student-t(2) noise; a 3-sigma step is found within ±1 period 96 % of the time.
   ``penalty = 3`` cuts those false alarms to 3 %, 3 %, 12 % and 14 %, but misses the sparse
   shifts of a small corpus (the bundled sample), hence BIC as the default.
   Very sparse series are better analysed at a coarser frequency (``detect_shifts(freq="auto")``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import ruptures as rpt

DEFAULT_PENALTY = 2.0
DEFAULT_MIN_SIZE = 3
CLIP = 4.0
MEDIAN_WINDOW = 5


def noise_scale(x: np.ndarray) -> float:
    """Robust standard deviation of the noise of ``x`` from its first differences (0 if flat)."""
    if len(x) < 2:
        return 0.0
    diffs = np.diff(x)
    sigma = 1.4826 * float(np.median(np.abs(diffs))) / math.sqrt(2)
    if sigma <= 1e-12:
        sigma = math.sqrt(float(np.mean(diffs**2)) / 2)
    return sigma


def running_median(x: np.ndarray, window: int = MEDIAN_WINDOW) -> np.ndarray:
    """Centred running median (the window shrinks at both ends)."""
    x = np.asarray(x, dtype=float)
    n, h = len(x), window // 2
    out = np.empty(n)
    if n > 2 * h:
        out[h:n - h] = np.median(np.lib.stride_tricks.sliding_window_view(x, 2 * h + 1), axis=1)
    for i in (*range(min(h, n)), *range(max(h, n - h), n)):  # shrunk windows at the ends
        part = sorted(x[max(0, i - h):i + h + 1].tolist())
        m = len(part) // 2
        out[i] = part[m] if len(part) % 2 else (part[m - 1] + part[m]) / 2
    return out


def robust_series(values: Sequence[float]) -> np.ndarray:
    """The series as PELT sees it: winsorised around its running median, in units of sigma.

    Returns an empty array when the series is flat (nothing can change).
    """
    x = np.asarray(values, dtype=float)
    sigma = noise_scale(x)
    if sigma <= 1e-12:
        return np.empty(0)
    rm = running_median(x)
    return (rm + np.clip(x - rm, -CLIP * sigma, CLIP * sigma)) / sigma


def change_points(
    values: Sequence[float], penalty: float = DEFAULT_PENALTY, min_size: int = DEFAULT_MIN_SIZE
) -> list[int]:
    """Indices where a new segment starts (0 < i < n), ascending; [] when nothing changes."""
    n = len(values)
    if n < 2 * min_size:
        return []
    z = robust_series(values)
    if z.size == 0:
        return []
    algo = rpt.KernelCPD(kernel="linear", min_size=min_size, jump=1).fit(z.reshape(-1, 1))
    bkps = algo.predict(pen=penalty * math.log(n))
    return [int(b) for b in bkps if 0 < b < n]
