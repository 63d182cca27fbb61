"""Export in csv, parquet and jsonl, read back with DuckDB."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import pytest
from conftest import make_article, make_event

from allegiance.errors import StoreError
from allegiance.store import FilterError, Store


@pytest.fixture
def two_events(store: Store) -> Store:
    art = make_article("Niger's junta met Russian officers. It also expelled a French envoy.",
                       title="Niamey week", url="https://example.org/niamey", source="Example")
    store.add_article(art, 11, None)
    store.save_coded(art.id, [
        make_event(art, "CONSULT", "NER MIL", "RUS MIL", date(2024, 1, 15), 1.5,
                   sentence="Niger's junta met Russian officers."),
        make_event(art, "REJECT", "NER GOV", "FRA GOV", date(2024, 1, 16), -4.0,
                   sentence="It also expelled a French envoy."),
    ])
    return store


READERS = {
    "csv": "read_csv('{p}', header = true)",
    "parquet": "read_parquet('{p}')",
    "jsonl": "read_json('{p}', format = 'newline_delimited')",
}


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_export_round_trip(two_events: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"it's events.{fmt}"  # a quote in the name must not break the SQL
    assert two_events.export(out, fmt) == 2
    src = READERS[fmt].format(p=str(out).replace("'", "''"))
    rows = duckdb.sql(
        f"SELECT event_type, source_code, target_code, CAST(event_date AS DATE), intensity, "
        f"url, title, article_source, CAST(pub_date AS DATE), sentence FROM {src}"
    ).fetchall()
    assert rows == [
        ("CONSULT", "NER", "RUS", date(2024, 1, 15), 1.5, "https://example.org/niamey",
         "Niamey week", "Example", date(2024, 3, 1), "Niger's junta met Russian officers."),
        ("REJECT", "NER", "FRA", date(2024, 1, 16), -4.0, "https://example.org/niamey",
         "Niamey week", "Example", date(2024, 3, 1), "It also expelled a French envoy."),
    ]


def test_jsonl_is_one_object_per_line(two_events: Store, tmp_path: Path) -> None:
    out = tmp_path / "ev.jsonl"
    two_events.export(out, "jsonl")
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["event_type"] == "CONSULT" and first["negated"] is False


def test_export_filters_and_errors(two_events: Store, tmp_path: Path) -> None:
    out = tmp_path / "fra.csv"
    assert two_events.export(out, "csv", actor="FRA") == 1
    assert two_events.export(tmp_path / "none.csv", "csv", since="2025") == 0
    assert (tmp_path / "none.csv").read_text(encoding="utf-8").startswith("id,")
    with pytest.raises(FilterError, match="format"):
        two_events.export(tmp_path / "x.xlsx", "xlsx")
    with pytest.raises(StoreError, match="does not exist"):
        two_events.export(tmp_path / "missing" / "x.csv", "csv")
