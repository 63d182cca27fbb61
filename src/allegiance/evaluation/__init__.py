"""Evaluation against hand-coded gold data: gold format, scorer, PLOVER GSR converter.

``load_gold(path)`` reads gold JSONL (docs/gold-format.md), ``score(records, predicted)``
compares coded events with it, ``runner.predict`` codes gold texts through the real pipeline.
"""

from __future__ import annotations

from .codes import WILDCARD_CODES, GoldActor, code_matches
from .gold import GoldError, GoldEvent, GoldRecord, load_gold, parse_gold
from .scorer import EvalReport, score

__all__ = [
    "WILDCARD_CODES", "EvalReport", "GoldActor", "GoldError", "GoldEvent", "GoldRecord",
    "code_matches", "load_gold", "parse_gold", "score",
]  # fmt: skip
