"""Converting the PLOVER gold-standard records (PLOVER 0.5b1, JSON array) to gold JSONL.

What ``convert`` does, record by record:

* skips the ``DOCUMENT`` record (file documentation, not an event);
* maps 0.5b1 labels to the current 16 types (``LABELS``: DEMAND->REQUEST, DISAPPROVE->ACCUSE,
  INVESTIGATE->ACCUSE, FIGHT->ASSAULT);
* normalises non-ISO 3166 codes (``CODES``: JAP->JPN, ITL->ITA, VTN->VNM, ISM->IMG); the
  generic ``IGO``, ``NGO`` and ``IMG`` stay as wildcards meaning "any organisation"
  (``codes.WILDCARD_CODES``);
* normalises sectors to their first three letters (``CVLalb`` -> ``CVL``, ``REFKUR`` -> ``REF``),
  ``CIV`` (a typo) to ``CVL`` and ``***`` to no sector;
* expands compound actor lists into one gold event per (source, target) combination; when
  the record has no target list and its markup tags the sources ``SRC/TAR`` (reciprocal
  actors: "Jordan and Britain agreed"), each ordered pair of distinct sources is an event;
  otherwise a missing source or target is kept as null;
* takes ``eventLoc.name`` as the place and a non-empty ``mode`` as the mode;
* merges records that share the same sentence into one text with all their events (the file
  codes some sentences once per event; identical events are kept once); the text keeps the
  first record's id, and an id already used by another text gets a ``-2``, ``-3``... suffix;
* the dates are placeholders (2000-01-01): ``pub_date`` is kept, no event gets a date, so
  dates are not scored on this set.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import permutations, product
from pathlib import Path
from typing import Any

from ..errors import AllegianceError
from ..models import EVENT_TYPES

#: PLOVER 0.5b1 labels that are not current PLOVER types.
LABELS: dict[str, str] = {
    "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
}  # fmt: skip
#: Non-ISO 3166 alpha-3 codes found in the file.
CODES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ISM": "IMG"}
#: Sector spellings that are not a sector's first three letters.
SECTORS: dict[str, str | None] = {"***": None, "CIV": "CVL"}
PLACEHOLDER_DATE = "2000-01-01"
SKIP_LABELS = frozenset({"DOCUMENT"})


class PloverGsrError(AllegianceError):
    """The PLOVER gold-standard file is missing or not in the expected shape."""


def _sector(raw: Any) -> str | None:
    if not isinstance(raw, str) or not raw.strip():
        return None
    raw = raw.strip()
    if raw in SECTORS:
        return SECTORS[raw]
    head = raw[:3].upper()
    return SECTORS.get(head, head) if head.isalpha() else None


def _actors(raw: Any) -> list[str]:
    """``"CODE"``/``"CODE SECTOR"`` strings for a source or target list (empty if none)."""
    if not isinstance(raw, list):
        return []
    out: list[str] = []
    for actor in raw:
        code = actor.get("code") if isinstance(actor, dict) else None
        if not isinstance(code, str) or not code.strip():
            continue
        code = CODES.get(code.strip().upper(), code.strip().upper())
        sector = _sector(actor.get("sector"))
        out.append(f"{code} {sector}" if sector else code)
    return out


def _pairs(record: dict[str, Any]) -> list[tuple[str | None, str | None]]:
    sources, targets = _actors(record.get("source")), _actors(record.get("target"))
    info = record.get("textInfo")
    markup = str(info.get("markup", "") if isinstance(info, dict) else info or "")
    if not targets and len(sources) >= 2 and "SRC/TAR" in markup:
        return list(permutations(sources, 2))
    return list(product(sources or [None], targets or [None]))


def _events(record: dict[str, Any]) -> list[dict[str, Any]]:
    label = record.get("event")
    event_type = LABELS.get(label, label)
    if event_type not in EVENT_TYPES:
        raise PloverGsrError(f"record {record.get('id')}: unknown event label {label!r}")
    extra: dict[str, Any] = {}
    if isinstance(record.get("mode"), str) and record["mode"].strip():
        extra["mode"] = record["mode"].strip()
    loc = record.get("eventLoc")
    if isinstance(loc, dict) and isinstance(loc.get("name"), str) and loc["name"].strip():
        extra["place"] = loc["name"].strip()
    return [{"type": event_type, "source": s, "target": t, **extra} for s, t in _pairs(record)]


def _load(src: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(src.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PloverGsrError(f"PLOVER gold-standard file not found: {src}") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PloverGsrError(f"{src}: not a readable JSON file ({exc})") from exc
    if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
        raise PloverGsrError(f"{src}: expected a JSON array of records")
    return data


def convert(src: Path) -> Iterator[dict[str, Any]]:
    """Gold JSONL records (as dicts) from the PLOVER GSR file ``src``, one per distinct text."""
    texts: dict[str, dict[str, Any]] = {}
    used_ids: set[str] = set()
    for record in _load(Path(src)):
        if record.get("event") in SKIP_LABELS:
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise PloverGsrError(f"record {record.get('id')}: no text")
        events = _events(record)
        if text in texts:
            known = texts[text]["events"]
            known.extend(e for e in events if e not in known)
            continue
        base = str(record.get("id") or f"plover-gsr-{len(texts) + 1}")
        rid, n = base, 1
        while rid in used_ids:
            n += 1
            rid = f"{base}-{n}"
        used_ids.add(rid)
        texts[text] = {
            "id": rid, "lang": record.get("language") or "en",
            "pub_date": record.get("date") or PLACEHOLDER_DATE, "text": text,
            "events": events,
        }  # fmt: skip
    yield from texts.values()


def write_jsonl(records: Iterator[dict[str, Any]], out: Path) -> int:
    """Write ``records`` as JSON lines to ``out``; return how many were written."""
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n
