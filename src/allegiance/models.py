"""Plain data records shared by every stage: articles, actors, places, dates, events, problems.

These are the only types that cross module boundaries. Readers produce ``RawArticle`` and
``Problem``; ingest turns a ``RawArticle`` into an ``Article``; the coder turns an ``Article``
into ``Event`` records; the store persists ``Article`` and ``Event`` rows.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

#: The 16 PLOVER event types, cooperative first.
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT",
)  # fmt: skip

#: Precision of a resolved event date.
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year", "publication")


@dataclass(frozen=True)
class Problem:
    """A piece of input that could not be used, and why. Reported, never fatal for the batch."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.reason}"


@dataclass
class RawArticle:
    """An article as read from a file, before language id, dedup and storage."""

    text: str
    origin: str  # "path" or "path:line" or "path#item" — where it came from, for reports
    title: str | None = None
    pub_date: date | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None  # declared by the input, if any; detection fills it otherwise
    line: int | None = None


def content_hash(text: str) -> str:
    """Stable id of an article's text: whitespace-normalised, case-kept SHA-1 (first 16 hex)."""
    norm = " ".join(text.split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]


@dataclass
class Article:
    """An article as stored. ``id`` is the content hash of its text, so re-ingest is idempotent."""

    id: str
    text: str
    origin: str
    title: str | None = None
    pub_date: date | None = None
    source: str | None = None
    url: str | None = None
    lang: str | None = None
    #: 'pending' (to code), 'coded', 'duplicate' (near-copy of ``duplicate_of``),
    #: 'skipped' (language not coded, or no date) — see ``status_reason``.
    status: str = "pending"
    status_reason: str | None = None
    duplicate_of: str | None = None


@dataclass(frozen=True)
class Actor:
    """A coded actor: a country or organisation code plus an optional sector.

    ``code`` is ISO 3166 alpha-3 for states (``MLI``), an organisation code (``ECOWAS``,
    ``AES``, ``UN``), or an armed-group code (``JNIM``). ``sector`` is a CAMEO/PLOVER-style
    sector: GOV, MIL, IGO, REB, INS, PMC (paramilitary / private military), CVL, OPP, MED,
    BUS, NGO, JUD, COP, PTY, REL, ... ``text`` is the phrase as written in the sentence.
    """

    code: str
    sector: str | None = None
    text: str = ""

    @property
    def label(self) -> str:
        return f"{self.code} {self.sector}" if self.sector else self.code


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None = None  # ISO alpha-3
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True)
class ResolvedDate:
    """An event date resolved against a publication date."""

    value: date
    precision: str  # one of DATE_PRECISIONS
    text: str | None = None  # the expression as written; None for 'publication'
    end: date | None = None  # last day of a range ("April 3-4"), when there is one


@dataclass
class Event:
    """One coded event, always tied to the sentence it came from."""

    article_id: str
    sentence: str
    sent_start: int  # character offsets of the sentence in the article text
    sent_end: int
    type: str
    source: Actor
    target: Actor | None
    date: ResolvedDate
    mode: str | None = None
    place: Place | None = None
    negated: bool = False
    planned: bool = False
    reported: bool = False  # reported speech ("X said Y did ...")
    confidence: float = 0.5
    intensity: float = 0.0  # cooperation(+) / conflict(-), see coding/intensity.py
    trigger: str = ""
    lang: str = "en"
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            key = "|".join(
                [
                    self.article_id,
                    str(self.sent_start),
                    self.type,
                    self.source.label,
                    self.target.label if self.target else "",
                    self.trigger,
                ]
            )
            self.id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    def to_row(self) -> dict[str, Any]:
        """Flat dict with the column names of the ``events`` table."""
        p = self.place
        return {
            "id": self.id,
            "article_id": self.article_id,
            "sent_start": self.sent_start,
            "sent_end": self.sent_end,
            "sentence": self.sentence,
            "event_type": self.type,
            "mode": self.mode,
            "source_code": self.source.code,
            "source_sector": self.source.sector,
            "source_text": self.source.text,
            "target_code": self.target.code if self.target else None,
            "target_sector": self.target.sector if self.target else None,
            "target_text": self.target.text if self.target else None,
            "event_date": self.date.value,
            "event_date_end": self.date.end,
            "date_precision": self.date.precision,
            "date_text": self.date.text,
            "place_name": p.name if p else None,
            "place_country": p.country if p else None,
            "place_lat": p.lat if p else None,
            "place_lon": p.lon if p else None,
            "negated": self.negated,
            "planned": self.planned,
            "reported": self.reported,
            "confidence": self.confidence,
            "intensity": self.intensity,
            "trigger": self.trigger,
            "lang": self.lang,
        }

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
