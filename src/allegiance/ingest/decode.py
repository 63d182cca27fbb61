"""Turning file bytes into text: UTF-8 (with or without BOM), or a clear problem — never mojibake.

HTML and XML files may declare another encoding (``<meta charset=...>``, ``<?xml encoding=...?>``);
that explicit declaration is honoured. Anything else that is not valid UTF-8 is reported with
the byte offset and line of the first bad byte.
"""

from __future__ import annotations

import codecs
import re

from ..models import Problem

_BOM = codecs.BOM_UTF8
_DECLARED = re.compile(
    rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)


def declared_charset(data: bytes) -> str | None:
    """The encoding declared in the first 2 KiB of an HTML/XML document, normalised, if any."""
    match = _DECLARED.search(data[:2048])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None


def decode_text(data: bytes, path: str, allow_declared: bool = False) -> str | Problem:
    """Decode ``data`` as UTF-8 (a leading BOM is dropped) or return a ``Problem`` saying where.

    With ``allow_declared`` (HTML, XML) a document that declares a non-UTF-8 encoding is decoded
    with it; bytes invalid even in that encoding are still a problem.
    """
    body = data[len(_BOM):] if data.startswith(_BOM) else data
    offset = len(data) - len(body)
    encoding = "utf-8"
    if allow_declared:
        declared = declared_charset(body)
        if declared and declared not in ("utf-8", "ascii"):
            encoding = declared
    try:
        return body.decode(encoding)
    except UnicodeDecodeError as exc:
        return _problem(data, path, offset + exc.start, encoding)


def _problem(data: bytes, path: str, at: int, encoding: str) -> Problem:
    line = data.count(b"\n", 0, at) + 1
    name = "UTF-8" if encoding == "utf-8" else encoding
    reason = f"not valid {name} at byte {at}"
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        reason += " (the file looks like UTF-16; save it as UTF-8)"
    elif encoding == "utf-8":
        reason += " (save the file as UTF-8)"
    return Problem(path, line, reason)
