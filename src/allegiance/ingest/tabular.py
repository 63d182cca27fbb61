"""Line-oriented collections: JSON Lines (``.jsonl``) and CSV (``.csv``, header row required).

Fields: ``text`` (required), ``title``, ``date``, ``url``, ``source``, ``lang`` (optional);
other fields are ignored, CSV header names are matched case-insensitively. Every bad record
(invalid JSON, not an object, missing text, unparsable date, wrong number of CSV fields) becomes
a ``Problem`` carrying the file and the line number, and the other records still come through.
Origins are ``path:LINE``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping

from ..models import Problem, RawArticle
from .dates import is_blank, parse_date
from .langid import normalise_lang

FIELDS = ("text", "title", "date", "url", "source", "lang")


def read_jsonl(content: str, path: str) -> Iterator[RawArticle | Problem]:
    """One ``RawArticle`` per JSON object line; blank lines are ignored."""
    for number, line in enumerate(content.split("\n"), start=1):  # not splitlines: U+2028
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(path, number, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield Problem(path, number, f"expected a JSON object, got {type(record).__name__}")
            continue
        yield record_to_article(record, path, number)


def read_csv(content: str, path: str) -> Iterator[RawArticle | Problem]:
    """One ``RawArticle`` per CSV row after the header; quoted fields may span lines."""
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        yield Problem(path, None, "empty CSV file (no header row)")
        return
    except csv.Error as exc:
        yield Problem(path, 1, f"invalid CSV header: {exc}")
        return
    names = [name.strip().lower() for name in header]
    if "text" not in names:
        yield Problem(path, 1, "CSV header has no 'text' column")
        return
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem(path, start, f"invalid CSV row: {exc}")
            start = reader.line_num + 1
            continue
        number, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            yield Problem(path, number, f"row has {len(row)} fields, header has {len(names)}")
            continue
        yield record_to_article(dict(zip(names, row, strict=True)), path, number)


def record_to_article(record: Mapping[str, object], path: str, line: int) -> RawArticle | Problem:
    """Validate one record (a JSON object or CSV row) into a ``RawArticle`` or a ``Problem``."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Problem(path, line, "missing text")
    raw_date = record.get("date")
    pub_date = parse_date(raw_date)
    if pub_date is None and not is_blank(raw_date):
        return Problem(path, line, f"unparsable date {str(raw_date)!r}")
    return RawArticle(
        text=text.strip(),
        origin=f"{path}:{line}",
        title=_field(record.get("title")),
        pub_date=pub_date,
        source=_field(record.get("source")),
        url=_field(record.get("url")),
        lang=normalise_lang(record.get("lang")),
        line=line,
    )


def _field(value: object) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = " ".join(str(value).split())
    return text or None
