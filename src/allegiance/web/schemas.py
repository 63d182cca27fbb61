"""Pydantic response models of the JSON API: they define the OpenAPI schema clients rely on."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

Freq = Literal["week", "month", "quarter", "year"]


class EventOut(BaseModel):
    """One coded event, flat, with the columns of the ``events`` table."""

    id: str
    article_id: str
    event_type: str
    event_date: dt.date
    event_date_end: dt.date | None = None
    date_precision: str
    date_text: str | None = None
    mode: str | None = None
    source_code: str
    source_sector: str | None = None
    source_text: str | None = None
    target_code: str | None = None
    target_sector: str | None = None
    target_text: str | None = None
    place_name: str | None = None
    place_country: str | None = None
    place_lat: float | None = None
    place_lon: float | None = None
    negated: bool
    planned: bool
    reported: bool
    confidence: float
    intensity: float
    trigger: str | None = None
    lang: str
    sentence: str
    sent_start: int
    sent_end: int


class EventPage(BaseModel):
    """A page of events matching the filters, with the total number of matches."""

    total: int = Field(ge=0)
    limit: int
    offset: int
    items: list[EventOut]


class ArticleOut(BaseModel):
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    pub_date: dt.date | None = None
    lang: str | None = None
    text: str


class Highlight(BaseModel):
    """Where the evidence sentence lies in ``article.text``, in code points (Python indices).

    ``exact`` is false when the stored offsets did not match and the sentence was found by search
    (or not found at all, in which case start == end == 0).
    """

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    exact: bool


class EventDetail(BaseModel):
    event: EventOut
    article: ArticleOut
    highlight: Highlight


class ActorOut(BaseModel):
    code: str
    name: str | None = None
    kind: str | None = None
    n_events: int


class Tally(BaseModel):
    """Events of one period and direction."""

    n: int
    #: events per PLOVER type
    counts: dict[str, int]
    #: sum of intensities (cooperation - conflict)
    net: float
    #: sum of positive intensities
    cooperation: float
    #: sum of |negative intensities|
    conflict: float


class DyadPoint(BaseModel):
    period: dt.date
    label: str
    ab: Tally
    ba: Tally
    both: Tally


class DyadSeries(BaseModel):
    """Dense per-period series between actor specs ``a`` and ``b`` (negated events excluded)."""

    a: str
    b: str
    freq: Freq
    points: list[DyadPoint]


class AlignmentPoint(BaseModel):
    period: dt.date
    n_events: int
    cooperation: float
    conflict: float
    net: float
    #: the alignment index in [-1, 1] (0 when nothing happened), see ``analysis.alignment``
    share: float


class PowerSeries(BaseModel):
    power: str
    points: list[AlignmentPoint]


class AlignmentOut(BaseModel):
    country: str
    freq: Freq
    window: int
    powers: list[str]
    series: list[PowerSeries]


class EvidenceOut(BaseModel):
    id: str
    event_date: dt.date
    event_type: str
    source: str
    target: str | None
    intensity: float
    confidence: float
    sentence: str
    article_id: str


class ShiftOut(BaseModel):
    """A change point in a country's net cooperation with a power (``analysis.shifts``)."""

    country: str
    power: str
    label: str
    #: first day of the period where the new level starts
    date: dt.date
    before_start: dt.date
    before_end: dt.date
    after_end: dt.date
    mean_before: float
    mean_after: float
    #: mean_after - mean_before, net intensity per period
    size: float
    direction: Literal["toward", "away"]
    n_before: int
    n_after: int
    evidence_before: list[EvidenceOut]
    evidence_after: list[EvidenceOut]


class ShiftList(BaseModel):
    freq: Freq
    powers: list[str]
    shifts: list[ShiftOut]


class BlocNode(BaseModel):
    code: str
    #: index of the node's community in ``communities``
    bloc: int
    n_events: int
    degree: int
    #: sum of the net intensities of the node's edges
    strength: float
    #: layout position in [0, 1] x [0, 1]
    x: float
    y: float


class BlocEdge(BaseModel):
    a: str
    b: str
    n_events: int
    #: net intensity between a and b
    weight: float
    sign: Literal[-1, 0, 1]
    cooperation: float
    conflict: float


class BlocsOut(BaseModel):
    since: dt.date | None
    until: dt.date | None
    nodes: list[BlocNode]
    edges: list[BlocEdge]
    communities: list[list[str]]
    #: edges that the blocs do not explain (conflict inside, cooperation across)
    frustration: int


class TimelineBucket(BaseModel):
    period: dt.date
    counts: dict[str, int]


class TimelineOut(BaseModel):
    freq: Freq
    types: list[str]
    buckets: list[TimelineBucket]


class PlaceOut(BaseModel):
    name: str
    country: str | None = None
    lat: float
    lon: float
    n_events: int
    cooperative: int
    conflictual: int


class CountOut(BaseModel):
    key: str
    n: int


class StatsOut(BaseModel):
    n_articles: int
    n_events: int
    n_actors: int
    first_date: dt.date | None
    last_date: dt.date | None
    articles_by_status: list[CountOut]
    events_by_type: list[CountOut]
    events_by_lang: list[CountOut]


class IngestResult(BaseModel):
    articles: int
    events: int
    problems: list[str]
