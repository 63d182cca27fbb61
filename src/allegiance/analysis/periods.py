"""Calendar periods used by every time series: week, month, quarter, year.

A period is identified by its first day (a ``date``). Weeks start on Monday (ISO weeks), as in
DuckDB's ``date_trunc('week', ...)``. Series are dense: every period between the first and the
last one is present, with zeros where nothing happened.
"""

from __future__ import annotations

from datetime import date, timedelta

from .errors import AnalysisError

FREQS: tuple[str, ...] = ("week", "month", "quarter", "year")


def check_freq(freq: str) -> str:
    """Return ``freq`` normalised to lower case, or raise ``AnalysisError`` if unknown."""
    f = (freq or "").strip().lower()
    if f not in FREQS:
        raise AnalysisError(f"unknown frequency {freq!r}: use one of {', '.join(FREQS)}")
    return f


def truncate(d: date, freq: str) -> date:
    """The first day of the period of ``freq`` that contains ``d``."""
    if freq == "week":
        return d - timedelta(days=d.weekday())
    if freq == "month":
        return d.replace(day=1)
    if freq == "quarter":
        return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
    if freq == "year":
        return date(d.year, 1, 1)
    raise AnalysisError(f"unknown frequency {freq!r}")


def next_period(start: date, freq: str) -> date:
    """The first day of the period after the one starting on ``start``."""
    if freq == "week":
        return start + timedelta(days=7)
    if freq == "year":
        return date(start.year + 1, 1, 1)
    months = 1 if freq == "month" else 3
    m = start.month - 1 + months
    return date(start.year + m // 12, m % 12 + 1, 1)


def period_end(start: date, freq: str) -> date:
    """The last day of the period starting on ``start``."""
    return next_period(start, freq) - timedelta(days=1)


def period_range(first: date, last: date, freq: str) -> list[date]:
    """Every period start from the period containing ``first`` to the one containing ``last``."""
    cur, stop = truncate(first, freq), truncate(last, freq)
    out: list[date] = []
    while cur <= stop:
        out.append(cur)
        cur = next_period(cur, freq)
    return out


def label(start: date, freq: str) -> str:
    """Human label of a period: ``2023-W18``, ``2023-05``, ``2023Q2``, ``2023``."""
    if freq == "week":
        iso = start.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if freq == "month":
        return f"{start.year}-{start.month:02d}"
    if freq == "quarter":
        return f"{start.year}Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def sql_trunc(freq: str, column: str = "d") -> str:
    """DuckDB expression giving the period start (a DATE) of date column ``column``."""
    return f"CAST(date_trunc('{check_freq(freq)}', {column}) AS DATE)"
