"""The outcome of an ingest run: counts per outcome and the problems found."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Problem


@dataclass
class IngestReport:
    """Counts of one ingest run. Every article read ends in exactly one bucket::

        read == new + exact_duplicates + near_duplicates + skipped_language
                + skipped_no_date + empty

    ``new`` counts articles stored as 'pending' (to be coded). Near-copies, language skips and
    undated articles are stored too, with status 'duplicate' or 'skipped'. ``problems`` lists
    everything that could not be used or needs attention (also saved in the store).
    """

    files: int = 0
    read: int = 0
    new: int = 0
    exact_duplicates: int = 0
    near_duplicates: int = 0
    skipped_language: int = 0
    skipped_no_date: int = 0
    empty: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def stored(self) -> int:
        """Articles written to the store in this run, whatever their status."""
        return self.new + self.near_duplicates + self.skipped_language + self.skipped_no_date
