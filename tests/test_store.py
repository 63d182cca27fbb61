"""Store: migrations, article idempotence, atomic save_coded, filters, series math.

Every behaviour runs on both backends: the ``store`` and ``target`` fixtures below are
parametrised over DuckDB and PostgreSQL (``test_postgres.py`` starts the server, or skips).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import make_article, make_event
from test_postgres import pg_url  # noqa: F401  (fixture, used through getfixturevalue)

from allegiance.errors import StoreError
from allegiance.models import Problem
from allegiance.store import FilterError, Store, open_store
from allegiance.store.migrate import latest_version


@pytest.fixture(params=["duckdb", "postgres"])
def target(request: pytest.FixtureRequest, db_path: Path) -> str:
    """Where a fresh database goes: a DuckDB file path, or a PostgreSQL URL (own schema)."""
    if request.param == "duckdb":
        return str(db_path)
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(target: str) -> Iterator[Store]:
    """A fresh, migrated store of each backend, closed after the test."""
    s = open_store(target)
    try:
        yield s
    finally:
        s.close()


def test_fresh_database_is_migrated(target: str) -> None:
    with open_store(target) as s:
        assert s.version == latest_version() >= 2
        tables = {r["table_name"] for r in s.query(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema()")}
        assert {"articles", "events", "actors", "problems", "schema_version"} <= tables
    # re-opening applies nothing twice
    with open_store(target) as s:
        rows = s.query("SELECT version FROM schema_version ORDER BY version")
        assert [r["version"] for r in rows] == list(range(1, latest_version() + 1))


def test_newer_database_is_refused(target: str) -> None:
    with open_store(target) as s:
        s.query("INSERT INTO schema_version VALUES (999, 'future', current_timestamp)")
    with pytest.raises(StoreError, match="newer"):
        open_store(target)


def test_read_only_and_bad_urls(db_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(db_path, read_only=True)
    open_store(db_path).close()
    with open_store(db_path, read_only=True) as s:
        assert s.stats()["articles_total"] == 0
    with pytest.raises(StoreError, match="unsupported"):
        open_store("mysql://x/y")
    with pytest.raises(StoreError, match="unsupported"):
        open_store("")


def test_add_article_is_idempotent(store: Store) -> None:
    art = make_article("Mali and Russia signed a defence pact on Monday.", title="Pact")
    assert not store.has_article(art.id)
    store.add_article(art, n_words=9, minhash=b"\x01\x02")
    store.add_article(art, n_words=9, minhash=b"\x01\x02")
    assert store.has_article(art.id)
    assert store.stats()["articles"] == {"pending": 1}
    got = store.get_article(art.id)
    assert got is not None and got.title == "Pact" and got.pub_date == date(2024, 3, 1)
    assert store.get_article("nope") is None


def test_minhashes_skip_duplicates(store: Store) -> None:
    a = make_article("First original text about Niger.")
    b = make_article("Near copy text about Niger.", status="duplicate", duplicate_of=a.id)
    c = make_article("No signature here.")
    store.add_article(a, 5, b"aa")
    store.add_article(b, 5, b"bb")
    store.add_article(c, 3, None)
    assert list(store.iter_minhashes()) == [(a.id, b"aa")]


def test_problems_and_actors(store: Store) -> None:
    store.add_problems([Problem("x.csv", 3, "no text column"), Problem("y.html", None, "empty")])
    store.add_problems([])
    assert store.stats()["problems"] == 2
    # the same bad files again (and a repeat inside one batch): nothing is duplicated
    store.add_problems([Problem("y.html", None, "empty"), Problem("x.csv", 3, "no text column"),
                        Problem("x.csv", 3, "no text column"), Problem("x.csv", 4, "bad row")])
    assert store.problems() == [Problem("x.csv", 3, "no text column"),
                                Problem("x.csv", 4, "bad row"), Problem("y.html", None, "empty")]
    assert store.stats()["problems"] == 3
    store.upsert_actors([("MLI", "Mali", "country", None), ("JNIM", "J", "armed_group", "MLI")])
    store.upsert_actors([("JNIM", "Jama'at Nusrat", "armed_group", "MLI")])
    rows = store.query("SELECT code, name FROM actors ORDER BY code")
    assert rows == [{"code": "JNIM", "name": "Jama'at Nusrat"}, {"code": "MLI", "name": "Mali"}]


def test_save_coded_replaces_and_marks(store: Store) -> None:
    art = make_article("Mali thanked Russia for wheat. Mali accused France of spying.")
    store.add_article(art, 10, None)
    ev1 = make_event(art, "AID", "RUS", "MLI", date(2024, 2, 1), 3.0)
    ev2 = make_event(art, "ACCUSE", "MLI GOV", "FRA", date(2024, 2, 2), -2.0)
    store.save_coded(art.id, [ev1, ev2, ev2])  # identical events are stored once
    assert store.count_events() == 2
    got = store.get_article(art.id)
    assert got is not None and got.status == "coded"
    assert store.pending_articles() == []
    store.save_coded(art.id, [ev1])  # re-coding replaces, never duplicates
    assert [e["id"] for e in store.events()] == [ev1.id]
    with pytest.raises(StoreError, match="not stored"):
        store.save_coded("missing", [])


def test_save_coded_is_atomic(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    art = make_article("Burkina Faso expelled French diplomats. Then it hosted Russian envoys.")
    store.add_article(art, 11, None)
    old = make_event(art, "REJECT", "BFA", "FRA", date(2024, 1, 5), -3.0)
    store.save_coded(art.id, [old])
    store.query("UPDATE articles SET status = 'pending'")  # as if queued for re-coding
    new = [make_event(art, t, "BFA", "RUS", date(2024, 1, 6), 1.0) for t in ("CONSULT", "AGREE")]
    real_insert = store._insert

    def failing_insert(table, columns, rows, conflict=""):
        real_insert(table, columns, rows[:1], conflict)  # half of the rows written...
        raise store.DB_ERRORS[0]("killed mid-insert")  # ...then the connection dies

    monkeypatch.setattr(store, "_insert", failing_insert)
    with pytest.raises(StoreError, match="killed mid-insert"):
        store.save_coded(art.id, new)
    monkeypatch.undo()
    # nothing of the new coding is visible; the old events and 'pending' status remain
    assert [e["id"] for e in store.events()] == [old.id]
    assert [a.id for a in store.pending_articles()] == [art.id]
    store.save_coded(art.id, new)  # the resumed run succeeds
    assert store.count_events() == 2 and store.pending_articles() == []


def test_pending_oldest_first_with_limit(store: Store) -> None:
    arts = [make_article(f"Article number {i} about the Sahel.") for i in range(5)]
    for a in arts:
        store.add_article(a, 6, None)
    store.add_article(make_article("Skipped one.", status="skipped"), 2, None)
    assert [a.id for a in store.pending_articles()] == [a.id for a in arts]
    assert [a.id for a in store.pending_articles(limit=2)] == [a.id for a in arts[:2]]
    assert store.count_pending() == 5


@pytest.fixture
def filled(store: Store) -> Store:
    """Hand-made events: MLI/BFA/NER with FRA and RUS over 2023-2024."""
    en = make_article("Sentences in English about Sahel diplomacy and France and Russia.")
    fr = make_article("Phrases en français sur la diplomatie au Sahel.", lang="fr")
    for a in (en, fr):
        store.add_article(a, 10, None)
    store.save_coded(en.id, [
        make_event(en, "AGREE", "MLI GOV", "RUS", date(2023, 1, 10), 4.0),
        make_event(en, "AID", "RUS", "MLI MIL", date(2023, 1, 20), 6.0),
        make_event(en, "ACCUSE", "MLI GOV", "FRA", date(2023, 2, 3), -2.0),
        make_event(en, "SANCTION", "FRA", "MLI", date(2023, 2, 9), -5.0),
        make_event(en, "CONSULT", "FRA", "MLI", date(2023, 2, 11), 1.0, negated=True),
        make_event(en, "COOPERATE", "BFA", "RUS", date(2024, 6, 1), 5.0),
    ])
    store.save_coded(fr.id, [
        make_event(fr, "REJECT", "NER", "FRA", date(2024, 7, 1), -4.0, lang="fr"),
        make_event(fr, "CONSULT", "NER", "BFA", date(2024, 7, 2), 1.0, lang="fr"),
    ])
    return store


def test_event_filters(filled: Store) -> None:
    s = filled
    assert s.count_events() == 8
    assert s.count_events(actor="MLI") == 5
    assert s.count_events(actor="MLI GOV") == 2  # sector narrows the match
    assert s.count_events(actor="mli mil") == 1
    assert s.count_events(actor="MLI,BFA,NER") == 8
    assert s.count_events(dyad=("FRA", "MLI")) == 3  # both directions
    assert s.count_events(dyad=("FRA", "MLI"), include_negated=False) == 2
    assert s.count_events(type="AID,AGREE") == 2
    assert s.count_events(since="2024") == 3
    assert s.count_events(until="2023-01") == 2
    assert s.count_events(since="2023-02-05", until="2023-02-10") == 1
    assert s.count_events(lang="fr") == 2
    rows = s.events(actor="NER", limit=1, offset=1)
    assert len(rows) == 1 and rows[0]["event_type"] == "CONSULT" and rows[0]["lang"] == "fr"
    assert rows[0]["pub_date"] == date(2024, 3, 1) and "article_source" in rows[0]
    dates = [r["event_date"] for r in s.events(limit=None)]
    assert dates == sorted(dates)
    for bad in ({"type": "HUG"}, {"since": "last year"}, {"actor": "M L I"},
                {"until": "2024-02-30"}):
        with pytest.raises(FilterError):
            s.count_events(**bad)


def test_dyad_series_math(filled: Store) -> None:
    rows = filled.dyad_series("MLI", "FRA", freq="month")
    assert rows == [
        {"period": date(2023, 2, 1), "direction": "MLI->FRA", "source": "MLI", "target": "FRA",
         "n_events": 1, "n_coop": 0, "n_conflict": 1, "net_intensity": -2.0},
        {"period": date(2023, 2, 1), "direction": "FRA->MLI", "source": "FRA", "target": "MLI",
         "n_events": 1, "n_coop": 0, "n_conflict": 1, "net_intensity": -5.0},
    ]  # the negated CONSULT is left out
    yearly = filled.dyad_series("MLI,BFA,NER", "RUS", freq="year")
    got = [(r["period"].year, r["direction"], r["n_coop"], r["net_intensity"]) for r in yearly]
    assert got == [
        (2023, "MLI,BFA,NER->RUS", 1, 4.0),
        (2023, "RUS->MLI,BFA,NER", 1, 6.0),
        (2024, "MLI,BFA,NER->RUS", 1, 5.0),
    ]
    quarter = filled.dyad_series("NER", "BFA", freq="quarter")
    assert [(r["period"], r["direction"]) for r in quarter] == [(date(2024, 7, 1), "NER->BFA")]
    with pytest.raises(FilterError, match="frequency"):
        filled.dyad_series("MLI", "FRA", freq="fortnight")


def test_timeline_and_stats(filled: Store) -> None:
    tl = filled.timeline("MLI", freq="month")
    assert [(r["period"], r["n_events"], r["net_intensity"]) for r in tl] == [
        (date(2023, 1, 1), 2, 10.0),
        (date(2023, 2, 1), 2, -7.0),
    ]
    assert tl[1]["counts"] == {"ACCUSE": 1, "SANCTION": 1}
    st = filled.stats()
    assert st["articles"] == {"coded": 2} and st["events"] == 8 and st["events_negated"] == 1
    assert st["first_event"] == date(2023, 1, 10) and st["last_event"] == date(2024, 7, 2)


def test_events_pages_match_one_sorted_query(filled: Store) -> None:
    """Paging (ids first, then the join) gives exactly the slices of the full sorted view."""
    from allegiance.store.base import EVENT_VIEW, ORDER

    extra = make_article("Many meetings on one day between Mali and Russia.")
    filled.add_article(extra, 9, None)
    same_day = [make_event(extra, "CONSULT", "MLI", "RUS", date(2023, 1, 10), 1.0,
                           trigger=f"met{i}") for i in range(7)]  # ties on the date
    filled.save_coded(extra.id, same_day)
    full = filled.query(f"{EVENT_VIEW} WHERE TRUE {ORDER}")
    assert len(full) == 15 and filled.events(limit=None) == full
    for limit, offset in ((4, 0), (4, 3), (5, 12), (3, 15), (100, 0)):
        assert filled.events(limit=limit, offset=offset) == full[offset : offset + limit]
    assert filled.events(limit=None, offset=13) == full[13:]
    mli = [r for r in full if "MLI" in (r["source_code"], r["target_code"])]
    assert filled.events(actor="MLI", limit=3, offset=2) == mli[2:5]


def test_migration_dedupes_problems_of_a_version_1_duckdb(db_path: Path) -> None:
    import duckdb

    from allegiance.store.migrate import VERSION_TABLE, available_migrations

    v1 = available_migrations()[0]
    con = duckdb.connect(str(db_path))
    con.execute(VERSION_TABLE)
    con.execute(v1.sql_for("duckdb"))
    con.execute("INSERT INTO schema_version VALUES (1, ?, now()::TIMESTAMP)", [v1.name])
    for line in (3, 3, None, None, 4):
        con.execute("INSERT INTO problems VALUES ('bad.csv', ?, 'missing text', "
                    "now()::TIMESTAMP)", [line])
    con.close()
    with open_store(db_path) as s:
        assert s.version == latest_version()
        assert s.problems() == [Problem("bad.csv", None, "missing text"),
                                Problem("bad.csv", 3, "missing text"),
                                Problem("bad.csv", 4, "missing text")]
        s.add_problems([Problem("bad.csv", None, "missing text")])
        assert s.stats()["problems"] == 3
