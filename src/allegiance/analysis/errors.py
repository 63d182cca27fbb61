"""The one error type raised by the analysis layer."""

from __future__ import annotations

from ..errors import AllegianceError


class AnalysisError(AllegianceError):
    """An analysis request cannot be answered (bad actor spec, frequency, missing table...)."""
