"""Read-only JSON API under ``/api``: events, evidence, actors, dyads, alignment, shifts, blocs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Annotated, Any

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from ..config import Config
from ..models import EVENT_TYPES
from . import analytics, queries
from .filters import EventFilter
from .schemas import (
    ActorOut,
    AlignmentOut,
    BlocsOut,
    DyadSeries,
    EventDetail,
    EventPage,
    Freq,
    PlaceOut,
    ShiftList,
    StatsOut,
    TimelineOut,
)

_TYPE = "(" + "|".join(EVENT_TYPES) + ")"
#: one PLOVER type or a comma list of them (validated by FastAPI, documented in the schema)
TYPE_PATTERN = f"(?i)^{_TYPE}(,{_TYPE})*$"
DYAD_PATTERN = r"^[^,]+,[^,]+$"
_CODE = r"[A-Za-z][A-Za-z0-9_]{1,15}"
_TOKEN = rf" *((AES|G5|ECOWAS|SAHEL|P5)-(STATES|MEMBERS)|{_CODE}( {_CODE})?) *"
#: an ``analysis.actors`` spec: CODE, 'CODE SECTOR', GROUP-STATES, or a comma list of them
SPEC_PATTERN = rf"^{_TOKEN}(,{_TOKEN})*$"
#: a comma list of single codes (reference powers)
CODES_PATTERN = rf"^ *{_CODE} *(, *{_CODE} *)*$"

ERRORS: dict[int | str, dict[str, Any]] = {400: {"description": "Invalid filter value"}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such event"}}

router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


def get_cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """Dependency: a cursor on the app's database for the duration of one request."""
    yield from request.app.state.db.cursor()


def get_config(request: Request) -> Config:
    return request.app.state.config


def cached(request: Request, name: str, compute: Callable[[], Any], *key: Any) -> Any:
    """Run ``compute`` through the app's result cache, keyed on ``name``, ``key`` and the data
    generation. Results are deep-copied by the response model, so sharing them is safe."""
    db = request.app.state.db
    return request.app.state.cache.get_or_compute((name, db.generation, *key), compute)


Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(get_cursor)]
Spec = Annotated[
    str,
    Query(max_length=200, pattern=SPEC_PATTERN,
          description="Actor spec: MLI, 'MLI GOV', AES-states, or a comma list"),
]
Powers = Annotated[
    str | None,
    Query(max_length=300, pattern=CODES_PATTERN,
          description="Reference powers, comma list (default: Config.reference_powers)"),
]


def event_filter(
    actor: Annotated[str | None, Query(max_length=64, description="Source or target code")] = None,
    dyad: Annotated[
        str | None,
        Query(max_length=130, pattern=DYAD_PATTERN, description="'A,B' (either direction)"),
    ] = None,
    type: Annotated[  # noqa: A002 - public parameter name
        str | None,
        Query(max_length=300, pattern=TYPE_PATTERN, description="PLOVER type(s), comma list"),
    ] = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    lang: Annotated[str | None, Query(max_length=8)] = None,
    include_negated: bool = True,
) -> EventFilter:
    """Dependency: the event filters of the query string."""
    return EventFilter.parse(actor, dyad, type, since, until, lang, include_negated)


Filter = Annotated[EventFilter, Depends(event_filter)]


def _powers(raw: str | None, config: Config) -> list[str]:
    if not raw:
        return list(config.reference_powers)
    powers = list(dict.fromkeys(p.strip().upper() for p in raw.split(",") if p.strip()))
    return powers or list(config.reference_powers)


@router.get("/events", response_model=EventPage, summary="List events")
def list_events(
    cur: Cursor,
    flt: Filter,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    """Events matching the filters, newest first, one page at a time, with the total count."""
    total, items = queries.list_events(cur, flt, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get(
    "/events/{event_id}", response_model=EventDetail, summary="One event with its evidence",
    responses=NOT_FOUND,
)
def get_event(cur: Cursor, event_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """The event, its article text, and where the evidence sentence lies in that text."""
    event = queries.get_event(cur, event_id)
    if event is None:
        raise HTTPException(status_code=404, detail=f"no event with id {event_id!r}")
    article = queries.get_article(cur, event["article_id"])
    if article is None:
        raise HTTPException(status_code=404, detail=f"article of event {event_id!r} is missing")
    start, end, exact = queries.locate_sentence(
        article["text"], event["sentence"], event["sent_start"], event["sent_end"]
    )
    return {
        "event": event,
        "article": article,
        "highlight": {"start": start, "end": end, "exact": exact},
    }


@router.get("/actors", response_model=list[ActorOut], summary="Actors seen in events")
def list_actors(
    cur: Cursor, limit: Annotated[int, Query(ge=1, le=5000)] = 500
) -> list[dict[str, Any]]:
    """Actor codes that appear as source or target, most active first."""
    return queries.list_actors(cur, limit)


@router.get("/dyad", response_model=DyadSeries, summary="Events between two actors over time")
def dyad(request: Request, cur: Cursor, a: Spec, b: Spec, freq: Freq = "month") -> dict[str, Any]:
    """Per-period tallies (a→b, b→a, both): counts per type, cooperation, conflict, net."""
    return cached(request, "dyad", lambda: analytics.dyad(cur, a, b, freq), a, b, freq)


@router.get("/alignment", response_model=AlignmentOut, summary="A country's alignment")
def alignment(
    request: Request,
    cur: Cursor,
    country: Spec,
    powers: Powers = None,
    freq: Freq = "month",
    window: Annotated[int, Query(ge=1, le=24, description="Trailing periods summed")] = 1,
) -> dict[str, Any]:
    """Alignment index in [-1, 1] of ``country`` toward each power, per period."""
    plist = _powers(powers, get_config(request))
    return cached(
        request, "alignment", lambda: analytics.alignment(cur, country, plist, freq, window),
        country, tuple(plist), freq, window,
    )


@router.get("/shifts", response_model=ShiftList, summary="Detected realignments")
def shifts(
    request: Request,
    cur: Cursor,
    country: Annotated[
        str | None, Query(max_length=200, pattern=SPEC_PATTERN, description="Default: all")
    ] = None,
    powers: Powers = None,
    freq: Freq = "month",
    penalty: Annotated[float, Query(ge=0.5, le=20.0, description="Change-point penalty")] = 3.0,
    min_events: Annotated[int, Query(ge=1, le=100_000)] = 4,
    evidence: Annotated[int, Query(ge=0, le=10, description="Sentences per side")] = 3,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    """Change points in a country's net cooperation with each power, newest first."""
    plist = _powers(powers, get_config(request))
    found = cached(
        request, "shifts",
        lambda: analytics.shifts(cur, country, plist, freq, penalty, min_events, evidence, limit),
        country, tuple(plist), freq, penalty, min_events, evidence, limit,
    )
    return {"freq": freq, "powers": plist, "shifts": found}


@router.get("/blocs", response_model=BlocsOut, summary="Actor network and its blocs")
def blocs(
    request: Request,
    cur: Cursor,
    since: dt.date | None = None,
    until: dt.date | None = None,
    max_nodes: Annotated[int, Query(ge=2, le=100)] = 30,
    min_events: Annotated[int, Query(ge=1, le=100_000)] = 1,
) -> dict[str, Any]:
    """Signed network of the most active actors, its communities and a layout."""
    return cached(
        request, "blocs", lambda: analytics.blocs(cur, since, until, max_nodes, min_events),
        since, until, max_nodes, min_events,
    )


@router.get("/timeline", response_model=TimelineOut, summary="Event counts per period and type")
def timeline(cur: Cursor, flt: Filter, freq: Freq = "month") -> dict[str, Any]:
    """Counts per period and PLOVER type for the filtered events (for stacked bars)."""
    return {"freq": freq, "types": list(EVENT_TYPES), "buckets": queries.timeline(cur, flt, freq)}


@router.get("/places", response_model=list[PlaceOut], summary="Located events by place")
def places(
    cur: Cursor, flt: Filter, limit: Annotated[int, Query(ge=1, le=2000)] = 300
) -> list[dict[str, Any]]:
    """Places of the filtered events with coordinates, busiest first."""
    return queries.places(cur, flt, limit)


@router.get("/stats", response_model=StatsOut, summary="Corpus statistics")
def stats(cur: Cursor) -> dict[str, Any]:
    """Article and event counts, date range and breakdowns."""
    return queries.stats(cur)
