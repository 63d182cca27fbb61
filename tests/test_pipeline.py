"""code_pending and run with a tiny fake coder: batching, resume after a crash, stuck articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FakeCoder, make_article

from allegiance import pipeline
from allegiance.config import Config
from allegiance.models import Article
from allegiance.pipeline import code_pending
from allegiance.store import Store, open_store


def _fill(store: Store, n: int) -> list[Article]:
    arts = [make_article(f"Russia sent grain shipment {i} to Mali.") for i in range(n)]
    arts.append(make_article("A quiet day in Bamako with no foreign news."))
    for a in arts:
        store.add_article(a, 8, None)
    return arts


def test_codes_everything_in_batches(store: Store) -> None:
    arts = _fill(store, 7)
    coder = FakeCoder()
    report = code_pending(store, coder, batch_size=3, progress=False)
    assert (report.articles, report.events, report.unfinished) == (8, 7, 0)
    assert report.rate > 0
    assert coder.seen == [a.id for a in arts]  # each article coded once, oldest first
    assert store.stats()["articles"] == {"coded": 8}
    assert code_pending(store, coder, batch_size=3, progress=False).articles == 0


def test_killed_run_resumes(store: Store) -> None:
    _fill(store, 7)
    with pytest.raises(KeyboardInterrupt):
        code_pending(store, FakeCoder(crash_after=4), batch_size=3, progress=False)
    # the first full batch is saved, the interrupted one stays pending
    assert store.stats()["articles"] == {"coded": 3, "pending": 5}
    again = FakeCoder()
    report = code_pending(store, again, batch_size=3, progress=False)
    assert report.articles == 5 and len(again.seen) == 5
    assert store.count_events() == 7


def test_articles_without_result_stay_pending(store: Store) -> None:
    arts = _fill(store, 4)
    coder = FakeCoder(skip={arts[0].id, arts[2].id})
    report = code_pending(store, coder, batch_size=2, progress=True)
    assert (report.articles, report.unfinished) == (3, 2)
    assert sorted(coder.seen) == sorted(a.id for a in arts)  # no article offered twice
    assert {a.id for a in store.pending_articles()} == {arts[0].id, arts[2].id}


def test_run_ingests_then_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "news.txt"
    doc.write_text("Russia delivered fuel to Mali.", encoding="utf-8")
    seen_paths: list[Path] = []

    def fake_ingest(paths, store, config, progress):  # stands in for ingest_paths
        seen_paths.extend(Path(p) for p in paths)
        store.add_article(make_article(Path(paths[0]).read_text(encoding="utf-8")), 5, None)
        return "ingest-report"

    monkeypatch.setattr(pipeline, "ingest", fake_ingest)
    monkeypatch.setattr(pipeline, "make_coder", lambda config: FakeCoder())
    cfg = Config(db=str(tmp_path / "run.duckdb"))
    report = pipeline.run([doc], cfg, progress=False)
    assert seen_paths == [doc] and report.ingest == "ingest-report"
    assert report.code is not None and report.code.events == 1
    with open_store(cfg.db) as s:
        assert s.stats()["actors"] == 2 and s.count_events(dyad=("RUS", "MLI")) == 1
    skipped = pipeline.run([doc], cfg, progress=False, code_articles=False)
    assert skipped.code is None


def test_notebook_api(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import allegiance

    def fake_ingest(paths, store, config, progress):
        for p in paths:
            store.add_article(make_article(Path(p).read_text(encoding="utf-8")), 6, None)
        return len(paths)

    monkeypatch.setattr(pipeline, "ingest", fake_ingest)
    built: list[FakeCoder] = []

    def make_coder(config: Config) -> FakeCoder:
        built.append(FakeCoder())
        return built[-1]

    monkeypatch.setattr(pipeline, "make_coder", make_coder)
    docs = []
    for i, text in enumerate(["Russia trained soldiers in Mali.", "Russia shipped fuel."]):
        docs.append(tmp_path / f"d{i}.txt")
        docs[-1].write_text(text, encoding="utf-8")
    with allegiance.Allegiance(tmp_path / "nb.duckdb", Config()) as al:
        report = al.run(*docs)
        assert report.ingest == 2 and report.code is not None and report.code.events == 2
        assert al.ingest(docs[0]) == 1 and al.code().articles == 0
        assert len(built) == 1  # the coder is built once
        assert [e["event_type"] for e in al.events(actor="RUS")] == ["AID", "AID"]
        assert al.dyad("RUS", "MLI", "year")[0]["n_events"] == 2
        assert al.timeline("MLI")[0]["counts"] == {"AID": 2}
        assert al.export(tmp_path / "out.jsonl", "jsonl") == 2
        assert al.stats()["articles"] == {"coded": 2}
    assert al._store is None
