"""Actor specs, periods, dyad series and the alignment formula on hand-made tables."""

from __future__ import annotations

from datetime import date
from importlib import resources

import duckdb
import pytest

from allegiance.analysis import (
    AnalysisError,
    alignment,
    dyad_series,
    periods,
    resolve,
    top_evidence,
)

MIGRATION = resources.files("allegiance.store").joinpath("migrations/001_initial.sql")


def make_db(rows: list[tuple]) -> duckdb.DuckDBPyConnection:
    """In-memory store schema with events (id, date, src, tgt, type, intensity, negated, conf).

    ``src``/``tgt`` are ``"CODE"`` or ``"CODE SECTOR"``.
    """
    con = duckdb.connect()
    con.execute(MIGRATION.read_text(encoding="utf-8"))
    con.execute(
        "INSERT INTO articles (id, text, origin, n_words, status, ingested_at) "
        "VALUES ('a1', 'Hand-made text.', 'test', 2, 'coded', now())"
    )
    for i, (eid, d, src, tgt, etype, inten, neg, conf) in enumerate(rows):
        sc, _, ss = src.partition(" ")
        tc, _, ts = tgt.partition(" ")
        con.execute(
            "INSERT INTO events (id, article_id, sent_start, sent_end, sentence, event_type, "
            "source_code, source_sector, target_code, target_sector, event_date, date_precision, "
            "negated, planned, reported, confidence, intensity, lang) VALUES "
            "(?, 'a1', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'day', ?, false, false, ?, ?, 'en')",
            [eid, i, i + 1, f"Sentence {eid}: {src} {etype} {tgt}.", etype, sc, ss or None, tc,
             ts or None, d, neg, conf, inten],
        )
    return con


D = date
ROWS = [
    ("e1", D(2022, 1, 10), "MLI GOV", "FRA", "AGREE", 4.0, False, 0.9),
    ("e2", D(2022, 2, 11), "FRA", "MLI", "THREATEN", -6.0, False, 0.8),
    ("e3", D(2022, 3, 12), "MLI", "FRA GOV", "COOPERATE", 6.0, False, 0.5),
    ("e4", D(2022, 1, 20), "MLI", "RUS", "COOPERATE", 6.0, False, 0.9),
    ("e5", D(2022, 2, 20), "RUS MIL", "MLI", "CONSULT", 2.0, False, 0.9),
    ("e6", D(2022, 3, 1), "MLI", "RUS", "AID", 10.0, True, 0.9),  # negated: excluded
    ("e7", D(2022, 3, 5), "USA", "MLI", "ACCUSE", -3.0, False, 0.7),
    ("e8", D(2022, 8, 5), "MLI MIL", "FRA", "COERCE", -7.0, False, 0.6),
    ("e9", D(2022, 8, 6), "BFA", "FRA", "PROTEST", -5.0, False, 0.6),
    ("e10", D(2022, 8, 7), "AES", "RUS", "AGREE", 4.0, False, 0.6),
]


def test_resolve_specs() -> None:
    assert resolve("MLI").members == (("MLI", None),)
    assert resolve("mli gov").members == (("MLI", "GOV"),)
    assert resolve("AES").members == (("AES", None),)  # the organisation
    assert resolve("AES-states").codes == ("MLI", "BFA", "NER")
    assert resolve("MLI, BFA").codes == ("MLI", "BFA")
    assert resolve(["MLI GOV", "NER"]).members == (("MLI", "GOV"), ("NER", None))
    assert resolve("SAHEL").codes[:3] == ("MLI", "BFA", "NER")  # non-org group expands bare
    for bad in ("", "M'LI", "XYZ-states", "MLI GOV EXTRA"):
        with pytest.raises(AnalysisError):
            resolve(bad)


def test_periods() -> None:
    assert periods.label(D(2023, 4, 1), "quarter") == "2023Q2"
    assert periods.truncate(D(2023, 5, 17), "week") == D(2023, 5, 15)
    assert periods.period_range(D(2022, 11, 3), D(2023, 2, 1), "month") == [
        D(2022, 11, 1), D(2022, 12, 1), D(2023, 1, 1), D(2023, 2, 1)]
    assert periods.period_end(D(2024, 1, 1), "quarter") == D(2024, 3, 31)
    with pytest.raises(AnalysisError):
        periods.check_freq("fortnight")


def test_alignment_exact_numbers() -> None:
    con = make_db(ROWS)
    al = alignment(con, "MLI", freq="quarter")
    assert al.labels == ["2022Q1", "2022Q2", "2022Q3"]
    fra, rus, usa, chn = (al.powers[p] for p in ("FRA", "RUS", "USA", "CHN"))
    # Q1: FRA coop 10, conf 6 -> net 4; RUS net 8 (negated e6 excluded); USA -3. Sum |net| 15.
    assert (fra.cooperation[0], fra.conflict[0], fra.net[0]) == (10.0, 6.0, 4.0)
    assert rus.net[0] == 8.0 and usa.net[0] == -3.0 and chn.net[0] == 0.0
    assert fra.share[0] == pytest.approx(4 / 15)
    assert rus.share[0] == pytest.approx(8 / 15)
    assert usa.share[0] == pytest.approx(-3 / 15)
    assert fra.n_events[0] == 3 and rus.n_events[0] == 2
    # Q2: nothing happened.
    assert all(s.share[1] == 0.0 for s in al.powers.values())
    # Q3: only MLI MIL -> FRA (-7); BFA and the AES organisation are not MLI.
    assert fra.share[2] == -1.0 and rus.share[2] == 0.0
    assert sum(abs(s.share[0]) for s in al.powers.values()) == pytest.approx(1.0)


def test_alignment_window_and_groups() -> None:
    con = make_db(ROWS)
    al = alignment(con, "MLI", powers=("FRA", "RUS"), freq="quarter", window=2)
    # Q3 window = Q2 + Q3: FRA -7 only.
    assert al.powers["FRA"].share[2] == -1.0
    # Q2 window = Q1 + Q2 = Q1: FRA 4, RUS 8.
    assert al.powers["FRA"].share[1] == pytest.approx(4 / 12)
    states = alignment(con, "AES-states", powers=("FRA", "RUS"), freq="quarter")
    assert states.powers["FRA"].net[2] == -12.0  # MLI -7 and BFA -5
    org = alignment(con, "AES", powers=("FRA", "RUS"), freq="quarter")
    assert org.labels == ["2022Q3"] and org.powers["RUS"].share == [1.0]
    # A power overlapping the country is dropped; an extra power is added.
    extra = alignment(con, "MLI", powers=("FRA", "MLI"), extra=("RUS MIL",), freq="year")
    assert list(extra.powers) == ["FRA", "RUS MIL"]
    assert extra.powers["RUS MIL"].net == [2.0]
    with pytest.raises(AnalysisError):
        alignment(con, "MLI", window=0)


def test_dyad_series_directions_counts_and_ids() -> None:
    con = make_db(ROWS)
    ds = dyad_series(con, "MLI", "FRA", freq="month", since="2022-01-01", until="2022-08-31",
                     with_ids=True)
    assert len(ds.points) == 8 and ds.points[0].label == "2022-01"
    jan, feb, aug = ds.points[0], ds.points[1], ds.points[7]
    assert jan.ab.counts == {"AGREE": 1} and jan.ab.event_ids == ["e1"] and jan.ba.n == 0
    assert feb.ba.counts == {"THREATEN": 1} and feb.both.net == -6.0
    assert aug.both.event_ids == ["e8"]  # BFA's protest is not Mali's
    assert ds.values("net") == [4.0, -6.0, 6.0, 0.0, 0.0, 0.0, 0.0, -7.0]
    assert ds.counts("COOPERATE") == [0, 0, 1, 0, 0, 0, 0, 0]
    gov = dyad_series(con, "MLI GOV", "FRA", freq="year", with_ids=True)
    assert [p.both.event_ids for p in gov.points] == [["e1"]]
    ev = ds.evidence(con, limit=2)  # strongest |intensity| * confidence first
    assert [e.id for e in ev] == ["e2", "e8"]
    assert ev[0].sentence.startswith("Sentence e2") and ev[0].source == "FRA"
    assert [e.id for e in ds.evidence(con, period=D(2022, 3, 15))] == ["e3"]
    assert [e.id for e in ds.evidence(con, period=D(2022, 2, 1), direction="ab")] == []
    assert ds.evidence(con, period=D(2023, 1, 1)) == []  # outside the series
    assert [e.id for e in top_evidence(con, ["e6", "e7"], 5)] == ["e6", "e7"]


def test_dyad_series_without_ids_is_the_same_and_fetches_ids_lazily() -> None:
    con = make_db(ROWS + [
        ("e11", D(2022, 3, 20), "FRA MIL", "MLI GOV", "ASSAULT", -9.0, False, 0.9),
        ("e12", D(2022, 3, 21), "MLI GOV", "FRA", "AGREE", 4.0, True, 0.9),  # negated
    ])
    for a, b, freq in (("MLI", "FRA", "month"), ("MLI GOV", "FRA", "quarter"),
                       ("AES-states", "FRA,RUS", "month"), ("FRA", "MLI", "week")):
        full = dyad_series(con, a, b, freq=freq, with_ids=True)
        lazy = dyad_series(con, a, b, freq=freq)
        assert all(p.both.event_ids == [] for p in lazy.points)
        for p, q in zip(full.points, lazy.points, strict=True):
            for side in ("ab", "ba", "both"):
                t, u = getattr(p, side), getattr(q, side)
                assert (t.n, t.counts, t.net, t.cooperation, t.conflict) == (
                    u.n, u.counts, u.net, u.cooperation, u.conflict)
                assert lazy.event_ids(con, p.period, side) == t.event_ids
        every = sorted(i for p in full.points for i in p.both.event_ids)
        assert lazy.event_ids(con) == every
    bounded = dyad_series(con, "MLI", "FRA", "quarter", since="2022-02-15", until="2022-03-31")
    assert bounded.event_ids(con) == ["e11", "e3"]  # e1 (January) is before since
    assert bounded.event_ids(con, D(2022, 2, 20), "ba") == ["e11"]


def test_missing_events_table_is_one_line_error() -> None:
    with pytest.raises(AnalysisError, match="no events table"):
        alignment(duckdb.connect(), "MLI")
