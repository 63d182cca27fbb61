"""HTML pages (``.html``, ``.htm``): main text and metadata with trafilatura.

The title, date, URL and site name come from the page metadata (``<title>``, OpenGraph,
``<time>``, JSON-LD...). When the metadata has no date, the first lines of the extracted text are
searched for a byline such as "Published March 5, 2024" or "Publié le 12 mars 2024". Year-only
guesses are never used. A leading line repeating the title, and a byline line, are removed
from the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..models import Problem, RawArticle
from .dates import parse_date
from .langid import normalise_lang

#: How many lines of the text are searched for a byline date.
BYLINE_SEARCH_LINES = 6
_BYLINE = re.compile(
    r"^\s*(?:(?:first\s+)?published|posted|updated|last\s+updated|publié|mis\s+à\s+jour|"
    r"modifié)\b",
    re.IGNORECASE,
)
_HTML_LANG = re.compile(r"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z_-]+)", re.IGNORECASE)
_DATE_PARAMS = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}


def read_html(content: str, path: str) -> Iterator[RawArticle | Problem]:
    """One ``RawArticle`` with the page's main text, or a ``Problem`` if there is none."""
    import trafilatura  # heavy import: only when HTML is read

    doc = trafilatura.bare_extraction(
        content,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATE_PARAMS,
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        yield Problem(path, None, "no article text found in the HTML page")
        return
    title = _clean(getattr(doc, "title", None))
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if title and lines and lines[0].casefold() == title.casefold() and len(lines) > 1:
        lines = lines[1:]
    pub_date = parse_date(getattr(doc, "date", None))
    byline = _byline_date(lines)
    if byline is not None:
        index, found = byline
        pub_date = pub_date or found
        del lines[index]
    lang_match = _HTML_LANG.search(content[:4096])
    yield RawArticle(
        text="\n".join(lines),
        origin=path,
        title=title,
        pub_date=pub_date,
        source=_clean(getattr(doc, "sitename", None)),
        url=_clean(getattr(doc, "url", None)),
        lang=normalise_lang(lang_match.group(1)) if lang_match else None,
    )


def _byline_date(lines: list[str]) -> tuple[int, date] | None:
    for index, line in enumerate(lines[:BYLINE_SEARCH_LINES]):
        if len(line) <= 120 and _BYLINE.match(line):
            found = parse_date(_first_clause(line))
            if found is not None:
                return index, found
    return None


def _first_clause(line: str) -> str:
    """The date part of a byline: stop at separators that start the next item ("| By ...")."""
    return re.split(r"\s[|•·]\s|\s[-–—]\s(?=[A-Za-zÀ-ÿ])|\s(?:by|par)\s", line, maxsplit=1)[0]


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None
