"""Event filters shared by the list, timeline and map endpoints, turned into a SQL WHERE clause."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..errors import AllegianceError
from ..models import EVENT_TYPES


class FilterError(AllegianceError):
    """A filter value is invalid (unknown event type, malformed dyad)."""


@dataclass(frozen=True)
class EventFilter:
    """Filters on events; every field is optional and they combine with AND."""

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    types: tuple[str, ...] = ()
    since: dt.date | None = None
    until: dt.date | None = None
    lang: str | None = None
    include_negated: bool = True

    @classmethod
    def parse(
        cls,
        actor: str | None = None,
        dyad: str | None = None,
        type: str | None = None,  # noqa: A002 - the public query parameter name
        since: dt.date | None = None,
        until: dt.date | None = None,
        lang: str | None = None,
        include_negated: bool = True,
    ) -> EventFilter:
        """Build a filter from raw query-string values; raises ``FilterError`` on bad input.

        ``dyad`` is ``"A,B"`` (either direction); ``type`` is one PLOVER type or a comma list.
        An inverted date range (since > until) is valid and matches nothing.
        """
        pair: tuple[str, str] | None = None
        if dyad:
            parts = [p.strip().upper() for p in dyad.split(",") if p.strip()]
            if len(parts) != 2:
                raise FilterError(f"dyad must be two actor codes separated by a comma: {dyad!r}")
            pair = (parts[0], parts[1])
        types: tuple[str, ...] = ()
        if type:
            types = tuple(t.strip().upper() for t in type.split(",") if t.strip())
            unknown = [t for t in types if t not in EVENT_TYPES]
            if unknown:
                raise FilterError(f"unknown event type(s): {', '.join(unknown)}")
        return cls(
            actor=actor.strip().upper() if actor and actor.strip() else None,
            dyad=pair,
            types=types,
            since=since,
            until=until,
            lang=lang.strip().lower() if lang and lang.strip() else None,
            include_negated=include_negated,
        )

    def where(self, alias: str = "") -> tuple[str, list[Any]]:
        """The SQL condition (``TRUE`` when empty) and its positional parameters."""
        p = f"{alias}." if alias else ""
        conds: list[str] = []
        params: list[Any] = []
        if self.actor:
            conds.append(f"({p}source_code = ? OR {p}target_code = ?)")
            params += [self.actor, self.actor]
        if self.dyad:
            a, b = self.dyad
            conds.append(
                f"(({p}source_code = ? AND {p}target_code = ?)"
                f" OR ({p}source_code = ? AND {p}target_code = ?))"
            )
            params += [a, b, b, a]
        if self.types:
            conds.append(f"{p}event_type IN ({', '.join('?' for _ in self.types)})")
            params += list(self.types)
        if self.since:
            conds.append(f"{p}event_date >= ?")
            params.append(self.since)
        if self.until:
            conds.append(f"{p}event_date <= ?")
            params.append(self.until)
        if self.lang:
            conds.append(f"{p}lang = ?")
            params.append(self.lang)
        if not self.include_negated:
            conds.append(f"NOT {p}negated")
        return (" AND ".join(conds) if conds else "TRUE"), params
