"""Runner: gold records through a real temporary store; events read back intact."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date

from conftest import make_article, make_event

from allegiance.config import Config
from allegiance.evaluation import parse_gold
from allegiance.evaluation.runner import article_for, event_from_row, predict
from allegiance.models import Article, Event, Place, ResolvedDate, content_hash
from allegiance.store import Store


def test_event_round_trip(store: Store) -> None:
    art = make_article("Niger expelled the French ambassador near Niamey.")
    store.add_article(art, 7, None)
    event = make_event(art, "SANCTION", "NER GOV", "FRA", date(2023, 8, 25), mode="expel",
                       place=Place("Niamey", "NER", 13.5, 2.1), negated=True, confidence=0.7)
    event.date = ResolvedDate(date(2023, 8, 25), "day", "Friday", date(2023, 8, 26))
    store.save_coded(art.id, [event])
    (row,) = store.events(limit=None)
    assert event_from_row(row) == event


class EchoCoder:
    """One AID event for texts mentioning Russia; nothing at all for texts with 'skip'."""

    def code_articles(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Event]]]:
        for art in articles:
            if "skip" in art.text:
                continue
            events = [make_event(art, "AID", "RUS", "MLI", date(2024, 1, 1))]
            yield art, events if "Russia" in art.text else []


def _line(rid: str, text: str, **extra: object) -> str:
    return json.dumps({"id": rid, "lang": "en", "pub_date": "2024-01-02", "text": text,
                       "events": [], **extra})  # fmt: skip


def test_predict_maps_events_to_gold_ids() -> None:
    records = parse_gold([
        _line("a", "Russia sent wheat to Mali."),
        _line("b", "Russia sent wheat to Mali."),  # same text, scored twice
        _line("c", "Nothing happened."),
        _line("d", "Please skip this one."),
        _line("e", "Russia sent wheat to Mali!", duplicate_of="a"),
    ], "g.jsonl")  # fmt: skip
    article = article_for(records[0])
    assert article.id == content_hash("Russia sent wheat to Mali.")
    assert (article.status, article.origin, article.pub_date) == ("pending", "g.jsonl:1",
                                                                  date(2024, 1, 2))
    out = predict(records, Config(batch_size=2), progress=False, coder=EchoCoder())
    assert sorted(out.events) == ["a", "b", "c", "d"]  # duplicate record not coded
    assert [e.type for e in out.events["a"]] == ["AID"] and out.events["b"] == out.events["a"]
    assert out.events["c"] == [] and out.events["d"] == []
    assert (out.articles, out.unfinished) == (2, 1)
