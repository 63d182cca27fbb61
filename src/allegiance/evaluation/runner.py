"""Coding gold texts through the real pipeline, in a temporary DuckDB database.

Each scored gold record becomes a pending ``Article`` (id = content hash of its text), the
pipeline codes them with ``pipeline.code_pending`` and the events are read back from the store,
so the evaluation measures exactly what ``allegiance run`` would store.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from ..config import Config
from ..models import Actor, Article, Event, Place, ResolvedDate, content_hash
from .gold import GoldRecord


@dataclass
class Predictions:
    """Events per gold record id, and how the coding run went."""

    events: dict[str, list[Event]] = field(default_factory=dict)
    articles: int = 0
    unfinished: int = 0
    seconds: float = 0.0


def article_for(record: GoldRecord) -> Article:
    """The pending article that ingest would store for a gold record."""
    return Article(
        id=content_hash(record.text), text=record.text, origin=f"{record.path}:{record.line}",
        title=record.title, pub_date=record.pub_date, url=record.url, lang=record.lang,
        status="pending",
    )  # fmt: skip


def _actor(code: str | None, sector: str | None, text: str | None) -> Actor | None:
    return Actor(code, sector, text or "") if code else None


def event_from_row(row: dict[str, Any]) -> Event:
    """Rebuild an ``Event`` from a row of ``store.events()`` (column names of ``events``)."""
    source = _actor(row["source_code"], row.get("source_sector"), row.get("source_text"))
    if source is None:
        raise ValueError(f"event {row.get('id')} has no source code")
    place = None
    if row.get("place_name"):
        place = Place(row["place_name"], row.get("place_country"), row.get("place_lat"),
                      row.get("place_lon"))  # fmt: skip
    when: date = row["event_date"]
    return Event(
        article_id=row["article_id"], sentence=row["sentence"], sent_start=row["sent_start"],
        sent_end=row["sent_end"], type=row["event_type"], source=source,
        target=_actor(row.get("target_code"), row.get("target_sector"), row.get("target_text")),
        date=ResolvedDate(when, row["date_precision"], row.get("date_text"),
                          row.get("event_date_end")),
        mode=row.get("mode"), place=place, negated=bool(row["negated"]),
        planned=bool(row["planned"]), reported=bool(row["reported"]),
        confidence=float(row["confidence"]), intensity=float(row["intensity"]),
        trigger=row.get("trigger") or "", lang=row["lang"], id=row["id"],
    )  # fmt: skip


def predict(
    records: Sequence[GoldRecord],
    config: Config,
    progress: bool = True,
    coder: Any = None,
) -> Predictions:
    """Code the scored ``records`` in a throw-away database and return their events.

    ``coder`` defaults to the real coder (``pipeline.make_coder(config)``); tests pass a fake.
    """
    from .. import pipeline
    from ..store import open_store

    by_article: dict[str, list[str]] = {}
    scored = [r for r in records if r.scored]
    out = Predictions(events={r.id: [] for r in scored})
    with tempfile.TemporaryDirectory(prefix="allegiance-eval-") as tmp:
        store = open_store(Path(tmp) / "eval.duckdb")
        try:
            for record in scored:
                article = article_for(record)
                by_article.setdefault(article.id, []).append(record.id)
                store.add_article(article, len(record.text.split()), None)
            coder = coder if coder is not None else pipeline.make_coder(config)
            report = pipeline.code_pending(store, coder, config.batch_size, progress)
            out.articles, out.unfinished, out.seconds = (
                report.articles, report.unfinished, report.seconds,
            )  # fmt: skip
            for row in store.events(limit=None):
                event = event_from_row(row)
                for rid in by_article.get(event.article_id, []):
                    out.events[rid].append(event)
        finally:
            store.close()
    return out
