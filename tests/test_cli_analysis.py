"""CLI: ``align``, ``shifts`` and ``report`` on a temporary DuckDB filled with synthetic rows."""

from __future__ import annotations

import importlib.util
from importlib import resources
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from allegiance.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks/synthetic.py")
    assert spec and spec.loader
    syn = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(syn)
    path = tmp_path_factory.mktemp("cli") / "events.duckdb"
    con = duckdb.connect(str(path))
    con.execute(resources.files("allegiance.store").joinpath("migrations/001_initial.sql")
                .read_text(encoding="utf-8"))
    syn.load_synthetic(con, 8000, seed=2)
    con.close()
    return str(path)


def test_align(db: str) -> None:
    res = runner.invoke(app, ["--db", db, "align", "MLI", "--powers", "FRA,RUS", "--freq",
                              "year", "--since", "2019-01-01", "--until", "2024-12-31"])
    assert res.exit_code == 0, res.output
    assert "Alignment of MLI" in res.output and "2019" in res.output and "2024" in res.output
    fra = next(line for line in res.output.splitlines() if line.startswith("FRA "))
    assert any(c in fra for c in "▁▂▃▄▅▆▇█")


def test_shifts(db: str) -> None:
    res = runner.invoke(app, ["--db", db, "shifts", "--country", "MLI", "--powers", "FRA,RUS"])
    assert res.exit_code == 0, res.output
    assert "MLI away from FRA" in res.output and "MLI toward RUS" in res.output
    assert "Synthetic event" in res.output  # evidence sentences
    lines = [line for line in res.output.splitlines() if line.startswith("MLI ")]
    assert "RUS" in lines[-1]  # newest first: FRA (2022-02) before RUS (2021-09)


def test_report(db: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    res = runner.invoke(app, ["--db", db, "report", "--out", str(out), "--freq", "year"])
    assert res.exit_code == 0, res.output
    html = out.read_text(encoding="utf-8")
    assert html.count("<svg") == 7 and "<script" not in html  # 3 + 3 + network


def test_missing_database_is_one_line_error(tmp_path: Path) -> None:
    res = runner.invoke(app, ["--db", str(tmp_path / "none.duckdb"), "align", "MLI"])
    assert res.exit_code != 0
    assert "does not exist" in str(res.exception)
    res = runner.invoke(app, ["--db", str(tmp_path / "none.duckdb"), "align", "MLI", "--freq",
                              "fortnight"])
    assert res.exit_code != 0
