"""Cross-validation of the learned type model against the rules alone.

The scored gold records are dealt into ``k`` folds by text (seeded shuffle). For each fold the
type model is trained on the other folds' texts only, and the fold's texts are coded with the
rules alone and with rules + model. The model's extra events are kept with their probability,
so every threshold in ``thresholds`` is scored from one coding run: figures per fold and pooled
over all held-out predictions. Picking the best of those thresholds is optimistic; the
``pooled_selected`` figures pick each fold's threshold on the other folds' predictions only.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..config import Config
from ..models import Event
from .gold import GoldRecord
from .scorer import EvalReport, score

DEFAULT_THRESHOLDS: tuple[float, ...] = (
    0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9,
)


def folds(records: Sequence[GoldRecord], k: int, seed: int = 0) -> list[list[GoldRecord]]:
    """The scored ``records`` in ``k`` folds of near-equal size (deterministic for a seed)."""
    scored = [r for r in records if r.scored]
    if k < 2 or k > len(scored):
        raise ValueError(f"folds must be between 2 and the number of scored texts "
                         f"({len(scored)}), got {k}")  # fmt: skip
    order = list(range(len(scored)))
    random.Random(seed).shuffle(order)
    return [[scored[i] for i in sorted(order[f::k])] for f in range(k)]


def figures(report: EvalReport) -> dict[str, float]:
    """Triple P/R/F1 and type macro-F1 of a report."""
    triple = report.overall["triple"]
    return {"triple_p": float(triple["precision"]), "triple_r": float(triple["recall"]),
            "triple_f1": report.triple_f1, "type_macro_f1": report.type_macro_f1}  # fmt: skip


@dataclass
class CVResult:
    """Figures of the rules alone and of rules + model at each threshold."""

    k: int
    seed: int
    thresholds: tuple[float, ...]
    rules: list[dict[str, float]] = field(default_factory=list)  # per fold
    typer: dict[float, list[dict[str, float]]] = field(default_factory=dict)  # per fold
    pooled_rules: dict[str, float] = field(default_factory=dict)
    pooled_typer: dict[float, dict[str, float]] = field(default_factory=dict)
    #: per fold, the threshold chosen on the other folds' held-out predictions
    selected_thresholds: list[float] = field(default_factory=list)
    #: pooled figures with each fold coded at its ``selected_thresholds`` entry
    pooled_selected: dict[str, float] = field(default_factory=dict)

    def best_threshold(self) -> float:
        """The threshold with the best pooled triple F1 (ties: the higher threshold)."""
        return max(self.thresholds, key=lambda t: (self.pooled_typer[t]["triple_f1"], t))

    def to_dict(self) -> dict[str, Any]:
        return {"folds": self.k, "seed": self.seed, "rules": self.rules,
                "pooled_rules": self.pooled_rules,
                "typer": {str(t): v for t, v in self.typer.items()},
                "pooled_typer": {str(t): v for t, v in self.pooled_typer.items()},
                "best_threshold": self.best_threshold(),
                "selected_thresholds": self.selected_thresholds,
                "pooled_selected": self.pooled_selected}  # fmt: skip


def _with(rules: dict[str, list[Event]], extra: dict[str, list[Event]], t: float,
          ) -> dict[str, list[Event]]:
    return {rid: rules[rid] + [e for e in extra.get(rid, []) if e.confidence >= t]
            for rid in rules}  # fmt: skip


def cross_validate(records: Sequence[GoldRecord], config: Config, k: int = 5, seed: int = 0,
                   thresholds: Sequence[float] = DEFAULT_THRESHOLDS, coder: Any = None,
                   extra: Sequence[GoldRecord] = ()) -> CVResult:
    """Rules alone vs rules + type model, ``k``-fold by text. ``extra`` records join every
    fold's training set and are never scored. ``coder`` defaults to the real ``Coder`` (its
    ``type_model`` and ``type_threshold`` are set per fold)."""
    from ..coding.typer import train_records
    from .runner import predict

    parts = folds(records, k, seed)
    cfg = replace(config, type_model=None)
    if coder is None:
        from ..coding import Coder

        coder = Coder(cfg)
    ts = tuple(sorted(set(thresholds)))
    result = CVResult(k, seed, ts)
    all_rules: dict[str, list[Event]] = {}
    all_extra: dict[str, list[Event]] = {}
    fold_of: dict[str, int] = {r.id: f for f, part in enumerate(parts) for r in part}
    for f, held_out in enumerate(parts):
        train = [r for g, part in enumerate(parts) if g != f for r in part] + list(extra)
        coder.type_model = None
        rules = predict(held_out, cfg, progress=False, coder=coder).events
        coder.type_model, coder.type_threshold = train_records(train), min(ts)
        both = predict(held_out, cfg, progress=False, coder=coder).events
        coder.type_model = None
        added: dict[str, list[Event]] = {}
        for rid, evs in both.items():
            known = {r.id for r in rules[rid]}
            added[rid] = [e for e in evs if e.id not in known]
        all_rules.update(rules)
        all_extra.update(added)
        result.rules.append(figures(score(held_out, rules)))
        for t in ts:
            result.typer.setdefault(t, []).append(figures(score(held_out, _with(rules, added, t))))
    scored = [r for part in parts for r in part]
    result.pooled_rules = figures(score(scored, all_rules))
    for t in ts:
        result.pooled_typer[t] = figures(score(scored, _with(all_rules, all_extra, t)))
    chosen: dict[str, list[Event]] = {}
    for f in range(k):
        others = [r for r in scored if fold_of[r.id] != f]
        t = max(ts, key=lambda t: (score(others, _with(all_rules, all_extra, t)).triple_f1, t))
        result.selected_thresholds.append(t)
        chosen.update(_with({r.id: all_rules[r.id] for r in parts[f]}, all_extra, t))
    result.pooled_selected = figures(score(scored, chosen))
    return result
