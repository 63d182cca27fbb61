"""Ingest pipeline: outcome of each article, problems, idempotent re-runs, resume, DuckDB store."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest

from allegiance.config import Config
from allegiance.ingest import IngestReport, ingest_paths
from allegiance.models import Article, Problem

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


class FakeStore:
    """In-memory stand-in with the four store methods ingest uses."""

    def __init__(self, fail_after: int | None = None) -> None:
        self.articles: dict[str, tuple[Article, int, bytes | None]] = {}
        self.problems: list[Problem] = []
        self.fail_after = fail_after

    def has_article(self, article_id: str) -> bool:
        return article_id in self.articles

    def add_article(self, article: Article, n_words: int, minhash: bytes | None) -> None:
        if self.fail_after is not None and len(self.articles) >= self.fail_after:
            raise KeyboardInterrupt  # simulated kill between two article transactions
        self.articles.setdefault(article.id, (article, n_words, minhash))

    def iter_minhashes(self) -> Iterator[tuple[str, bytes]]:
        for article, _, blob in self.articles.values():
            if article.status != "duplicate" and blob is not None:
                yield article.id, blob

    def add_problems(self, problems: Sequence[Problem]) -> None:
        self.problems.extend(problems)

    def by_origin(self, suffix: str) -> Article:
        [found] = [a for a, _, _ in self.articles.values() if a.origin.endswith(suffix)]
        return found


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """The fixture batch plus an undecodable file, copied so tests can add files to it."""
    root = tmp_path / "in"
    shutil.copytree(FIXTURES / "batch", root)
    (root / "latin1.txt").write_bytes("---\ndate: 2024-01-05\n---\nSécurité".encode("latin-1"))
    return root


def config(**kw: object) -> Config:
    cfg = Config(batch_size=3)
    for key, value in kw.items():
        setattr(cfg, key, value)
    return cfg


def check_balance(report: IngestReport) -> None:
    assert report.read == (report.new + report.exact_duplicates + report.near_duplicates
                           + report.skipped_language + report.skipped_no_date + report.empty)


def test_mixed_batch_every_bad_input_reported_rest_lands(batch: Path) -> None:
    store = FakeStore()
    report = ingest_paths([batch], store, config(), progress=False)
    check_balance(report)
    assert report.files == 12  # hidden file skipped
    counts = (report.read, report.new, report.skipped_language, report.skipped_no_date,
              report.empty, report.near_duplicates, report.exact_duplicates)
    assert counts == (13, 10, 1, 1, 1, 0, 0)
    reasons = {(Path(p.path).name, p.line): p.reason for p in report.problems}
    assert reasons[("latin1.txt", 4)].startswith("not valid UTF-8 at byte")
    assert "malformed feed" in reasons[("broken.rss", 15)]
    assert reasons[("items.jsonl", 2)].startswith("invalid JSON")
    assert reasons[("items.jsonl", 3)] == "missing text"
    assert "unparsable date" in reasons[("items.jsonl", 5)]
    assert reasons[("items.csv", 3)] == "missing text"
    assert reasons[("empty.txt", None)] == "empty text"
    assert "no publication date" in reasons[("undated.txt", None)]
    assert "unsupported file type" in reasons[("notes.docx", None)]
    assert store.problems == report.problems  # saved via the store too

    german = store.by_origin("german.txt")
    assert (german.status, german.status_reason, german.lang) == (
        "skipped", "language de not coded", "de")
    undated = store.by_origin("undated.txt")
    assert (undated.status, undated.status_reason) == ("skipped", "no publication date")
    html = store.by_origin("page_fr.html")
    assert (html.status, html.lang, html.pub_date) == ("pending", "fr", date(2024, 4, 4))
    csv_row = store.by_origin("items.csv:4")
    assert csv_row.lang == "fr" and csv_row.status == "pending"  # detected, not declared
    pending = [a for a, _, _ in store.articles.values() if a.status == "pending"]
    assert len(pending) == report.new
    assert all(blob is not None for a, _, blob in store.articles.values() if a.status == "pending")
    assert all(blob is None for a, _, blob in store.articles.values() if a.status == "skipped")
    n_words = store.articles[html.id][1]
    assert n_words == len(html.text.split())


def test_reingest_writes_nothing(batch: Path) -> None:
    store = FakeStore()
    first = ingest_paths([batch], store, config(), progress=False)
    stored = dict(store.articles)
    again = ingest_paths([batch], store, config(), progress=False)
    assert store.articles == stored
    assert again.new == again.near_duplicates == again.skipped_language == 0
    assert again.exact_duplicates == first.read - first.empty
    check_balance(again)


def test_near_copy_is_linked_and_not_pending(tmp_path: Path) -> None:
    names = ("en_original", "en_near_copy", "en_same_topic", "fr_original", "fr_near_copy")
    for number, name in enumerate(names):  # numbered: files are read in sorted order
        text = (FIXTURES / "dedup" / f"{name}.txt").read_text(encoding="utf-8")
        (tmp_path / f"{number}_{name}.txt").write_text(f"---\ndate: 2024-03-01\n---\n{text}",
                                                        "utf-8")
    store = FakeStore()
    report = ingest_paths([tmp_path], store, config(), progress=False)
    assert (report.new, report.near_duplicates) == (3, 2)
    original = store.by_origin("en_original.txt")
    copy = store.by_origin("en_near_copy.txt")
    assert (copy.status, copy.duplicate_of) == ("duplicate", original.id)
    assert copy.title == "Bamako and Moscow agree on officer training"
    assert store.by_origin("fr_near_copy.txt").duplicate_of == store.by_origin(
        "fr_original.txt").id
    assert store.by_origin("en_same_topic.txt").status == "pending"


def test_undated_article_is_not_an_original_for_near_copies(tmp_path: Path) -> None:
    text = (FIXTURES / "dedup" / "en_original.txt").read_text(encoding="utf-8")
    copy = (FIXTURES / "dedup" / "en_near_copy.txt").read_text(encoding="utf-8")
    (tmp_path / "a_undated.txt").write_text(text, "utf-8")
    (tmp_path / "b_dated.txt").write_text(f"---\ndate: 2024-03-01\n---\n{copy}", "utf-8")
    store = FakeStore()
    report = ingest_paths([tmp_path], store, config(), progress=False)
    assert (report.skipped_no_date, report.new, report.near_duplicates) == (1, 1, 0)
    assert store.by_origin("b_dated.txt").status == "pending"


def test_languages_come_from_config(batch: Path) -> None:
    store = FakeStore()
    report = ingest_paths([batch / "fr_article.txt", batch / "en_front_matter.md"], store,
                          config(languages=["en"]), progress=False)
    assert (report.new, report.skipped_language) == (1, 1)
    assert store.by_origin("fr_article.txt").status_reason == "language fr not coded"


def test_killed_run_resumes(batch: Path) -> None:
    store = FakeStore(fail_after=4)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([batch], store, config(), progress=False)
    assert len(store.articles) == 4
    store.fail_after = None
    report = ingest_paths([batch], store, config(), progress=False)
    assert report.exact_duplicates == 4
    assert len(store.articles) == 12
    check_balance(report)


def test_missing_input_path_is_a_problem(tmp_path: Path) -> None:
    report = ingest_paths([tmp_path / "nope"], FakeStore(), config(), progress=False)
    assert report.read == 0 and report.files == 0
    assert [p.reason for p in report.problems] == ["no such file or directory"]


def test_unreadable_stored_signature_is_reported(batch: Path) -> None:
    store = FakeStore()
    store.articles["x"] = (Article(id="x", text="t", origin="o"), 1, b"garbage")
    report = ingest_paths([batch / "fr_article.txt"], store, config(), progress=False)
    assert report.new == 1
    assert any("signature" in p.reason for p in report.problems)


# -- against the real DuckDB store -----------------------------------------------------------


def test_duckdb_ingest_twice_and_near_copy_across_runs(batch: Path, tmp_path: Path) -> None:
    from allegiance.store import open_store

    db = str(tmp_path / "ingest.duckdb")
    with open_store(db) as store:
        first = ingest_paths([batch], store, config(), progress=False)
    assert first.new == 10
    with open_store(db) as store:
        again = ingest_paths([batch], store, config(), progress=False)
        assert again.new == 0 and again.exact_duplicates == first.read - first.empty
        rows = store.query("SELECT status, count(*) AS n FROM articles GROUP BY status")
        assert {r["status"]: r["n"] for r in rows} == {"pending": 10, "skipped": 2}
        saved = store.query("SELECT count(*) AS n FROM problems")[0]["n"]
        # re-ingesting the same bad files reports the problems again but stores each once
        assert saved == len({(p.path, p.line, p.reason) for p in first.problems + again.problems})

    second = tmp_path / "second"
    second.mkdir()
    original = (FIXTURES / "dedup" / "fr_original.txt").read_text(encoding="utf-8")
    copy = (FIXTURES / "dedup" / "fr_near_copy.txt").read_text(encoding="utf-8")
    (second / "original.txt").write_text(f"---\ndate: 2024-04-01\n---\n{original}", "utf-8")
    with open_store(db) as store:
        ingest_paths([second / "original.txt"], store, config(), progress=False)
    (second / "copy.txt").write_text(f"---\ndate: 2024-04-02\n---\n{copy}", "utf-8")
    with open_store(db) as store:
        report = ingest_paths([second], store, config(), progress=False)
        assert (report.near_duplicates, report.exact_duplicates, report.new) == (1, 1, 0)
        [row] = store.query(
            "SELECT a.status, a.duplicate_of, o.origin FROM articles a "
            "JOIN articles o ON o.id = a.duplicate_of WHERE a.origin LIKE ?", ["%copy.txt"])
        assert row["status"] == "duplicate" and row["origin"].endswith("original.txt")
