"""Plain-text and Markdown articles (``.txt``, ``.md``), with optional YAML front matter.

Front matter is a YAML mapping between two ``---`` lines at the very top::

    ---
    title: Niamey ends the defence pact
    date: 2024-03-16
    source: Sahel Wire
    url: https://example.org/niamey-pact
    lang: en
    ---
    Body text...

Title rule without a front-matter ``title``: the first non-empty line of the body is the title
when it is followed by a blank line, more text comes after, it has at most ``TITLE_MAX_WORDS``
words and ``TITLE_MAX_CHARS`` characters, and it does not end like a sentence (``.``, ``,``,
``;``, ``:``). In Markdown a leading ``#`` heading marker is dropped from it. Otherwise the whole
body is the text and the title is ``None``.
"""

from __future__ import annotations

from collections.abc import Iterator

import yaml

from ..models import Problem, RawArticle
from .dates import is_blank, parse_date
from .langid import normalise_lang
from .markup import tidy_text

TITLE_MAX_WORDS = 25
TITLE_MAX_CHARS = 200
_FENCE = "---"
_FIELDS = ("title", "date", "source", "url", "lang")


def read_text(content: str, path: str) -> Iterator[RawArticle | Problem]:
    """One ``RawArticle`` for the file, or a ``Problem`` if its front matter is unusable."""
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta: dict[str, object] = {}
    body_start = 0
    if lines and lines[0].strip() == _FENCE:
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in (_FENCE, "...")), None)
        if end is None:
            yield Problem(path, 1, "front matter starts with '---' but is never closed")
            return
        parsed = _parse_front_matter("\n".join(lines[1:end]), path)
        if isinstance(parsed, Problem):
            yield parsed
            return
        meta, body_start = parsed, end + 1
    date_line = _key_line(lines, "date", body_start)
    pub_date = parse_date(meta.get("date"))
    if pub_date is None and not is_blank(meta.get("date")):
        yield Problem(path, date_line, f"unparsable date {str(meta['date'])!r}")
        return
    body = "\n".join(lines[body_start:])
    title = _text_field(meta.get("title"))
    if title is None:
        title, body = split_title(body, markdown=path.lower().endswith(".md"))
    yield RawArticle(
        text=tidy_text(body),
        origin=path,
        title=title,
        pub_date=pub_date,
        source=_text_field(meta.get("source")),
        url=_text_field(meta.get("url")),
        lang=normalise_lang(meta.get("lang")),
    )


def split_title(body: str, markdown: bool = False) -> tuple[str | None, str]:
    """Apply the module's title rule: ``(title, rest)`` or ``(None, body)``."""
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or first + 1 >= len(lines) or lines[first + 1].strip():
        return None, body
    rest = "\n".join(lines[first + 1:])
    if not rest.strip():
        return None, body
    candidate = lines[first].strip()
    if markdown and candidate.startswith("#"):
        candidate = candidate.lstrip("#").strip()
    words = candidate.split()
    if (
        not words
        or len(words) > TITLE_MAX_WORDS
        or len(candidate) > TITLE_MAX_CHARS
        or candidate.endswith((".", ",", ";", ":"))
    ):
        return None, body
    return candidate, rest


def _parse_front_matter(block: str, path: str) -> dict[str, object] | Problem:
    try:
        data = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "syntax error"
        return Problem(path, line, f"invalid YAML front matter: {problem}")
    if not isinstance(data, dict):
        return Problem(path, 1, "front matter must be a mapping of 'key: value' lines")
    return {str(k).lower(): v for k, v in data.items() if str(k).lower() in _FIELDS}


def _key_line(lines: list[str], key: str, body_start: int) -> int | None:
    for i in range(1, max(body_start - 1, 1)):
        if lines[i].lstrip().lower().startswith(f"{key}:"):
            return i + 1
    return None


def _text_field(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
