"""Counters behind the evaluation report: precision/recall/F1 and flag accuracy, per group.

``Tally.add_text`` folds one aligned text into the counts. For each measure, ``tp`` counts the
aligned pairs that agree on it, ``n_pred`` the predictions it is judged on and ``n_gold`` the
gold events (or gold sides) it is judged on; precision = tp/n_pred, recall = tp/n_gold.

* detection_text: texts with at least one prediction vs texts with at least one gold event;
* detection_event, type_micro, source, target, triple: every prediction and gold event;
* sector, date, place: only gold events (sides, for sector) that have the attribute; a
  prediction is judged on it when it is aligned with such a gold event and has a value.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import Event
from .gold import GoldEvent
from .matching import Alignment, date_matches, place_matches, sector_pairs

NONE = "none"  # confusion-matrix label for "no aligned event"


@dataclass
class Counts:
    """True positives and the two denominators of one measure."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Counts and rounded scores, for the JSON report."""
        return {
            "tp": self.tp, "fp": self.n_pred - self.tp, "fn": self.n_gold - self.tp,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }  # fmt: skip


@dataclass
class Accuracy:
    """Agreement on a flag over aligned pairs where the gold states it."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"correct": self.correct, "total": self.total,
                "accuracy": round(self.accuracy, 4)}  # fmt: skip


MEASURES: tuple[str, ...] = (
    "detection_text", "detection_event", "type_micro", "source", "target", "triple",
    "sector", "date", "place",
)  # fmt: skip
FLAGS: tuple[str, ...] = ("negated", "planned", "mode")


def gold_type_label(gold: GoldEvent, pred: Event | None) -> str:
    """The gold type a pair is counted under: the predicted type if accepted, else the first."""
    if pred is not None and pred.type in gold.types:
        return pred.type
    return gold.types[0]


@dataclass
class Tally:
    """All counters for one group of texts (everything, or one language)."""

    texts: int = 0
    measures: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in MEASURES})
    per_type: dict[str, Counts] = field(default_factory=dict)
    flags: dict[str, Accuracy] = field(default_factory=lambda: {f: Accuracy() for f in FLAGS})
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)

    def _type(self, name: str) -> Counts:
        return self.per_type.setdefault(name, Counts())

    def add_text(
        self, gold: Sequence[GoldEvent], pred: Sequence[Event], alignment: Alignment
    ) -> None:
        """Count one text's gold events, predictions and their alignment."""
        m = self.measures
        self.texts += 1
        m["detection_text"].n_gold += bool(gold)
        m["detection_text"].n_pred += bool(pred)
        m["detection_text"].tp += bool(gold) and bool(pred)
        for name in ("detection_event", "type_micro", "source", "target", "triple"):
            m[name].n_gold += len(gold)
            m[name].n_pred += len(pred)
        m["detection_event"].tp += len(alignment.pairs)
        aligned: dict[int, Event] = {}
        for gi, pi, result in alignment.pairs:
            g, p = gold[gi], pred[pi]
            aligned[gi] = p
            m["type_micro"].tp += result.type
            m["source"].tp += result.source
            m["target"].tp += result.target
            m["triple"].tp += result.triple
            if result.type:
                self._type(p.type).tp += 1
            self.confusion[(gold_type_label(g, p), p.type)] += 1
            self._flags(g, p)
        for gi, g in enumerate(gold):
            p = aligned.get(gi)
            self._type(gold_type_label(g, p)).n_gold += 1
            self._attributes(g, p)
        for p in pred:
            self._type(p.type).n_pred += 1
        for gi in alignment.missed:
            self.confusion[(gold_type_label(gold[gi], None), NONE)] += 1
        for pi in alignment.spurious:
            self.confusion[(NONE, pred[pi].type)] += 1

    def _attributes(self, g: GoldEvent, p: Event | None) -> None:
        sector = self.measures["sector"]
        for gold_sector, pred_sector in sector_pairs(g, p):
            sector.n_gold += 1
            if p is not None and pred_sector is not None:
                sector.n_pred += 1
                sector.tp += gold_sector == pred_sector
        if g.date is not None:
            self.measures["date"].n_gold += 1
            if p is not None:
                self.measures["date"].n_pred += 1
                self.measures["date"].tp += date_matches(g, p)
        if g.place is not None:
            self.measures["place"].n_gold += 1
            if p is not None and p.place is not None:
                self.measures["place"].n_pred += 1
                self.measures["place"].tp += place_matches(g, p)

    def _flags(self, g: GoldEvent, p: Event) -> None:
        if g.negated is not None:
            self.flags["negated"].total += 1
            self.flags["negated"].correct += g.negated == p.negated
        if g.planned is not None:
            self.flags["planned"].total += 1
            self.flags["planned"].correct += g.planned == p.planned
        if g.mode is not None:
            self.flags["mode"].total += 1
            self.flags["mode"].correct += (p.mode or "").casefold() == g.mode.casefold()

    def type_macro(self) -> dict[str, Any]:
        """Unweighted mean precision, recall and F1 over the types seen in gold or predictions."""
        seen = [c for c in self.per_type.values() if c.n_gold or c.n_pred]
        n = len(seen)
        return {
            "precision": round(sum(c.precision for c in seen) / n, 4) if n else 0.0,
            "recall": round(sum(c.recall for c in seen) / n, 4) if n else 0.0,
            "f1": round(sum(c.f1 for c in seen) / n, 4) if n else 0.0,
            "n_types": n,
        }

    def summary(self) -> dict[str, Any]:
        """The group's measures as plain data (no confusion matrix)."""
        det = self.measures["detection_event"]
        return {
            "texts": self.texts,
            "gold_events": det.n_gold,
            "predicted_events": det.n_pred,
            **{name: c.as_dict() for name, c in self.measures.items()},
            "type_macro": self.type_macro(),
            "per_type": {t: self.per_type[t].as_dict() for t in sorted(self.per_type)},
            "flags": {name: a.as_dict() for name, a in self.flags.items()},
        }
