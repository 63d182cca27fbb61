"""CLI commands: ``allegiance evaluate GOLD.jsonl`` and ``allegiance evaluate convert-plover``.

``evaluate`` is a command group whose default command is ``run``: any first argument that is
not a sub-command name is taken as the gold file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

from ..errors import AllegianceError
from .app import app, console, err_console, get_config

LANGS = ("en", "fr")


class _DefaultRun(TyperGroup):
    """A group that runs ``run`` when the first argument is not one of its commands."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


evaluate_app = typer.Typer(
    cls=_DefaultRun,
    no_args_is_help=True,
    help="Score the coder against gold data. 'allegiance evaluate GOLD.jsonl ...' is short for "
    "'allegiance evaluate run GOLD.jsonl ...'.",
)
app.add_typer(evaluate_app, name="evaluate")


def _write_report(path: Path, data: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise AllegianceError(f"cannot write report {path}: {exc.strerror or exc}") from exc


@evaluate_app.command("run")
def run_evaluation(
    gold: Annotated[Path, typer.Argument(help="Gold JSONL file (docs/gold-format.md).")],
    report: Annotated[
        Path | None, typer.Option("--report", help="Write the full report as JSON.")
    ] = None,
    min_f1: Annotated[
        float | None,
        typer.Option("--min-f1", min=0.0, max=1.0, help="Exit 1 when the triple F1 is below."),
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Only texts in this language (en|fr).")
    ] = None,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")
    ] = True,
) -> None:
    """Code the gold texts in a temporary database and score the events against the gold."""
    from ..evaluation import load_gold, score
    from ..evaluation.render import print_report
    from ..evaluation.runner import predict

    if lang is not None and lang not in LANGS:
        raise AllegianceError(f"--lang must be one of {', '.join(LANGS)}, got {lang!r}")
    records = load_gold(gold)
    if lang is not None:
        records = [r for r in records if r.lang == lang]
    if not any(r.scored for r in records):
        raise AllegianceError(f"{gold}: no gold texts to score" + (f" in {lang!r}" if lang else ""))
    predictions = predict(records, get_config(), progress=progress)
    result = score(records, predictions.events)
    print_report(result, console)
    console.print(
        f"coded {predictions.articles} text(s) in {predictions.seconds:.1f}s; "
        f"triple F1 {100 * result.triple_f1:.1f}%, type macro-F1 "
        f"{100 * result.type_macro_f1:.1f}%"
    )
    if predictions.unfinished:
        err_console.print(f"warning: the coder returned nothing for {predictions.unfinished} "
                          "text(s); they count as texts with no events")  # fmt: skip
    if report is not None:
        data = {"gold": str(gold), "lang": lang, "coded_texts": predictions.articles,
                "unfinished_texts": predictions.unfinished,
                "seconds": round(predictions.seconds, 2), **result.to_dict()}  # fmt: skip
        _write_report(report, data)
        console.print(f"report written to {report}")
    if min_f1 is not None and result.triple_f1 < min_f1:
        err_console.print(
            f"triple F1 {result.triple_f1:.3f} is below --min-f1 {min_f1:.3f}", highlight=False
        )
        raise SystemExit(1)


@evaluate_app.command("convert-plover")
def convert_plover(
    src: Annotated[Path, typer.Argument(help="PLOVER_GSR_CAMEO.txt (a PLOVER 0.5b1 JSON array).")],
    out: Annotated[Path, typer.Argument(help="Gold JSONL file to write.")],
) -> None:
    """Convert the PLOVER gold-standard records to gold JSONL (labels and codes normalised)."""
    from ..evaluation.plover_gsr import convert, write_jsonl

    records = list(convert(src))
    try:
        n = write_jsonl(iter(records), out)
    except OSError as exc:
        raise AllegianceError(f"cannot write {out}: {exc.strerror or exc}") from exc
    n_events = sum(len(r["events"]) for r in records)
    console.print(f"wrote {n} texts with {n_events} gold events to {out}")
