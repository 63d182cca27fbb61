"""The gold JSONL format: loading and validating hand-coded texts (see docs/gold-format.md).

One JSON object per line. Every problem is reported as ``file:line: reason`` in a
``GoldError``; the loader stops at the first invalid line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import AllegianceError
from ..models import EVENT_TYPES
from .codes import GoldActor, parse_actor

#: Keys a record may have (``events`` is required unless the record is a duplicate or skipped).
RECORD_KEYS = frozenset(
    {"id", "lang", "pub_date", "text", "url", "title", "file", "duplicate_of", "skip",
     "events", "comment", "note"}
)  # fmt: skip
EVENT_KEYS = frozenset(
    {"type", "mode", "source", "target", "date", "date_precision", "place", "negated",
     "planned", "evidence", "comment", "note"}
)  # fmt: skip
#: Precisions a gold date may have, with their coarseness. 'publication' (the event is dated
#: by the publication date, no date expression) is compared like 'day'.
GOLD_PRECISIONS: dict[str, int] = {"day": 0, "publication": 0, "month": 1, "year": 2}
_DATE_FORMS = {10: "day", 7: "month", 4: "year"}


class GoldError(AllegianceError):
    """A gold file is missing or invalid (the message says ``file:line: reason``)."""


@dataclass(frozen=True)
class GoldEvent:
    """One expected event. ``types`` holds every acceptable PLOVER type (usually one)."""

    types: tuple[str, ...]
    source: GoldActor | None
    target: GoldActor | None
    mode: str | None = None
    date: date | None = None
    date_precision: str | None = None
    place: str | None = None
    negated: bool | None = None
    planned: bool | None = None
    evidence: str | None = None
    #: character offsets of ``evidence`` in the record's text
    evidence_span: tuple[int, int] | None = None

    @property
    def label(self) -> str:
        """``"TYPE SRC -> TGT"`` for reports (type alternatives joined with ``|``)."""
        src = self.source.label if self.source else "-"
        tgt = self.target.label if self.target else "-"
        return f"{'|'.join(self.types)} {src} -> {tgt}"


@dataclass
class GoldRecord:
    """One gold text and the events expected from it."""

    id: str
    lang: str
    pub_date: date
    text: str
    events: list[GoldEvent] = field(default_factory=list)
    url: str | None = None
    title: str | None = None
    file: str | None = None
    duplicate_of: str | None = None
    skip: bool | str = False
    path: str = ""
    line: int = 0

    @property
    def scored(self) -> bool:
        """Whether the record takes part in event scoring (not a duplicate, not skipped)."""
        return not self.duplicate_of and not self.skip


def load_gold(path: str | Path) -> list[GoldRecord]:
    """Read and validate a gold JSONL file; blank lines are ignored."""
    file = Path(path)
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError as exc:
        raise GoldError(f"gold file not found: {file}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"cannot read gold file {file}: {exc}") from exc
    records = parse_gold(lines, str(file))
    if not records:
        raise GoldError(f"{file}: no gold records")
    return records


def parse_gold(lines: Iterable[str], where: str = "<gold>") -> list[GoldRecord]:
    """Validate JSONL ``lines`` (named ``where`` in error messages) into gold records."""
    records: list[GoldRecord] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}:{number}: invalid JSON ({exc.msg})") from exc
        try:
            record = _record(obj)
        except ValueError as exc:
            raise GoldError(f"{where}:{number}: {exc}") from exc
        if record.id in seen:
            raise GoldError(
                f"{where}:{number}: duplicate id {record.id!r} (first on line {seen[record.id]})"
            )
        seen[record.id] = number
        record.path, record.line = where, number
        records.append(record)
    names = {n for r in records for n in (r.id, r.url, r.file) if n}
    for record in records:
        if record.duplicate_of and record.duplicate_of not in names:
            raise GoldError(
                f"{where}:{record.line}: duplicate_of {record.duplicate_of!r} is not the id, "
                "url or file of a record in this file"
            )
    return records


def _string(obj: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = obj.get(key)
    if value is None:
        if required:
            raise ValueError(f"missing {key!r}")
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise ValueError(f"{key!r} must be a non-empty string")
    return value


def _iso_date(value: str, key: str) -> date:
    try:
        return date.fromisoformat(value[:10] if len(value) > 10 and value[10] in "T " else value)
    except ValueError as exc:
        raise ValueError(f"{key!r} must be an ISO date (YYYY-MM-DD), got {value!r}") from exc


def _record(obj: Any) -> GoldRecord:
    if not isinstance(obj, dict):
        raise ValueError("each line must be a JSON object")
    unknown = set(obj) - RECORD_KEYS
    if unknown:
        raise ValueError(f"unknown key(s): {', '.join(sorted(unknown))}")
    rid = _string(obj, "id", required=True)
    lang = _string(obj, "lang", required=True)
    text = _string(obj, "text", required=True)
    pub = _string(obj, "pub_date", required=True)
    assert rid is not None and lang is not None and text is not None and pub is not None
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        raise ValueError(f"'lang' must be a lower-case language code like 'en', got {lang!r}")
    skip = obj.get("skip", False)
    if not isinstance(skip, bool | str):
        raise ValueError("'skip' must be true/false or a reason string")
    record = GoldRecord(
        id=rid, lang=lang, pub_date=_iso_date(pub, "pub_date"), text=text,
        url=_string(obj, "url"), title=_string(obj, "title"), file=_string(obj, "file"),
        duplicate_of=_string(obj, "duplicate_of"), skip=skip,
    )  # fmt: skip
    events = obj.get("events")
    if events is None:
        if record.scored:
            raise ValueError("missing 'events' (use [] when nothing should be coded)")
        return record
    if not isinstance(events, list):
        raise ValueError("'events' must be a list")
    for i, event in enumerate(events, start=1):
        try:
            record.events.append(_event(event, text))
        except ValueError as exc:
            raise ValueError(f"event {i}: {exc}") from exc
    return record


def _actor(obj: dict[str, Any], key: str) -> GoldActor | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{key!r} must be 'CODE', 'CODE SECTOR' or null")
    return parse_actor(value)


def _flag(obj: dict[str, Any], key: str) -> bool | None:
    value = obj.get(key)
    if value is not None and not isinstance(value, bool):
        raise ValueError(f"{key!r} must be true or false")
    return value


def _types(value: Any) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(t, str) for t in items):
        raise ValueError("'type' must be a PLOVER type or a non-empty list of them")
    for t in items:
        if t not in EVENT_TYPES:
            raise ValueError(f"unknown event type {t!r} (expected one of the 16 PLOVER types)")
    return tuple(dict.fromkeys(items))


def _event_date(obj: dict[str, Any]) -> tuple[date | None, str | None]:
    raw = _string(obj, "date")
    precision = _string(obj, "date_precision")
    if raw is None:
        if precision is not None:
            raise ValueError("'date_precision' given without 'date'")
        return None, None
    form = _DATE_FORMS.get(len(raw))
    try:
        if form == "day":
            value = date.fromisoformat(raw)
        elif form == "month":
            value = date.fromisoformat(raw + "-01")
        elif form == "year":
            value = date(int(raw), 1, 1)
        else:
            raise ValueError
    except ValueError as exc:
        raise ValueError(f"'date' must be YYYY-MM-DD, YYYY-MM or YYYY, got {raw!r}") from exc
    precision = precision or form
    if precision not in GOLD_PRECISIONS:
        raise ValueError(f"'date_precision' must be one of {', '.join(GOLD_PRECISIONS)}")
    if GOLD_PRECISIONS[precision] < GOLD_PRECISIONS[form or "day"]:
        raise ValueError(f"'date' {raw!r} is too coarse for precision {precision!r}")
    return value, precision


def find_evidence(text: str, evidence: str) -> tuple[int, int] | None:
    """Offsets of ``evidence`` in ``text``, ignoring case and differences in whitespace."""
    words = evidence.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text, flags=re.IGNORECASE)
    return (match.start(), match.end()) if match else None


def _event(obj: Any, text: str) -> GoldEvent:
    if not isinstance(obj, dict):
        raise ValueError("must be a JSON object")
    unknown = set(obj) - EVENT_KEYS
    if unknown:
        raise ValueError(f"unknown key(s): {', '.join(sorted(unknown))}")
    if "type" not in obj:
        raise ValueError("missing 'type'")
    source, target = _actor(obj, "source"), _actor(obj, "target")
    when, precision = _event_date(obj)
    evidence = _string(obj, "evidence")
    span = None
    if evidence is not None:
        span = find_evidence(text, evidence)
        if span is None:
            raise ValueError(f"'evidence' not found in the text: {evidence[:60]!r}")
    return GoldEvent(
        types=_types(obj["type"]), source=source, target=target, mode=_string(obj, "mode"),
        date=when, date_precision=precision, place=_string(obj, "place"),
        negated=_flag(obj, "negated"), planned=_flag(obj, "planned"), evidence=evidence,
        evidence_span=span,
    )  # fmt: skip
