"""CLI commands: ingest, code, events, timeline, dyad, export, status, demo."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from .. import pipeline
from ..errors import AllegianceError
from ..models import Problem
from ..store import Store, open_store
from ..store.duckdb import EXPORT_FORMATS
from ..store.filters import actor_label
from .app import app, console, err_console, get_config

DEMO_DB = "allegiance-demo.duckdb"
#: Input files of the packaged sample corpus (``gold.*`` holds annotations, not articles).
SAMPLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".xml", ".rss", ".atom", ".jsonl", ".csv")
#: Dyads of the demo summary: AES states, alone and together, with France and Russia.
AES_GROUPS: tuple[tuple[str, str], ...] = (
    ("MLI", "MLI"), ("BFA", "BFA"), ("NER", "NER"), ("AES together", "MLI,BFA,NER,AES"),
)  # fmt: skip
PARTNERS = ("FRA", "RUS")


class DemoError(AllegianceError):
    """The demo cannot run (sample corpus missing, or the target file is not a database)."""


def shorten(text: str, width: int = 90) -> str:
    """One line of at most ``width`` characters, ending in an ellipsis when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1].rstrip() + "…"


def plural(n: int, noun: str) -> str:
    """``"1 event"``, ``"2 events"`` (with thousands separators)."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _actor(code: str | None, sector: str | None) -> str:
    if not code:
        return "—"
    return f"{code} {sector}" if sector else code


def _flags(row: dict[str, Any]) -> str:
    names = (("negated", "NEG"), ("planned", "PLAN"), ("reported", "REP"))
    return " ".join(label for key, label in names if row.get(key))


def _fmt_num(value: float) -> str:
    return f"{value:+.1f}"


# -- report rendering ------------------------------------------------------------------------


def print_ingest_report(report: Any) -> None:
    """A summary table of an ingest report, then each problem as ``path:line: reason``."""
    table = Table(title="Ingest", show_header=False)
    problems: list[Problem] = []
    items = (
        {f.name: getattr(report, f.name) for f in dataclasses.fields(report)}
        if dataclasses.is_dataclass(report)
        else dict(vars(report))
    )
    for name, value in items.items():
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            shown = f"{value:.1f}" if isinstance(value, float) else f"{value:,}"
            table.add_row(name.replace("_", " "), shown)
        elif isinstance(value, list | tuple) and all(isinstance(p, Problem) for p in value):
            problems.extend(value)
            table.add_row(name.replace("_", " "), f"{len(value):,}")
    console.print(table)
    for problem in problems:
        console.print(str(problem), highlight=False, markup=False)


def print_code_report(report: pipeline.CodeReport) -> None:
    """One line: articles and events coded, time and rate; a warning for unfinished articles."""
    console.print(
        f"coded {plural(report.articles, 'article')}, {plural(report.events, 'event')} in "
        f"{report.seconds:.1f}s ({report.rate:.1f} articles/s)"
    )
    if report.unfinished:
        err_console.print(
            f"[yellow]warning:[/] the coder returned nothing for {report.unfinished:,} "
            "article(s); they stay pending"
        )


def events_table(rows: list[dict[str, Any]], title: str | None = None, width: int = 90) -> Table:
    """Events as a table: date, type/mode, source -> target, flags, evidence sentence."""
    table = Table(title=title, show_lines=False)
    table.add_column("date", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("source → target", no_wrap=True)
    table.add_column("flags", no_wrap=True)
    table.add_column("evidence", no_wrap=True, overflow="ellipsis")
    for r in rows:
        kind = f"{r['event_type']}/{r['mode']}" if r.get("mode") else r["event_type"]
        dyad = (
            f"{_actor(r['source_code'], r['source_sector'])} → "
            f"{_actor(r['target_code'], r['target_sector'])}"
        )
        table.add_row(
            str(r["event_date"]), kind, dyad, _flags(r), shorten(r["sentence"], width)
        )
    return table


def _open_read(db: str) -> Store:
    return open_store(db, read_only=db != ":memory:")


# -- commands --------------------------------------------------------------------------------


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to read.")],
    no_code: bool = typer.Option(False, "--no-code", help="Only store articles; code later."),
) -> None:
    """Read articles (txt, md, html, xml/rss, jsonl, csv), store them, then code them."""
    config = get_config()
    with open_store(config.db) as store:
        report = pipeline.ingest(paths, store, config, progress=True)
        print_ingest_report(report)
        if not no_code:
            print_code_report(pipeline.code(store, config, progress=True))


@app.command()
def code() -> None:
    """Code every pending article (resumes a run that was stopped)."""
    config = get_config()
    with open_store(config.db) as store:
        if store.count_pending() == 0:
            console.print("nothing to code: no pending articles")
            return
        print_code_report(pipeline.code(store, config, progress=True))


@app.command()
def events(
    actor: str | None = typer.Option(None, help="Actor code(s): 'MLI', 'MLI GOV', 'MLI,BFA'."),
    dyad: tuple[str, str] | None = typer.Option(None, help="Two actors, both directions."),
    type: str | None = typer.Option(None, "--type", help="PLOVER type(s): 'AGREE,AID'."),
    since: str | None = typer.Option(None, help="From date: YYYY[-MM[-DD]]."),
    until: str | None = typer.Option(None, help="Until date: YYYY[-MM[-DD]]."),
    lang: str | None = typer.Option(None, help="Article language: en, fr."),
    limit: int = typer.Option(50, min=1, help="Most events to show."),
    offset: int = typer.Option(0, min=0, help="Skip this many events first."),
) -> None:
    """List coded events with their evidence sentence."""
    config = get_config()
    pair = dyad if dyad and all(dyad) else None
    filters: dict[str, Any] = {
        "actor": actor, "dyad": pair, "type": type, "since": since, "until": until, "lang": lang,
    }  # fmt: skip
    with _open_read(config.db) as store:
        rows = store.events(**filters, limit=limit, offset=offset)
        total = store.count_events(**filters)
    if not rows:
        console.print("no events match")
        return
    console.print(events_table(rows))
    console.print(f"showing {offset + 1}-{offset + len(rows)} of {total:,} events")


@app.command()
def timeline(
    actor: str = typer.Argument(..., help="Actor code(s): 'MLI', 'MLI GOV', 'MLI,BFA,NER'."),
    freq: str = typer.Option("month", help="day, week, month, quarter or year."),
) -> None:
    """Events per period involving ACTOR, by type, with net intensity (negated left out)."""
    config = get_config()
    with _open_read(config.db) as store:
        rows = store.timeline(actor, freq)
    if not rows:
        console.print(f"no events for {actor}")
        return
    table = Table(title=f"{actor} by {freq}")
    for col in ("period", "events", "net intensity", "types"):
        table.add_column(col, justify="right" if col in ("events", "net intensity") else "left")
    for r in rows:
        types = ", ".join(f"{t} {n}" for t, n in sorted(r["counts"].items(), key=lambda x: -x[1]))
        table.add_row(str(r["period"]), str(r["n_events"]), _fmt_num(r["net_intensity"]), types)
    console.print(table)


def dyad_table(store: Store, a: str, b: str, freq: str) -> Table | None:
    """Counts and net intensity per period for both directions of a dyad; None if empty."""
    rows = store.dyad_series(a, b, freq)
    if not rows:
        return None
    label_a, label_b = actor_label(a), actor_label(b)
    periods: dict[date, dict[int, dict[str, Any]]] = {}
    for r in rows:
        periods.setdefault(r["period"], {})[0 if r["source"] == label_a else 1] = r
    names = [f"{label_a}->{label_b}", f"{label_b}->{label_a}"]
    table = Table(title=f"{a} ↔ {b} by {freq} (coop/conflict, net intensity)")
    table.add_column("period")
    for name in names:
        table.add_column(f"{name} events", justify="right")
        table.add_column(f"{name} net", justify="right")
    table.add_column("total net", justify="right")
    for period, sides in periods.items():
        cells: list[str] = [str(period)]
        total = 0.0
        for side in (0, 1):
            r = sides.get(side)
            if r:
                cells += [f"{r['n_events']} ({r['n_coop']}/{r['n_conflict']})",
                          _fmt_num(r["net_intensity"])]
                total += r["net_intensity"]
            else:
                cells += ["0", "—"]
        cells.append(_fmt_num(total))
        table.add_row(*cells)
    return table


@app.command()
def dyad(
    a: str = typer.Argument(..., help="First actor(s), e.g. 'MLI' or 'MLI,BFA,NER'."),
    b: str = typer.Argument(..., help="Second actor(s), e.g. 'RUS'."),
    freq: str = typer.Option("month", help="day, week, month, quarter or year."),
) -> None:
    """Events and net intensity between A and B, per period, in both directions."""
    config = get_config()
    with _open_read(config.db) as store:
        table = dyad_table(store, a, b, freq)
    if table is None:
        console.print(f"no events between {a} and {b}")
        return
    console.print(table)


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", help="File to write.")],
    format: str = typer.Option("csv", "--format", help=f"One of: {', '.join(EXPORT_FORMATS)}."),
    actor: str | None = typer.Option(None, help="Only events of these actor(s)."),
    type: str | None = typer.Option(None, "--type", help="Only these PLOVER type(s)."),
    since: str | None = typer.Option(None, help="From date: YYYY[-MM[-DD]]."),
    until: str | None = typer.Option(None, help="Until date: YYYY[-MM[-DD]]."),
) -> None:
    """Export events with their article's url, title, source and date (csv, parquet, jsonl)."""
    config = get_config()
    with _open_read(config.db) as store:
        n = store.export(out, format, actor=actor, type=type, since=since, until=until)
    console.print(f"wrote {n:,} events to {out}")


@app.command()
def status() -> None:
    """Articles by status, events, actors and problems in the database."""
    config = get_config()
    with _open_read(config.db) as store:
        st = store.stats()
    table = Table(title=f"{config.db} (schema v{st['schema_version']})", show_header=False)
    for name, n in st["articles"].items():
        table.add_row(f"articles {name}", f"{n:,}")
    table.add_row("articles total", f"{st['articles_total']:,}")
    table.add_row("events", f"{st['events']:,} ({st['events_negated']:,} negated)")
    if st["first_event"]:
        table.add_row("event dates", f"{st['first_event']} … {st['last_event']}")
    table.add_row("actors", f"{st['actors']:,}")
    table.add_row("problems", f"{st['problems']:,}")
    console.print(table)


# -- demo ------------------------------------------------------------------------------------


def _remove_old_demo(path: Path) -> None:
    """Delete a previous demo database; refuse to delete a file that is not DuckDB."""
    if path.exists():
        with path.open("rb") as fh:
            magic = fh.read(12)[8:12]
        if path.stat().st_size and magic != b"DUCK":
            raise DemoError(f"{path} exists and is not a DuckDB database; not deleting it")
        path.unlink()
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        wal.unlink()


@contextmanager
def sample_dir() -> Iterator[Path]:
    """The packaged sample corpus as a folder on disk (extracted if the package is zipped)."""
    with resources.as_file(resources.files("allegiance") / "data" / "sample") as folder:
        yield Path(folder)


def sample_files(folder: Path) -> list[Path]:
    """Article files of the sample corpus, sorted (gold annotations left out)."""
    files = sorted(
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SAMPLE_SUFFIXES and not p.name.startswith("gold")
    )  # fmt: skip
    if not files:
        raise DemoError(f"no sample articles found in {folder} (broken install?)")
    return files


def demo_summary(store: Store) -> Table:
    """Net cooperation per year of the AES states (alone and together) with FRA and RUS."""
    cells: dict[tuple[str, str], dict[int, tuple[float, int]]] = {}
    years: set[int] = set()
    for label, spec in AES_GROUPS:
        for partner in PARTNERS:
            per_year: dict[int, tuple[float, int]] = {}
            for r in store.dyad_series(spec, partner, freq="year"):
                y = r["period"].year
                net, n = per_year.get(y, (0.0, 0))
                per_year[y] = (net + r["net_intensity"], n + r["n_events"])
            cells[(label, partner)] = per_year
            years |= set(per_year)
    table = Table(title="Net cooperation per year (sum of intensity, both directions; events)")
    table.add_column("dyad")
    for y in sorted(years):
        table.add_column(str(y), justify="right")
    for label, _spec in AES_GROUPS:
        for partner in PARTNERS:
            per_year = cells[(label, partner)]
            row = [f"{label} ↔ {partner}"]
            for y in sorted(years):
                net, n = per_year.get(y, (0.0, 0))
                row.append(f"{_fmt_num(net)} ({n})" if n else "·")
            table.add_row(*row)
    return table


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Database to (re)create.")] = Path(DEMO_DB),
    limit: int = typer.Option(200, min=1, help="Most timeline events to print."),
) -> None:
    """Ingest and code the packaged sample corpus into a fresh database, then summarise it."""
    start = time.perf_counter()
    config = get_config()
    config.db = str(db)
    _remove_old_demo(db)
    with ExitStack() as stack:
        files = sample_files(stack.enter_context(sample_dir()))
        console.print(f"[bold]Allegiance demo[/]: {len(files)} sample files → {db}")
        store = stack.enter_context(open_store(db))
        report = pipeline.run(files, config, progress=True, store=store)
        print_ingest_report(report.ingest)
        if report.code is not None:
            print_code_report(report.code)
        rows = store.events(limit=limit, include_negated=True)
        total = store.count_events()
        console.print(events_table(rows, title="Coded timeline", width=80))
        if total > len(rows):
            console.print(f"(first {len(rows)} of {total:,} events; see `allegiance events`)")
        console.print(demo_summary(store))
        console.print("[dim]AES together = MLI, BFA, NER and the AES confederation itself.[/]")
    console.print(f"demo finished in {time.perf_counter() - start:.1f}s; database: {db}")
