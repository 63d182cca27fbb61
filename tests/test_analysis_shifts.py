"""Change points on synthetic series with known breaks, and realignments in a database."""

from __future__ import annotations

from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import duckdb
import numpy as np
import pytest

from allegiance.analysis import change_points, detect_shifts
from allegiance.analysis.changepoints import robust_series

MIGRATION = resources.files("allegiance.store").joinpath("migrations/001_initial.sql")


@pytest.mark.parametrize("seed", range(6))
def test_known_break_found_within_one_period(seed: int) -> None:
    rng = np.random.default_rng(seed)
    brk = int(rng.integers(15, 45))
    x = rng.normal(0.0, 2.0, 60)
    x[brk:] += 6.0  # a 3-sigma shift
    cps = change_points(x)
    assert cps, "no change found"
    assert min(abs(c - brk) for c in cps) <= 1


def test_two_breaks_and_outlier_robustness() -> None:
    rng = np.random.default_rng(7)
    x = np.r_[rng.normal(5, 1.5, 20), rng.normal(-4, 1.5, 20), rng.normal(3, 1.5, 20)]
    x[10] = 80.0  # one spectacular month: must not create segments of its own
    cps = change_points(x)
    assert len(cps) == 2
    assert abs(cps[0] - 20) <= 1 and abs(cps[1] - 40) <= 1


def test_no_break_in_noise_or_flat_series() -> None:
    rng = np.random.default_rng(11)
    false_alarms = sum(bool(change_points(rng.normal(0, 3, 60))) for _ in range(100))
    assert false_alarms <= 20  # about 11 % expected at the BIC penalty
    strict = sum(bool(change_points(rng.normal(0, 3, 60), penalty=3.0)) for _ in range(100))
    assert strict <= 8
    assert change_points([0.0] * 30) == []
    assert change_points([1.0, -1.0]) == []
    assert robust_series([2.0] * 10).size == 0


def _db_with_planted_shift() -> duckdb.DuckDBPyConnection:
    """Mali: cooperation with France then conflict from 2022-02; the reverse with Russia."""
    con = duckdb.connect()
    con.execute(MIGRATION.read_text(encoding="utf-8"))
    con.execute("INSERT INTO articles (id, text, origin, n_words, status, ingested_at) "
                "VALUES ('a', 'Synthetic.', 't', 1, 'coded', now())")
    rows = []
    rng = np.random.default_rng(3)
    day = date(2020, 1, 3)
    i = 0
    while day < date(2024, 12, 1):
        after = day >= date(2022, 2, 1)
        for power, coop_before in (("FRA", True), ("RUS", False)):
            coop = coop_before != after
            if rng.random() < 0.1:  # a little noise of the other sign
                coop = not coop
            etype, inten = ("COOPERATE", 6.0) if coop else ("ACCUSE", -3.0)
            src, tgt = ("MLI", power) if i % 2 else (power, "MLI")
            rows.append((f"x{i}", "a", i, i + 1, f"Planted {i}: {src} {etype} {tgt}.", etype,
                         src, tgt, day, "day", False, False, False, 0.8, inten, "en"))
            i += 1
        day += timedelta(days=int(rng.integers(5, 12)))
    con.executemany(
        "INSERT INTO events (id, article_id, sent_start, sent_end, sentence, event_type, "
        "source_code, target_code, event_date, date_precision, negated, planned, reported, "
        "confidence, intensity, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return con


def test_detect_shifts_finds_planted_realignment() -> None:
    con = _db_with_planted_shift()
    shifts = detect_shifts(con, "MLI", powers=("FRA", "RUS", "CHN"), evidence=2)
    assert all(s.freq == "month" for s in shifts)  # dense enough for monthly series
    by_power = {s.power: s for s in shifts}
    assert set(by_power) == {"FRA", "RUS"}
    fra, rus = by_power["FRA"], by_power["RUS"]
    assert fra.direction == "away" and rus.direction == "toward"
    for s in (fra, rus):
        assert abs((s.after_start - date(2022, 2, 1)).days) <= 31
        assert s.before_end == s.after_start - timedelta(days=1)
        assert len(s.evidence_before) == 2 and len(s.evidence_after) == 2
        assert all(e.event_date < s.after_start for e in s.evidence_before)
        assert all(e.event_date >= s.after_start for e in s.evidence_after)
    assert fra.size < 0 < rus.size
    # Evidence shows what changed: cooperation lost with France, conflict after.
    assert all(e.intensity > 0 for e in fra.evidence_before)
    assert all(e.intensity < 0 for e in fra.evidence_after)
    assert fra.to_dict()["evidence_after"][0]["sentence"].startswith("Planted")
    # All states at once: the same two shifts, newest first.
    everyone = detect_shifts(con, None, powers=("FRA", "RUS"), evidence=0)
    assert {(s.country, s.power, s.direction) for s in everyone} == {
        ("MLI", "FRA", "away"), ("MLI", "RUS", "toward")}
    assert everyone == sorted(everyone, key=lambda s: s.after_start, reverse=True)


def test_choose_freq_pools_sparse_series() -> None:
    from allegiance.analysis.shifts import choose_freq

    monthly = {date(2020, m, 1) for m in range(1, 13)}
    assert choose_freq(monthly, date(2020, 1, 1), date(2020, 12, 1)) == "month"
    few = {date(2015, 1, 1), date(2018, 5, 1), date(2019, 7, 1), date(2020, 2, 1)}
    assert choose_freq(few, date(2015, 1, 1), date(2020, 2, 1)) == "year"


def _sample_corpus() -> Path | None:
    root = Path(str(resources.files("allegiance").joinpath("data/sample")))
    return root if root.is_dir() and any(root.iterdir()) else None


def test_sample_corpus_aes_turn_from_france_to_russia(tmp_path: Path) -> None:
    try:
        from allegiance.coding import Coder  # noqa: F401
    except (ImportError, AttributeError) as exc:
        pytest.skip(f"allegiance.coding.Coder is not importable yet ({exc})")
    sample = _sample_corpus()
    if sample is None:
        pytest.skip("the sample corpus (allegiance/data/sample) is not there yet")
    from allegiance import Allegiance
    from allegiance.analysis import alignment

    with Allegiance(tmp_path / "sample.duckdb") as al:
        al.run(sample)
        con = al.store.con
        # freq="auto": the small corpus is too sparse for monthly series; quarters are used.
        shifts = detect_shifts(con, "AES-states", powers=("FRA", "RUS"))
        found = {(s.power, s.direction) for s in shifts}
        assert ("FRA", "away") in found, [s.label for s in shifts]
        assert ("RUS", "toward") in found, [s.label for s in shifts]
        yearly = alignment(con, "AES-states", powers=("FRA", "RUS"), freq="year")
        years = [p.year for p in yearly.periods]
        fra, rus = yearly.powers["FRA"].share, yearly.powers["RUS"].share
        early = [i for i, y in enumerate(years) if y <= 2021]
        late = [i for i, y in enumerate(years) if y >= 2023]
        assert early and late
        assert np.mean([fra[i] for i in early]) > np.mean([fra[i] for i in late])
        assert np.mean([rus[i] for i in early]) < np.mean([rus[i] for i in late])
