"""Rich tables for an ``EvalReport``: summary, per type, flags, confusion matrix, misses."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from .metrics import NONE
from .scorer import EvalReport

ROWS: tuple[tuple[str, str], ...] = (
    ("detection_text", "any event (text)"), ("detection_event", "any event (event)"),
    ("type_micro", "type (micro)"), ("type_macro", "type (macro)"), ("source", "source code"),
    ("target", "target code"), ("triple", "type+source+target"),
    ("sector", "sector (gold has one)"), ("date", "date (gold has one)"),
    ("place", "place (gold has one)"),
)  # fmt: skip


def _pct(value: float) -> str:
    return f"{100 * value:.1f}"


def _counts(m: dict[str, Any]) -> str:
    return f"{m['tp']}/{m['fp']}/{m['fn']}" if "tp" in m else f"{m['n_types']} types"


def summary_table(report: EvalReport) -> Table:
    """Precision/recall/F1 per measure, overall, with F1 per language."""
    langs = list(report.by_lang)
    table = Table(title="Evaluation (P/R/F1 in %)", title_justify="left")
    for col in ("measure", "P", "R", "F1", "tp/fp/fn"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    for lang in langs:
        table.add_column(f"F1 {lang}", justify="right")
    for key, name in ROWS:
        m = report.overall[key]
        by_lang = [_pct(report.by_lang[lang][key]["f1"]) for lang in langs]
        style = "bold" if key in ("triple", "type_macro") else None
        table.add_row(name, _pct(m["precision"]), _pct(m["recall"]), _pct(m["f1"]),
                      _counts(m), *by_lang, style=style)  # fmt: skip
    return table


def type_table(report: EvalReport) -> Table:
    """Per-type precision/recall/F1 with gold and predicted counts."""
    table = Table(title="Event types", title_justify="left")
    for col in ("type", "gold", "pred", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "type" else "right")
    for name, m in report.overall["per_type"].items():
        table.add_row(name, str(m["tp"] + m["fn"]), str(m["tp"] + m["fp"]),
                      _pct(m["precision"]), _pct(m["recall"]), _pct(m["f1"]))  # fmt: skip
    return table


def flags_table(report: EvalReport) -> Table:
    """Accuracy of negated / planned / mode on aligned events where the gold states them."""
    table = Table(title="Flags (aligned, gold states them)", title_justify="left")
    for col in ("flag", "correct", "total", "accuracy %"):
        table.add_column(col, justify="left" if col == "flag" else "right")
    for name, a in report.overall["flags"].items():
        table.add_row(name, str(a["correct"]), str(a["total"]),
                      _pct(a["accuracy"]) if a["total"] else "-")  # fmt: skip
    return table


def confusion_table(report: EvalReport) -> Table:
    """Gold type (rows) vs predicted type (columns) over aligned events; 'none' = unaligned."""
    cols = sorted({p for row in report.confusion.values() for p in row} - {NONE}) + [NONE]
    table = Table(title="Type confusion (rows: gold, columns: predicted)", title_justify="left")
    table.add_column("gold \\ pred")
    for col in cols:
        table.add_column(col[:4], justify="right")
    for gold, row in report.confusion.items():
        cells = [str(row[c]) if row.get(c) else "." for c in cols]
        table.add_row(gold, *cells)
    return table


def misses_table(report: EvalReport, width: int = 110) -> Table:
    """The worst misses: gold events not found and predictions with no gold event."""
    table = Table(title=f"Worst misses ({len(report.misses)})", title_justify="left")
    for col in ("kind", "text", "gold", "predicted", "sentence"):
        table.add_column(col, overflow="fold")
    for m in report.misses:
        sentence = m["sentence"]
        if len(sentence) > width:
            sentence = sentence[: width - 1] + "…"
        table.add_row(m["kind"], m["text_id"], m["gold"] or "-", m["predicted"] or "-",
                      sentence)  # fmt: skip
    return table


def print_report(report: EvalReport, console: Console) -> None:
    """Print every table of the report."""
    for table in (summary_table(report), type_table(report), flags_table(report),
                  confusion_table(report), misses_table(report)):  # fmt: skip
        console.print(table)
    if report.ignored:
        console.print(f"{report.ignored} record(s) with duplicate_of/skip not scored "
                      "(ingest-level expectations)")  # fmt: skip
