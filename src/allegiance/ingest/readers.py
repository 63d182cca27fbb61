"""Reading input paths: files by extension, directories recursively (sorted, hidden skipped)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..models import Problem, RawArticle
from .decode import decode_text
from .feeds import read_feed
from .html import read_html
from .tabular import read_csv, read_jsonl
from .text import read_text

Reader = Callable[[str, str], Iterator[RawArticle | Problem]]

#: extension -> (reader, whether an in-document encoding declaration is honoured)
READERS: dict[str, tuple[Reader, bool]] = {
    ".txt": (read_text, False),
    ".md": (read_text, False),
    ".html": (read_html, True),
    ".htm": (read_html, True),
    ".xml": (read_feed, True),
    ".rss": (read_feed, True),
    ".atom": (read_feed, True),
    ".jsonl": (read_jsonl, False),
    ".csv": (read_csv, False),
}


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Problem]:
    """Files named by ``paths``; directories are walked recursively in sorted order.

    Hidden files and directories (name starting with ``.``) inside a directory are skipped; a
    path given explicitly is always read. A path that does not exist gives a ``Problem``.
    """
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path
        else:
            yield Problem(str(path), None, "no such file or directory")


def _walk(directory: Path) -> Iterator[Path]:
    try:
        children = sorted(directory.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for child in children:
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child)
        elif child.is_file():
            yield child


def read_file(path: Path) -> Iterator[RawArticle | Problem]:
    """Articles and problems from one file, chosen by its (case-insensitive) extension."""
    name = str(path)
    entry = READERS.get(path.suffix.lower())
    if entry is None:
        yield Problem(name, None, f"unsupported file type {path.suffix or '(no extension)'!r}")
        return
    reader, allow_declared = entry
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(name, None, f"cannot read file: {exc.strerror or exc}")
        return
    content = decode_text(data, name, allow_declared=allow_declared)
    if isinstance(content, Problem):
        yield content
        return
    yield from reader(content, name)


def read_path(path: str | Path) -> Iterator[RawArticle | Problem]:
    """Everything readable under ``path`` (a file or a directory), in a stable order."""
    for item in iter_files([path]):
        if isinstance(item, Problem):
            yield item
        else:
            yield from read_file(item)
