"""The fast paths of the analysis layer give the answers of a plain, row-by-row reference.

Batched evidence (one join for many pairs and windows), sums per predicate (group first, then
test the actors), the running median and ``detect_shifts(limit=...)`` are checked against
straightforward Python on a few thousand synthetic events with sectors, ties and negations.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pytest

from allegiance.analysis import alignment, detect_shifts, resolve
from allegiance.analysis.actors import ActorSet
from allegiance.analysis.base import sums_by_predicate
from allegiance.analysis.changepoints import running_median
from allegiance.analysis.evidence import evidence_batch, evidence_windows

ROOT = Path(__file__).resolve().parents[1]


def _synthetic() -> Any:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks/synthetic.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    c = duckdb.connect()
    _synthetic().load_synthetic(c, 4000, seed=5)
    # Exact ties on |intensity| * confidence and date: the id decides (ascending).
    for eid in ("tie-b", "tie-a", "tie-c"):
        c.execute(
            "INSERT INTO events SELECT * REPLACE (? AS id, DATE '2023-03-03' AS event_date, "
            "'MLI' AS source_code, 'GOV' AS source_sector, 'FRA' AS target_code, "
            "9.0 AS intensity, 1.0 AS confidence, false AS negated) "
            "FROM events LIMIT 1", [eid],
        )
    return c


def _in(s: ActorSet, code: str | None, sector: str | None) -> bool:
    return any(code == c and (sec is None or sec == sector) for c, sec in s.members)


def _rows(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    return con.execute(
        "SELECT id, event_date, source_code, source_sector, target_code, target_sector, "
        "intensity, confidence, negated FROM events"
    ).fetchall()


def _reference(
    rows: list[tuple[Any, ...]], a: ActorSet, b: ActorSet, windows: list[tuple[date, date]],
    signs: list[int], limit: int,
) -> list[list[str]]:
    out: list[list[tuple[Any, ...]]] = [[] for _ in windows]
    for r in rows:
        eid, d, sc, ss, tc, ts, inten, conf, neg = r
        if neg or not ((_in(a, sc, ss) and _in(b, tc, ts)) or (_in(b, sc, ss) and _in(a, tc, ts))):
            continue
        for w, (lo, hi) in enumerate(windows):
            if lo <= d <= hi:
                agree = signs[w] != 0 and (inten > 0) - (inten < 0) == signs[w]
                out[w].append((not agree, -abs(inten) * conf, -d.toordinal(), eid))
                break
    return [[k[3] for k in sorted(keys)[:limit]] for keys in out]


REQUESTS = [
    ("MLI", "FRA", [(date(2015, 1, 1), date(2019, 12, 31)), (date(2020, 1, 1), date(2025, 12, 31))],
     [1, -1]),
    ("MLI GOV", "FRA", [(date(2020, 1, 1), date(2024, 6, 30))], [1]),
    ("AES-states", "RUS,RUS MIL", [(date(2018, 1, 1), date(2021, 8, 31)),
                                   (date(2021, 1, 1), date(2023, 12, 31))], [-1, 0]),
    ("BFA,MLI MIL", "USA GOV,CHN", [(date(2015, 1, 1), date(2025, 12, 31))], [0]),
    ("MLI", "MLI,FRA", [(date(2016, 1, 1), date(2022, 12, 31))], [1]),  # overlapping sets
]


@pytest.mark.parametrize("limit", [1, 3, 7])
def test_evidence_batch_matches_reference(con: duckdb.DuckDBPyConnection, limit: int) -> None:
    rows = _rows(con)
    reqs = [(resolve(a), resolve(b), w, s) for a, b, w, s in REQUESTS]
    got = evidence_batch(con, reqs, limit=limit)
    for (a, b, windows, signs), result in zip(reqs, got, strict=True):
        expected = _reference(rows, a, b, windows, signs, limit)
        assert [[e.id for e in ev] for ev in result] == expected
    # Each request alone gives the same as the batch.
    for (a, b, windows, signs), result in zip(reqs, got, strict=True):
        assert evidence_windows(con, a, b, windows, limit, signs) == result


def test_evidence_ties_go_to_the_smallest_id(con: duckdb.DuckDBPyConnection) -> None:
    day = date(2023, 3, 3)
    ev = evidence_windows(con, resolve("MLI GOV"), resolve("FRA"), [(day, day)], limit=2)
    assert [e.id for e in ev[0]] == ["tie-a", "tie-b"]
    assert ev[0][0].sentence and ev[0][0].source == "MLI GOV"
    assert evidence_batch(con, [], limit=3) == []
    assert evidence_batch(con, [(resolve("MLI"), resolve("FRA"), [(day, day)], None)], 0) == [[[]]]


def test_sums_by_predicate_counts_a_row_for_every_predicate(
    con: duckdb.DuckDBPyConnection,
) -> None:
    rows = _rows(con)
    sets = [resolve(s) for s in ("RUS", "RUS MIL", "FRA GOV")]
    mli = resolve("MLI")
    preds = [
        f"({mli.predicate('source')} AND {p.predicate('target')}) OR "
        f"({p.predicate('source')} AND {mli.predicate('target')})"
        for p in sets
    ]
    got = sums_by_predicate(
        con, "SELECT *, CAST(event_date AS DATE) AS d FROM events WHERE NOT negated",
        "year(d)", preds, ["intensity", "1"],
    )
    expected: dict[tuple[int, int], list[float]] = {}
    for _, d, sc, ss, tc, ts, inten, _, neg in rows:
        for k, p in enumerate(sets):
            if not neg and ((_in(mli, sc, ss) and _in(p, tc, ts))
                            or (_in(p, sc, ss) and _in(mli, tc, ts))):
                acc = expected.setdefault((k, d.year), [0.0, 0.0])
                acc[0] += inten
                acc[1] += 1
    assert got == expected
    assert {k for k, _ in got} == {0, 1, 2}  # RUS MIL events count for RUS too


def test_alignment_with_overlapping_powers_counts_events_for_both(
    con: duckdb.DuckDBPyConnection,
) -> None:
    al = alignment(con, "MLI", powers=("RUS", "RUS MIL"), freq="year")
    rus, mil = al.powers["RUS"], al.powers["RUS MIL"]
    assert sum(mil.n_events) > 0
    assert all(a >= b for a, b in zip(rus.n_events, mil.n_events, strict=True))


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6, 9, 40])
def test_running_median_matches_nanmedian_with_shrinking_windows(n: int) -> None:
    rng = np.random.default_rng(n)
    x = rng.normal(0, 3, n) * rng.integers(0, 2, n)
    for window in (1, 3, 5, 7):
        h = window // 2
        expected = [float(np.median(x[max(0, i - h):i + h + 1])) for i in range(n)]
        assert running_median(x, window).tolist() == expected


def test_detect_shifts_limit_keeps_the_newest_with_their_evidence(
    con: duckdb.DuckDBPyConnection,
) -> None:
    everything = detect_shifts(con, powers=("FRA", "RUS"), freq="quarter", penalty=1.0)
    assert len(everything) >= 2
    first = detect_shifts(con, powers=("FRA", "RUS"), freq="quarter", penalty=1.0, limit=2)
    assert [s.to_dict() for s in first] == [s.to_dict() for s in everything[:2]]
    assert all(s.evidence_before and s.evidence_after for s in first)
    assert detect_shifts(con, powers=("FRA", "RUS"), freq="quarter", limit=0) == []
