"""End to end over the shipped sample corpus: ingest the files, code them, read the events back
from DuckDB and score them against the corpus' gold file.

This is the path ``allegiance demo`` takes (files on disk -> readers -> language, dedup -> coder
-> store), not the evaluation shortcut that codes gold texts directly. Stored articles are
matched to gold records by URL. Precision and recall of (type, source, target) triples are
printed (``pytest -s`` or the summary on failure) and must both be at least 0.8.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from allegiance import Allegiance
from allegiance.evaluation import load_gold, score
from allegiance.evaluation.runner import event_from_row
from allegiance.models import Event

SAMPLE = Path(str(resources.files("allegiance").joinpath("data/sample")))
THRESHOLD = 0.8
GOLD = load_gold(SAMPLE / "gold.jsonl")


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("e2e") / "sample.duckdb"
    with Allegiance(db) as al:
        report = al.run(SAMPLE / "articles")
        assert report.code is not None and report.code.unfinished == 0
    return db


def test_every_sample_file_is_read_without_problems(sample_db: Path) -> None:
    with Allegiance(sample_db) as al:
        stats = al.stats()
        urls = {r["url"] for r in al.store.query("SELECT url FROM articles")}
        problems = al.store.problems()
    assert not problems, [f"{p.origin}: {p.reason}" for p in problems]
    assert {r.url for r in GOLD} <= urls
    assert stats["articles_total"] == len(GOLD)


def test_duplicates_are_linked_and_german_is_skipped(sample_db: Path) -> None:
    with Allegiance(sample_db) as al:
        rows = {r["url"]: r for r in al.store.query(
            "SELECT a.url, a.status, a.status_reason, o.url AS original_url, "
            "(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events "
            "FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of")}  # fmt: skip
    duplicates = [r for r in GOLD if r.duplicate_of]
    skipped = [r for r in GOLD if r.skip]
    assert len(duplicates) == 2 and len(skipped) == 1
    for record in duplicates:
        row = rows[record.url]
        assert row["status"] == "duplicate"
        assert row["original_url"] == record.duplicate_of
        assert row["n_events"] == 0
    row = rows[skipped[0].url]
    assert row["status"] == "skipped" and "language" in row["status_reason"]
    assert row["n_events"] == 0


def test_unrelated_articles_give_no_events(sample_db: Path) -> None:
    unrelated = [r.url for r in GOLD if r.scored and not r.events]
    assert len(unrelated) >= 4
    with Allegiance(sample_db) as al:
        found = al.store.query(
            "SELECT a.url, e.sentence FROM events e JOIN articles a ON a.id = e.article_id "
            "WHERE a.url IN (SELECT unnest(?::VARCHAR[]))", [unrelated])
    assert found == []


def test_stored_events_match_the_gold(sample_db: Path) -> None:
    by_url = {r.url: r.id for r in GOLD}
    predicted: dict[str, list[Event]] = {r.id: [] for r in GOLD if r.scored}
    with Allegiance(sample_db) as al:
        rows = al.store.query(
            "SELECT e.*, a.url AS article_url FROM events e JOIN articles a ON a.id = e.article_id")
    for row in rows:
        event = event_from_row(row)
        # every event keeps its evidence: the sentence sits at its offsets in the article text
        assert event.sentence.strip()
        predicted[by_url[row["article_url"]]].append(event)
    report = score(GOLD, predicted)
    triple = report.overall["triple"]
    print(f"\nsample corpus, end to end: {triple['tp']} of {report.overall['gold_events']} gold "
          f"events found, {report.overall['predicted_events']} coded; triple precision "
          f"{triple['precision']:.3f}, recall {triple['recall']:.3f}, F1 {triple['f1']:.3f}; "
          f"type macro-F1 {report.overall['type_macro']['f1']:.3f}")  # fmt: skip
    for lang, summary in report.by_lang.items():
        t = summary["triple"]
        print(f"  {lang}: P {t['precision']:.3f} R {t['recall']:.3f} F1 {t['f1']:.3f}")
    assert triple["precision"] >= THRESHOLD, report.misses
    assert triple["recall"] >= THRESHOLD, report.misses


def test_evidence_offsets_point_into_the_article(sample_db: Path) -> None:
    with Allegiance(sample_db) as al:
        rows = al.store.query(
            "SELECT e.sentence, e.sent_start, e.sent_end, a.text FROM events e "
            "JOIN articles a ON a.id = e.article_id")
    assert rows
    for row in rows:
        assert row["text"][row["sent_start"]:row["sent_end"]] == row["sentence"]
