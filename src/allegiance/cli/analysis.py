"""CLI commands: analysis (``align``, ``shifts``, ``report``), on the shared Typer app."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from ..analysis import DEFAULT_POWERS, GROUPS, alignment, detect_shifts
from ..analysis.changepoints import DEFAULT_PENALTY
from ..analysis.db import connect
from ..analysis.report import write_report
from ..analysis.textplot import sparkline
from .app import app, console, get_config


def _split(text: str | None, default: tuple[str, ...]) -> list[str]:
    if not text:
        return list(default)
    return [t.strip() for t in text.split(",") if t.strip()]


def _powers(text: str | None) -> list[str]:
    return _split(text, tuple(get_config().reference_powers or DEFAULT_POWERS))


@app.command()
def align(
    country: str = typer.Argument(
        ..., help="Country code or actor spec (MLI, 'MLI GOV', AES-states)."
    ),
    powers: str | None = typer.Option(None, "--powers", help="Comma-separated reference powers."),
    freq: str = typer.Option("quarter", "--freq", help="week, month, quarter or year."),
    window: int = typer.Option(1, "--window", help="Trailing periods summed before the ratio."),
    since: str | None = typer.Option(None, "--since", help="First day (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last day (YYYY-MM-DD)."),
) -> None:
    """Alignment index of COUNTRY toward each reference power, per period."""
    con = connect(get_config().db)
    try:
        al = alignment(con, country, _powers(powers), freq=freq, since=since, until=until,
                       window=window)
    finally:
        con.close()
    if not al.periods:
        console.print(f"no events between {al.country} and {', '.join(al.powers)}")
        return
    table = Table(title=f"Alignment of {al.country} (net cooperation share, -1..+1)")
    table.add_column("period")
    for p in al.powers:
        table.add_column(p, justify="right")
    table.add_column("events", justify="right")
    for i, label in enumerate(al.labels):
        n = sum(s.n_events[i] for s in al.powers.values())
        table.add_row(label, *(f"{s.share[i]:+.2f}" for s in al.powers.values()), str(n))
    console.print(table)
    width = max(len(p) for p in al.powers)
    console.print(f"{'':{width}}  {al.labels[0]} → {al.labels[-1]}  (▁ = -1, █ = +1)")
    for p, s in al.powers.items():
        console.print(f"{p:{width}}  {sparkline(s.share)}  last {s.share[-1]:+.2f}",
                      highlight=False)


@app.command()
def shifts(
    country: str | None = typer.Option(None, "--country", help="Country or actor spec; all "
                                       "states when omitted."),
    powers: str | None = typer.Option(None, "--powers", help="Comma-separated reference powers."),
    freq: str = typer.Option("auto", "--freq", help="auto (month unless too sparse), week, "
                             "month, quarter or year."),
    penalty: float = typer.Option(DEFAULT_PENALTY, "--penalty", help="Change-point penalty "
                                  "(times log n); higher finds fewer shifts."),
    evidence: int = typer.Option(2, "--evidence", help="Evidence sentences per side."),
    since: str | None = typer.Option(None, "--since", help="First day (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last day (YYYY-MM-DD)."),
) -> None:
    """Detected realignments (change points toward / away from each power), newest first."""
    con = connect(get_config().db)
    try:
        found = detect_shifts(con, country, _powers(powers), freq=freq, penalty=penalty,
                              since=since, until=until, evidence=evidence)
    finally:
        con.close()
    if not found:
        console.print("no realignment detected")
        return
    for s in found:
        style = "green" if s.direction == "toward" else "red"
        console.print(
            f"[bold {style}]{s.label}[/]  size {s.size:+.1f}/period "
            f"({s.mean_before:+.1f} → {s.mean_after:+.1f}; {s.n_before} → {s.n_after} events; "
            f"{s.before_start} – {s.before_end} | {s.after_start} – {s.after_end})",
            highlight=False,
        )
        for side, items in (("before", s.evidence_before), ("after", s.evidence_after)):
            for e in items:
                console.print(
                    f"   {side:6} {e.event_date} {e.event_type} {e.intensity:+.0f} "
                    f"[{e.id}] {e.sentence}", highlight=False, markup=False,
                )


@app.command()
def report(
    out: str = typer.Option("report.html", "--out", help="HTML file to write."),
    countries: str | None = typer.Option(None, "--countries",
                                         help="Comma-separated countries (default: AES states)."),
    powers: str | None = typer.Option(None, "--powers", help="Comma-separated reference powers."),
    freq: str = typer.Option("quarter", "--freq", help="week, month, quarter or year."),
    since: str | None = typer.Option(None, "--since", help="First day (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last day (YYYY-MM-DD)."),
) -> None:
    """Write a standalone HTML report (inline SVG charts; opens offline)."""
    con = connect(get_config().db)
    try:
        path = write_report(
            con, Path(out), countries=_split(countries, GROUPS["AES"]), powers=_powers(powers),
            freq=freq, since=since, until=until,
        )
    finally:
        con.close()
    console.print(f"wrote {path}")
