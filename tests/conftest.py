"""Shared, generic fixtures: a fresh store, hand-made articles/events, a fake coder (no NLP)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest

from allegiance.models import Actor, Article, Event, ResolvedDate, content_hash
from allegiance.store import Store, open_store


def make_article(text: str, pub_date: date | None = date(2024, 3, 1), **kw: object) -> Article:
    """An Article whose id is the content hash of ``text``."""
    return Article(id=content_hash(text), text=text, origin=kw.pop("origin", "test.txt"),
                   pub_date=pub_date, lang=kw.pop("lang", "en"), **kw)  # type: ignore[arg-type]


def make_event(
    article: Article,
    type: str,
    source: str,
    target: str | None,
    when: date,
    intensity: float = 0.0,
    sentence: str | None = None,
    **kw: object,
) -> Event:
    """An Event of ``article``; actors are ``"CODE"`` or ``"CODE SECTOR"``."""

    def actor(spec: str) -> Actor:
        code, _, sector = spec.partition(" ")
        return Actor(code, sector or None, spec)

    text = sentence or article.text
    start = max(article.text.find(text), 0)
    return Event(
        article_id=article.id, sentence=text, sent_start=start, sent_end=start + len(text),
        type=type, source=actor(source), target=actor(target) if target else None,
        date=ResolvedDate(when, "day", when.isoformat()), intensity=intensity,
        trigger=kw.pop("trigger", type.lower()), **kw,  # type: ignore[arg-type]
    )


class FakeActors:
    """The actor registry of ``FakeCoder``."""

    def registry(self) -> list[tuple[str, str, str, str | None]]:
        return [("MLI", "Mali", "country", None), ("RUS", "Russia", "country", None)]


class FakeCoder:
    """One AID event per article mentioning Russia; can crash after N articles or skip some."""

    def __init__(self, crash_after: int | None = None, skip: set[str] | None = None) -> None:
        self.crash_after = crash_after
        self.skip = skip or set()
        self.seen: list[str] = []
        self.actors = FakeActors()

    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for art in articles:
            if self.crash_after is not None and len(self.seen) >= self.crash_after:
                raise KeyboardInterrupt
            self.seen.append(art.id)
            if art.id in self.skip:
                continue
            events = []
            if "Russia" in art.text:
                events.append(make_event(art, "AID", "RUS", "MLI", date(2024, 5, 1), 5.0))
            yield art, events


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Path of a not-yet-created DuckDB file."""
    return tmp_path / "test.duckdb"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A fresh, migrated store, closed after the test."""
    s = open_store(db_path)
    try:
        yield s
    finally:
        s.close()
