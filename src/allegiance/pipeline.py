"""The run pipeline: ingest files, then code every pending article and store its events.

Coding is resumable: articles are saved batch by batch, each batch in one transaction, so a run
that is killed leaves the unsaved articles 'pending' and the next ``code_pending`` picks them up.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from .config import Config
from .models import Article, Event
from .store import Store, open_store

if TYPE_CHECKING:  # the ingest package is imported lazily (it pulls in NLP dependencies)
    from .ingest.pipeline import IngestReport


class ArticleCoder(Protocol):
    """What ``code_pending`` needs from a coder (``allegiance.coding.Coder``)."""

    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        """Yield ``(article, events)`` for each article."""
        ...


@dataclass
class CodeReport:
    """What one coding pass did."""

    articles: int = 0
    events: int = 0
    seconds: float = 0.0
    #: articles the coder gave no result for (left pending; reported, not retried this run)
    unfinished: int = 0

    @property
    def rate(self) -> float:
        """Articles coded per second."""
        return self.articles / self.seconds if self.seconds > 0 else 0.0


@dataclass
class RunReport:
    """Ingest then code: both reports and the total wall time."""

    ingest: IngestReport
    code: CodeReport | None
    seconds: float


class _RateColumn(ProgressColumn):
    """Average articles per second since the start."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:,.1f} articles/s", style="progress.data.speed")


@contextmanager
def _progress_bar(enabled: bool, total: int) -> Iterator[Any]:
    """A rich progress bar on stderr when it is a terminal, or a do-nothing stand-in."""
    console = Console(stderr=True)
    if not (enabled and console.is_terminal):
        yield None
        return
    bar = Progress(
        TextColumn("coding"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )
    with bar:
        yield (bar, bar.add_task("coding", total=total))


def code_pending(
    store: Store, coder: ArticleCoder, batch_size: int = 64, progress: bool = True
) -> CodeReport:
    """Code every pending article in batches of ``batch_size`` and store the events.

    Each batch is written in one transaction; articles the coder yields nothing for are left
    pending and counted in ``unfinished``.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    report = CodeReport()
    start = time.perf_counter()
    skip: set[str] = set()
    with _progress_bar(progress, store.count_pending()) as bar:
        while True:
            fetched = store.pending_articles(limit=batch_size + len(skip))
            batch = [a for a in fetched if a.id not in skip]
            if not batch:
                break
            done: list[tuple[str, Sequence[Event]]] = []
            for article, events in coder.code_articles(batch):
                done.append((article.id, events))
                report.events += len(events)
                if bar:
                    bar[0].advance(bar[1])
            store.save_coded_many(done)
            report.articles += len(done)
            skip |= {a.id for a in batch} - {article_id for article_id, _ in done}
    report.unfinished = len(skip)
    report.seconds = time.perf_counter() - start
    return report


def make_coder(config: Config) -> Any:
    """The event coder for ``config`` (imported lazily: loading it loads spaCy)."""
    from .coding import Coder

    return Coder(config)


def ingest(
    paths: Sequence[str | Path], store: Store, config: Config, progress: bool = True
) -> IngestReport:
    """Read, clean, deduplicate and store the articles under ``paths``."""
    from .ingest.pipeline import ingest_paths

    return ingest_paths([Path(p) for p in paths], store, config, progress)


def code(store: Store, config: Config, progress: bool = True, coder: Any = None) -> CodeReport:
    """Register the coder's actors, then code every pending article."""
    coder = coder if coder is not None else make_coder(config)
    store.upsert_actors(coder.actors.registry())
    return code_pending(store, coder, config.batch_size, progress)


def run(
    paths: Sequence[str | Path],
    config: Config,
    progress: bool = True,
    store: Store | None = None,
    code_articles: bool = True,
) -> RunReport:
    """Ingest ``paths`` into ``config.db`` (or ``store``), then code what is pending."""
    start = time.perf_counter()
    own = store is None
    db = store if store is not None else open_store(config.db)
    try:
        ingested = ingest(paths, db, config, progress)
        coded = code(db, config, progress) if code_articles else None
    finally:
        if own:
            db.close()
    return RunReport(ingested, coded, time.perf_counter() - start)
