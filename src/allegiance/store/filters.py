"""Event filters shared by queries, counts and exports: parsed once, rendered as a SQL ``WHERE``.

Actor specs: ``"MLI"`` (country or organisation code, as source or target), ``"MLI GOV"`` (code
plus sector), comma lists ``"MLI,BFA,NER"`` (any of them). Dates: ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD`` (a ``since`` bound starts the period, an ``until`` bound ends it).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import AllegianceError
from ..models import EVENT_TYPES

#: Accepted period lengths for series, as DuckDB ``date_trunc`` parts.
FREQS: tuple[str, ...] = ("day", "week", "month", "quarter", "year")

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


class FilterError(AllegianceError):
    """A query filter (actor, date, type, frequency) is malformed."""


@dataclass(frozen=True)
class ActorSpec:
    """One actor to match: a code, optionally narrowed to a sector."""

    code: str
    sector: str | None = None


def parse_actors(spec: str) -> list[ActorSpec]:
    """Parse ``"MLI"``, ``"MLI GOV"`` or ``"MLI,BFA GOV,NER"`` into actor specs."""
    out: list[ActorSpec] = []
    for item in spec.split(","):
        parts = item.split()
        if not parts:
            continue
        if len(parts) > 2 or not all(_CODE.match(p) for p in parts):
            raise FilterError(f"bad actor {item.strip()!r}: use a code and optional sector, "
                              "e.g. 'MLI' or 'MLI GOV'")
        out.append(ActorSpec(parts[0].upper(), parts[1].upper() if len(parts) == 2 else None))
    if not out:
        raise FilterError(f"empty actor {spec!r}")
    return out


def actor_label(spec: str) -> str:
    """Canonical text of an actor spec: ``" mli gov, bfa"`` -> ``"MLI GOV,BFA"``."""
    return ",".join(s.code + (f" {s.sector}" if s.sector else "") for s in parse_actors(spec))


def parse_date_bound(value: date | str, end: bool = False) -> date:
    """A date bound from ``YYYY[-MM[-DD]]``; partial dates start (or, with ``end``, end) there."""
    if isinstance(value, date):
        return value
    match = _DATE.match(value.strip())
    if not match:
        raise FilterError(f"bad date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    try:
        if month is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, last if end else 1)
        return date(year, month, day)
    except ValueError as exc:
        raise FilterError(f"bad date {value!r}: {exc}") from exc


def parse_types(spec: str) -> list[str]:
    """Parse ``"AID"`` or ``"AID,AGREE"`` into PLOVER event types, rejecting unknown ones."""
    types = [t.strip().upper() for t in spec.split(",") if t.strip()]
    bad = [t for t in types if t not in EVENT_TYPES]
    if bad or not types:
        shown = ", ".join(bad) if bad else repr(spec)
        raise FilterError(f"unknown event type {shown}; "
                          f"one of: {', '.join(EVENT_TYPES)}")
    return types


def check_freq(freq: str) -> str:
    """Validate a series frequency (day, week, month, quarter, year)."""
    if freq not in FREQS:
        raise FilterError(f"bad frequency {freq!r}: one of {', '.join(FREQS)}")
    return freq


def actor_clause(specs: list[ActorSpec], side: str, alias: str = "e") -> tuple[str, list[Any]]:
    """SQL matching any of ``specs`` on ``side`` ('source' or 'target') of an event."""
    parts: list[str] = []
    params: list[Any] = []
    for s in specs:
        if s.sector:
            parts.append(f"({alias}.{side}_code = ? AND {alias}.{side}_sector = ?)")
            params += [s.code, s.sector]
        else:
            parts.append(f"{alias}.{side}_code = ?")
            params.append(s.code)
    return "(" + " OR ".join(parts) + ")", params


@dataclass(frozen=True)
class EventFilter:
    """The filters every event query accepts."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    type: str | None = None
    since: date | str | None = None
    until: date | str | None = None
    lang: str | None = None
    include_negated: bool = True
    article_id: str | None = None

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        """Render as ``(sql, params)``; ``sql`` is ``TRUE`` when nothing is filtered."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            specs = parse_actors(self.actor)
            src, p1 = actor_clause(specs, "source", alias)
            tgt, p2 = actor_clause(specs, "target", alias)
            clauses.append(f"({src} OR {tgt})")
            params += p1 + p2
        if self.dyad:
            if len(self.dyad) != 2:
                raise FilterError(f"a dyad is two actors, got {len(self.dyad)}")
            a, b = (parse_actors(x) for x in self.dyad)
            sa, pa = actor_clause(a, "source", alias)
            tb, pb = actor_clause(b, "target", alias)
            sb, pb2 = actor_clause(b, "source", alias)
            ta, pa2 = actor_clause(a, "target", alias)
            clauses.append(f"(({sa} AND {tb}) OR ({sb} AND {ta}))")
            params += pa + pb + pb2 + pa2
        if self.type:
            types = parse_types(self.type)
            clauses.append(f"{alias}.event_type IN ({', '.join('?' * len(types))})")
            params += types
        if self.since:
            clauses.append(f"{alias}.event_date >= ?")
            params.append(parse_date_bound(self.since))
        if self.until:
            clauses.append(f"{alias}.event_date <= ?")
            params.append(parse_date_bound(self.until, end=True))
        if self.lang:
            langs = [x.strip().lower() for x in self.lang.split(",") if x.strip()]
            if not langs:
                raise FilterError(f"bad language {self.lang!r}: use e.g. 'en' or 'en,fr'")
            clauses.append(f"{alias}.lang IN ({', '.join('?' * len(langs))})")
            params += langs
        if self.article_id:
            clauses.append(f"{alias}.article_id = ?")
            params.append(self.article_id)
        if not self.include_negated:
            clauses.append(f"NOT {alias}.negated")
        return (" AND ".join(clauses) if clauses else "TRUE"), params
