"""Scoring predicted events against gold records: ``score(gold_records, predicted)``.

Records with ``duplicate_of`` or ``skip`` are ingest-level expectations and are left out of
event scoring (counted in ``ignored``). Alignment rules: ``matching``; measures: ``metrics``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import Event
from .gold import GoldEvent, GoldRecord
from .matching import align
from .metrics import NONE, Tally

#: How many misses the report lists.
N_MISSES = 20
_MAX_SENTENCE = 400


def event_label(event: Event) -> str:
    """``"TYPE SRC -> TGT"`` for a predicted event."""
    tgt = event.target.label if event.target else "-"
    return f"{event.type} {event.source.label} -> {tgt}"


@dataclass
class EvalReport:
    """Everything ``allegiance evaluate`` shows; ``to_dict()`` is the JSON report."""

    overall: dict[str, Any]
    by_lang: dict[str, dict[str, Any]]
    confusion: dict[str, dict[str, int]]
    misses: list[dict[str, Any]]
    ignored: int = 0
    unknown_predictions: list[str] = field(default_factory=list)

    @property
    def triple_f1(self) -> float:
        """F1 of the full (type, source, target) triple over all scored texts."""
        return float(self.overall["triple"]["f1"])

    @property
    def type_macro_f1(self) -> float:
        """Macro-averaged event type F1."""
        return float(self.overall["type_macro"]["f1"])

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-serialisable data."""
        return {
            "overall": self.overall,
            "by_lang": self.by_lang,
            "confusion": self.confusion,
            "worst_misses": self.misses,
            "ignored_records": self.ignored,
            "unknown_prediction_ids": self.unknown_predictions,
        }


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_SENTENCE else text[: _MAX_SENTENCE - 1] + "…"


def _missed(record: GoldRecord, gold: GoldEvent, nothing_found: bool) -> dict[str, Any]:
    return {
        "kind": "missed", "text_id": record.id, "lang": record.lang, "gold": gold.label,
        "predicted": None, "sentence": _clip(gold.evidence or record.text),
        "text_had_no_prediction": nothing_found,
    }  # fmt: skip


def _wrong(record: GoldRecord, gold: GoldEvent, pred: Event) -> dict[str, Any]:
    return {
        "kind": "wrong", "text_id": record.id, "lang": record.lang, "gold": gold.label,
        "predicted": event_label(pred), "sentence": _clip(pred.sentence),
        "text_had_no_prediction": False,
    }  # fmt: skip


def _spurious(record: GoldRecord, pred: Event) -> dict[str, Any]:
    return {
        "kind": "spurious", "text_id": record.id, "lang": record.lang, "gold": None,
        "predicted": event_label(pred), "sentence": _clip(pred.sentence),
        "confidence": pred.confidence, "trigger": pred.trigger,
    }  # fmt: skip


def worst_misses(
    missed: Sequence[dict[str, Any]], spurious: Sequence[dict[str, Any]], n: int = N_MISSES
) -> list[dict[str, Any]]:
    """Up to ``n`` misses, half false negatives and half false positives when both abound.

    ``missed`` holds unaligned gold events and aligned pairs whose triple is wrong (kind
    "wrong"). Gold events in texts where nothing at all was predicted come first, then other
    unaligned gold events, then wrong pairs; spurious predictions are ranked by the coder's
    confidence, highest first.
    """
    order = {"missed": 0, "wrong": 1}
    fn = sorted(missed, key=lambda m: (not m["text_had_no_prediction"], order[m["kind"]]))
    fp = sorted(spurious, key=lambda m: -float(m["confidence"]))
    n_fn = min(len(fn), max(n // 2, n - len(fp)))
    n_fp = min(len(fp), n - n_fn)
    return fn[:n_fn] + fp[:n_fp]


def score(
    gold_records: Iterable[GoldRecord], predicted: Mapping[str, Sequence[Event]]
) -> EvalReport:
    """Score ``predicted`` (gold record id -> events coded from its text) against the gold.

    Records missing from ``predicted`` count as texts where nothing was coded. Per text, the
    events are aligned one-to-one (``matching.align``: best pair first on triple, then type,
    source, target, sectors, date and place); the report gives P/R/F1 for detection, type
    (micro, macro, per type), source, target, triple, sector, date and place, overall and per
    language, flag accuracy, a type confusion matrix and the worst misses.
    """
    overall = Tally()
    by_lang: dict[str, Tally] = {}
    missed: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    ignored = 0
    scored_ids: set[str] = set()
    for record in gold_records:
        if not record.scored:
            ignored += 1
            continue
        scored_ids.add(record.id)
        pred = list(predicted.get(record.id, ()))
        alignment = align(record.events, pred)
        overall.add_text(record.events, pred, alignment)
        by_lang.setdefault(record.lang, Tally()).add_text(record.events, pred, alignment)
        missed += [_missed(record, record.events[i], not pred) for i in alignment.missed]
        missed += [_wrong(record, record.events[gi], pred[pi])
                   for gi, pi, result in alignment.pairs if not result.triple]  # fmt: skip
        spurious += [_spurious(record, pred[i]) for i in alignment.spurious]
    confusion: dict[str, dict[str, int]] = {}
    for (gold_type, pred_type), count in sorted(overall.confusion.items()):
        confusion.setdefault(gold_type, {})[pred_type] = count
    if NONE in confusion:  # the "no gold event" row last
        confusion[NONE] = confusion.pop(NONE)
    return EvalReport(
        overall=overall.summary(),
        by_lang={lang: by_lang[lang].summary() for lang in sorted(by_lang)},
        confusion=confusion,
        misses=worst_misses(missed, spurious),
        ignored=ignored,
        unknown_predictions=sorted(set(predicted) - scored_ids),
    )
