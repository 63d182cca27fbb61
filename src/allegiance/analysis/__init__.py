"""Alignment analytics over coded events: dyads, alignment index, realignments, blocs.

Every function takes a DuckDB connection whose ``events`` table has the store's columns (the
store itself, or an exported events file loaded back with ``read_csv_auto``) and works in SQL
(GROUP BY in DuckDB). Negated events are excluded from all analytics.
"""

from __future__ import annotations

from .actors import GROUPS, ORGANISATIONS, ActorSet, resolve
from .alignment import DEFAULT_POWERS, Alignment, PowerSeries, alignment
from .blocs import Blocs, blocs
from .changepoints import change_points
from .dyad import DyadPoint, DyadSeries, Tally, dyad_series
from .errors import AnalysisError
from .evidence import Evidence, evidence_between, top_evidence
from .shifts import Shift, detect_shifts

__all__ = [
    "DEFAULT_POWERS", "GROUPS", "ORGANISATIONS", "ActorSet", "Alignment", "AnalysisError",
    "Blocs", "DyadPoint", "DyadSeries", "Evidence", "PowerSeries", "Shift", "Tally",
    "alignment", "blocs", "change_points", "detect_shifts", "dyad_series", "evidence_between",
    "resolve", "top_evidence",
]
