"""RSS and Atom feeds (``.xml``, ``.rss``, ``.atom``) with feedparser: one article per entry.

Text is the longest of the entry's ``content`` blocks and its ``summary``, stripped of HTML.
The source is the feed's title; the date is the entry's published (else updated) date. A
malformed ("bozo") feed whose entries could still be recovered keeps them and is reported as a
``Problem``; a file with nothing usable is a single ``Problem``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from ..models import Problem, RawArticle
from .dates import parse_date
from .langid import normalise_lang
from .markup import strip_html

_LOCATION = re.compile(r"^<unknown>:\d+:\d+:\s*")


def read_feed(content: str, path: str) -> Iterator[RawArticle | Problem]:
    """``RawArticle`` per usable entry (origin ``path#N``), plus ``Problem``s for the rest."""
    import feedparser  # only when a feed is read

    parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False)
    entries = list(parsed.get("entries", []))
    feed = parsed.get("feed", {})
    if parsed.get("bozo"):
        error = parsed.get("bozo_exception")
        detail = _LOCATION.sub("", " ".join(str(error).split())) if error else "unknown error"
        line = _error_line(error, content)
        if not entries:
            yield Problem(path, line, f"malformed feed, nothing recovered: {detail}")
            return
        yield Problem(path, line, f"malformed feed, {len(entries)} entries recovered: {detail}")
    elif not entries:
        kind = "feed has no entries" if parsed.get("version") else "not an RSS or Atom feed"
        yield Problem(path, None, kind)
        return
    source = _clean(feed.get("title"))
    feed_lang = normalise_lang(feed.get("language"))
    for number, entry in enumerate(entries, start=1):
        origin = f"{path}#{number}"
        text = _entry_text(entry)
        if not text:
            yield Problem(path, None, f"entry {number}: no text (empty summary and content)")
            continue
        yield RawArticle(
            text=text,
            origin=origin,
            title=_clean(strip_html(entry.get("title", "") or "")),
            pub_date=_entry_date(entry),
            source=source,
            url=_clean(entry.get("link")),
            lang=_entry_lang(entry) or feed_lang,
        )


def _entry_text(entry: Any) -> str:
    blocks = [c.get("value", "") for c in entry.get("content", []) or []]
    blocks.append(entry.get("summary", "") or "")
    texts = [strip_html(block) for block in blocks if block]
    return max(texts, key=len, default="")


def _entry_date(entry: Any) -> date | None:
    for key in ("published", "updated", "created"):
        struct = entry.get(f"{key}_parsed")
        if struct is not None:
            return date(struct.tm_year, struct.tm_mon, struct.tm_mday)
        found = parse_date(entry.get(key))
        if found is not None:
            return found
    return None


def _entry_lang(entry: Any) -> str | None:
    for block in entry.get("content", []) or []:
        if lang := normalise_lang(block.get("language")):
            return lang
    detail = entry.get("summary_detail") or {}
    return normalise_lang(detail.get("language"))


def _error_line(error: object, content: str) -> int | None:
    """Line of an XML error in the file (feedparser adds an XML declaration when missing)."""
    getter = getattr(error, "getLineNumber", None)
    if not callable(getter):
        return None
    try:
        line = int(getter())
    except (TypeError, ValueError):
        return None
    if not content.startswith("<?xml"):
        line -= 1
    return max(line, 1)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None
