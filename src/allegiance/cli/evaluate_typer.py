"""CLI commands ``allegiance evaluate train-typer`` and ``evaluate cv`` (docs/typer.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from ..errors import AllegianceError
from .app import console, get_config
from .evaluate import _write_report, evaluate_app


@evaluate_app.command("train-typer")
def train_typer(
    gold: Annotated[list[Path], typer.Argument(help="Gold JSONL file(s) to learn from.")],
    out: Annotated[Path, typer.Option("--out", help="Model file to write (.joblib).")],
) -> None:
    """Train the sentence event-type model on gold texts (set it as 'type_model' in the config)."""
    from ..coding.typer import gold_examples, train
    from ..evaluation import load_gold

    records = [r for path in gold for r in load_gold(path)]
    texts, labels = gold_examples(records)
    if not texts:
        raise AllegianceError("no training examples in the gold file(s)")
    model = train(texts, labels)
    model.save(out)
    n_none = labels.count("NONE")
    console.print(f"trained on {len(texts)} sentence(s) ({len(texts) - n_none} with an event, "
                  f"{n_none} without), {len(model.labels)} label(s); wrote {out}")  # fmt: skip


def _row(name: str, fig: dict[str, float]) -> list[str]:
    keys = ("triple_p", "triple_r", "triple_f1", "type_macro_f1")
    return [name, *(f"{100 * fig[k]:.1f}" for k in keys)]


@evaluate_app.command("cv")
def cross_validation(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (docs/gold-format.md).")],
    folds: Annotated[int, typer.Option("--folds", min=2, help="Number of folds.")] = 5,
    threshold: Annotated[
        float | None,
        typer.Option("--threshold", min=0.0, max=1.0,
                     help="Threshold to show per fold (default: the config's)."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the split by text.")] = 0,
    train_extra: Annotated[
        list[Path] | None,
        typer.Option("--train-extra", help="More gold to train on in every fold (not scored)."),
    ] = None,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write all figures as JSON.")
    ] = None,
) -> None:
    """Cross-validate the type model: rules alone vs rules + model, split by text."""
    from ..evaluation import load_gold
    from ..evaluation.cv import DEFAULT_THRESHOLDS, cross_validate

    config = get_config()
    chosen = config.type_model_threshold if threshold is None else threshold
    records = load_gold(gold)
    extra = [r for path in train_extra or [] for r in load_gold(path)]
    try:
        result = cross_validate(records, config, folds, seed, (*DEFAULT_THRESHOLDS, chosen),
                                extra=extra)
    except ValueError as exc:
        raise AllegianceError(str(exc)) from exc
    table = Table(title=f"{folds}-fold CV by text, threshold {chosen:g} (figures in %)")
    for col in ("fold", "triple P", "triple R", "triple F1", "type macro-F1"):
        table.add_column(col, justify="left" if col == "fold" else "right")
    for f in range(folds):
        table.add_row(*_row(f"{f + 1} rules", result.rules[f]))
        table.add_row(*_row(f"{f + 1} rules+typer", result.typer[chosen][f]))
    table.add_row(*_row("pooled rules", result.pooled_rules))
    table.add_row(*_row("pooled rules+typer", result.pooled_typer[chosen]))
    console.print(table)
    sweep = Table(title="pooled rules+typer by threshold (figures in %)")
    for col in ("threshold", "triple P", "triple R", "triple F1", "type macro-F1"):
        sweep.add_column(col, justify="right")
    for t in result.thresholds:
        sweep.add_row(*_row(f"{t:g}", result.pooled_typer[t]))
    console.print(sweep)
    console.print(f"best threshold by pooled triple F1: {result.best_threshold():g} "
                  "(chosen on these folds: an optimistic figure)")  # fmt: skip
    picked = ", ".join(f"{t:g}" for t in result.selected_thresholds)
    fig = result.pooled_selected
    console.print(f"threshold chosen per fold on the other folds ({picked}): triple P/R/F1 "
                  f"{100 * fig['triple_p']:.1f}/{100 * fig['triple_r']:.1f}/"
                  f"{100 * fig['triple_f1']:.1f}, type macro-F1 {100 * fig['type_macro_f1']:.1f}"
                  f" (rules alone: triple F1 {100 * result.pooled_rules['triple_f1']:.1f}, type "
                  f"macro-F1 {100 * result.pooled_rules['type_macro_f1']:.1f})")  # fmt: skip
    if report is not None:
        extras = [str(p) for p in train_extra or []]
        _write_report(report, {"gold": str(gold), "train_extra": extras, "threshold": chosen,
                               **result.to_dict()})  # fmt: skip
        console.print(f"report written to {report}")
