"""Every analysis gives the same answer on the store and on its CSV export loaded back."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb
import pytest

from allegiance.analysis import alignment, blocs, detect_shifts, dyad_series

ROOT = Path(__file__).resolve().parents[1]


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks/synthetic.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_generate_and_load_agree() -> None:
    syn = _synthetic()
    rows = list(syn.generate_events(50, seed=3))
    con = duckdb.connect()
    assert syn.load_synthetic(con, 50, seed=3) == 50
    stored = con.execute("SELECT id, source_code, target_code, intensity, negated FROM events "
                         "ORDER BY id").fetchall()
    assert sorted((r["id"], r["source_code"], r["target_code"], r["intensity"], r["negated"])
                  for r in rows) == stored
    assert all(r["source_code"] != r["target_code"] for r in rows)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 13


def _summary(con: duckdb.DuckDBPyConnection) -> dict:
    al = alignment(con, "MLI", freq="quarter", window=2)
    ds = dyad_series(con, "AES-states", "FRA", freq="year")
    sh = detect_shifts(con, "MLI", powers=("FRA", "RUS"), evidence=2)
    bl = blocs(con, since="2022-01-01", until="2022-12-31", min_events=3)
    return {
        "alignment": al.to_dict(),
        "dyad": ds.to_dict(),
        "shifts": [s.to_dict() for s in sh],
        "blocs": bl.to_dict(),
    }


def _close(a: object, b: object) -> None:
    if isinstance(a, dict):
        assert isinstance(b, dict) and a.keys() == b.keys()
        for k in a:
            _close(a[k], b[k])
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b)
        for x, y in zip(a, b, strict=True):
            _close(x, y)
    elif isinstance(a, float):
        assert b == pytest.approx(a, rel=1e-9, abs=1e-9)
    else:
        assert a == b


def test_csv_export_reproduces_every_analysis(tmp_path: Path) -> None:
    syn = _synthetic()
    con = duckdb.connect(str(tmp_path / "store.duckdb"))
    syn.load_synthetic(con, 6000, seed=1)
    csv = tmp_path / "events.csv"
    con.execute(f"COPY events TO '{csv}' (HEADER, DELIMITER ',')")
    original = _summary(con)
    assert original["shifts"], "the planted realignment should be found"
    con.close()

    loaded = duckdb.connect()
    loaded.execute(f"CREATE TABLE events AS SELECT * FROM read_csv_auto('{csv}')")
    _close(original, _summary(loaded))
