"""Ingest: read files, identify language, drop exact copies, link near-copies, store articles.

For each article read: empty text is a problem; the id is the content hash of the text, so an
article already stored (re-ingest, or a run resumed after a kill) is only counted. Then, in
this order: a near-copy of a stored article is stored as 'duplicate' (``duplicate_of`` set,
never coded); a language not in ``config.languages`` is stored as 'skipped' ("language xx not
coded"); an article without publication date is stored as 'skipped' ("no publication date")
and reported as a problem; anything else is stored as 'pending' for the coder.

Only 'pending' articles get a stored MinHash signature, so later near-copies are linked to an
article that is actually coded. Each article insert is its own transaction: a killed run
leaves whole articles only, and running it again resumes where it stopped.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..config import Config
from ..models import Article, Problem, RawArticle, content_hash
from .dedup import NearDuplicateIndex
from .langid import detect_language
from .readers import iter_files, read_file
from .report import IngestReport

#: Where problems not tied to an input file are reported.
DATABASE_ORIGIN = "(database)"


class ArticleStore(Protocol):
    """What ingest needs from a store (``allegiance.store.open_store`` returns one)."""

    def has_article(self, article_id: str) -> bool: ...

    def add_article(self, article: Article, n_words: int, minhash: bytes | None) -> None: ...

    def iter_minhashes(self) -> Iterator[tuple[str, bytes]]: ...

    def add_problems(self, problems: Sequence[Problem]) -> None: ...


def ingest_paths(
    paths: Iterable[str | Path],
    store: ArticleStore,
    config: Config,
    progress: bool = True,
) -> IngestReport:
    """Read every file under ``paths`` into ``store``; returns counts and problems.

    Files are processed in batches of ``config.batch_size`` articles; the problems of each
    batch are saved with ``store.add_problems``. A rich progress bar over the files is shown
    when ``progress`` is true and stderr is a terminal.
    """
    report = IngestReport()
    index = NearDuplicateIndex(threshold=config.near_duplicate_threshold)
    unusable = index.load(store.iter_minhashes())
    if unusable:
        _record(store, report, [Problem(
            DATABASE_ORIGIN, None,
            f"{unusable} stored MinHash signature(s) unreadable; near-copies of those "
            "articles cannot be detected",
        )])
    files = list(iter_files(paths))
    ingester = _Ingester(store, config, index, report)
    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]ingest[/] {task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=not (progress and console.is_terminal and sys.stderr.isatty()),
        transient=True,
    ) as bar:
        task = bar.add_task("", total=len(files))
        for item in files:
            if isinstance(item, Problem):
                _record(store, report, [item])
            else:
                report.files += 1
                bar.update(task, description=item.name)
                for batch in _batches(read_file(item), max(1, config.batch_size)):
                    _record(store, report, ingester.process(batch, str(item)))
            bar.advance(task)
    return report


class _Ingester:
    """Decides the fate of each article read and writes it."""

    def __init__(
        self, store: ArticleStore, config: Config, index: NearDuplicateIndex, report: IngestReport
    ) -> None:
        self.store = store
        self.languages = {lang.lower() for lang in config.languages}
        self.index = index
        self.report = report

    def process(self, batch: list[RawArticle | Problem], path: str) -> list[Problem]:
        """Store the articles of one batch; returns the batch's problems."""
        problems: list[Problem] = []
        for item in batch:
            if isinstance(item, Problem):
                problems.append(item)
                continue
            problem = self._one(item, path)
            if problem is not None:
                problems.append(problem)
        return problems

    def _one(self, raw: RawArticle, path: str) -> Problem | None:
        report = self.report
        report.read += 1
        text = raw.text.strip()
        if not text:
            report.empty += 1
            return _problem(raw, path, "empty text")
        article_id = content_hash(text)
        if self.store.has_article(article_id):
            report.exact_duplicates += 1
            return None
        lang = raw.lang or detect_language(text)
        article = Article(
            id=article_id, text=text, origin=raw.origin, title=raw.title,
            pub_date=raw.pub_date, source=raw.source, url=raw.url, lang=lang,
        )  # fmt: skip
        signature = self.index.signature(text)
        minhash: bytes | None = None
        problem: Problem | None = None
        original = self.index.find_signature(signature)
        if original is not None:
            article.status, article.duplicate_of = "duplicate", original
            minhash = self.index.to_bytes(signature)
            report.near_duplicates += 1
        elif lang not in self.languages:
            article.status = "skipped"
            article.status_reason = f"language {lang} not coded" if lang else \
                "language not identified"
            report.skipped_language += 1
        elif article.pub_date is None:
            article.status, article.status_reason = "skipped", "no publication date"
            report.skipped_no_date += 1
            problem = _problem(raw, path, "no publication date (stored as skipped)")
        else:
            minhash = self.index.to_bytes(signature)
            report.new += 1
        self.store.add_article(article, len(text.split()), minhash)
        if article.status == "pending":
            self.index.add_signature(article_id, signature)
        return problem


def _problem(raw: RawArticle, path: str, reason: str) -> Problem:
    """A problem about one article, located by file and line (or feed entry)."""
    if "#" in raw.origin[len(path):]:
        reason = f"entry {raw.origin[len(path) + 1:]}: {reason}"
    return Problem(path, raw.line, reason)


def _record(store: ArticleStore, report: IngestReport, problems: list[Problem]) -> None:
    if problems:
        report.problems.extend(problems)
        store.add_problems(problems)


def _batches(
    items: Iterator[RawArticle | Problem], size: int
) -> Iterator[list[RawArticle | Problem]]:
    batch: list[RawArticle | Problem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
