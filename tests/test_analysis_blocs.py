"""Blocs on a hand-made signed network."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

import duckdb

from allegiance.analysis import blocs

MIGRATION = resources.files("allegiance.store").joinpath("migrations/001_initial.sql")


def _db(
    edges: list[tuple[str, str, float]], day: date = date(2023, 5, 1)
) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(MIGRATION.read_text(encoding="utf-8"))
    con.execute("INSERT INTO articles (id, text, origin, n_words, status, ingested_at) "
                "VALUES ('a', 'Hand-made.', 't', 1, 'coded', now())")
    rows = [(f"b{i}", "a", i, i + 1, f"{s} and {t}.", "AGREE" if w > 0 else "ACCUSE", s, t, day,
             "day", False, False, False, 0.9, w, "en") for i, (s, t, w) in enumerate(edges)]
    con.executemany(
        "INSERT INTO events (id, article_id, sent_start, sent_end, sentence, event_type, "
        "source_code, target_code, event_date, date_precision, negated, planned, reported, "
        "confidence, intensity, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return con


# Two blocs: {MLI, BFA, NER, RUS} and {FRA, CIV, SEN, USA}, hostile to each other.
EDGES = [
    ("MLI", "BFA", 4), ("BFA", "NER", 4), ("NER", "MLI", 3), ("RUS", "MLI", 6), ("RUS", "BFA", 5),
    ("FRA", "CIV", 4), ("CIV", "SEN", 3), ("SEN", "FRA", 4), ("USA", "FRA", 5), ("USA", "CIV", 2),
    ("MLI", "FRA", -6), ("NER", "FRA", -7), ("BFA", "CIV", -3), ("RUS", "USA", -4),
]


def test_two_hostile_blocs_without_frustration() -> None:
    b = blocs(_db(EDGES))
    assert sorted(b.communities) == [["BFA", "MLI", "NER", "RUS"], ["CIV", "FRA", "SEN", "USA"]]
    assert b.frustration == 0
    assert b.graph.edges["MLI", "FRA"]["sign"] == -1
    assert b.community_of("MLI") == b.community_of("RUS") != b.community_of("FRA")
    data = json.loads(json.dumps(b.to_dict()))  # JSON-serialisable
    assert len(data["nodes"]) == 8 and len(data["edges"]) == len(EDGES)
    assert {"source", "target", "weight", "sign", "n_events"} <= set(data["edges"][0])


def test_frustrated_edges_and_net_weights() -> None:
    # Conflict inside the first bloc, and MLI-BFA cooperation outweighed by conflict: net -2.
    edges = [*EDGES, ("MLI", "BFA", -6), ("NER", "RUS", -1)]
    b = blocs(_db(edges))
    assert b.graph.edges["MLI", "BFA"]["weight"] == -2.0
    assert b.graph.edges["MLI", "BFA"]["n_events"] == 2
    assert ("NER", "RUS") in b.frustrated or b.community_of("NER") != b.community_of("RUS")
    assert b.frustration >= 1
    assert blocs(_db(edges), min_events=2).graph.number_of_edges() == 1
    assert blocs(_db(edges), since="2024-01-01").graph.number_of_nodes() == 0


def test_max_nodes_keeps_most_active() -> None:
    b = blocs(_db(EDGES), max_nodes=3)
    assert set(b.graph.nodes) <= {"MLI", "BFA", "FRA", "NER", "CIV", "RUS", "USA", "SEN"}
    assert b.graph.number_of_nodes() == 3
