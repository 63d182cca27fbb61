"""Benchmark the analysis queries on a million synthetic events.

    .venv/bin/python benchmarks/bench_queries.py [--n 1000000] [--repeat 15] [--db PATH] [--reuse]

Loads ``n`` synthetic events (``benchmarks/synthetic.py``) into a DuckDB file (migrated with the
store when ``allegiance.store.open_store`` exists), then prints the load time, median and p95
timings of dyad_series, alignment, detect_shifts, blocs (and the store's events page query),
and the peak RSS of the process.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import load_synthetic  # noqa: E402

from allegiance.analysis import alignment, blocs, detect_shifts, dyad_series  # noqa: E402


def _time(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    fn()  # warm-up
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    runs.sort()
    p95 = runs[min(len(runs) - 1, round(0.95 * (len(runs) - 1)))]
    return statistics.median(runs), p95


def _has_store() -> bool:
    try:
        from allegiance.store import open_store  # noqa: F401
    except ImportError:
        return False
    return True


def _load(path: Path, n: int) -> tuple[float, bool]:
    """Create the database and load ``n`` events; return (seconds, made with the store)."""
    try:
        from allegiance.store import open_store
    except ImportError:
        open_store = None
    start = time.perf_counter()
    if open_store is not None:
        store = open_store(str(path))
        con = store.con
    else:
        con = duckdb.connect(str(path))
    con.execute("SET enable_progress_bar = false")
    load_synthetic(con, n, seed=0)
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - start, open_store is not None


def main() -> None:
    """Run the benchmark and print a small table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--db", type=Path, default=None, help="DuckDB file (default: a temp file)")
    ap.add_argument("--reuse", action="store_true",
                    help="use --db as it is when it exists (no reload)")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = args.db or Path(tmp.name) / "bench.duckdb"
    if args.reuse and path.exists():
        with_store = _has_store()
        print(f"reusing {path}")
    else:
        if path.exists():
            path.unlink()
        seconds, with_store = _load(path, args.n)
        print(f"load {args.n:,} events: {seconds:.1f} s "
              f"({'store' if with_store else 'plain'} schema)")

    store = None
    if with_store:
        from allegiance.store import open_store

        store = open_store(str(path), read_only=True)
        con = store.con
    else:
        con = duckdb.connect(str(path), read_only=True)
    con.execute("SET enable_progress_bar = false")
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("dyad_series MLI-FRA month", lambda: dyad_series(con, "MLI", "FRA", "month")),
        ("dyad_series MLI-FRA month, with ids",
         lambda: dyad_series(con, "MLI", "FRA", "month", with_ids=True)),
        ("dyad_series AES-states-RUS month",
         lambda: dyad_series(con, "AES-states", "RUS", "month")),
        ("dyad_series MLI GOV-FRA quarter",
         lambda: dyad_series(con, "MLI GOV", "FRA", "quarter")),
        ("alignment MLI quarter (5 powers)", lambda: alignment(con, "MLI")),
        ("alignment AES-states month", lambda: alignment(con, "AES-states", freq="month")),
        ("detect_shifts MLI", lambda: detect_shifts(con, "MLI")),
        ("detect_shifts all states, no evidence", lambda: detect_shifts(con, evidence=0)),
        ("detect_shifts all states", lambda: detect_shifts(con)),
        ("blocs 2023", lambda: blocs(con, "2023-01-01", "2023-12-31")),
        ("blocs all time", lambda: blocs(con)),
    ]
    if store is not None and hasattr(store, "events"):
        cases.append(("store.events page (50, offset 5000)",
                      lambda: store.events(limit=50, offset=5000)))
        cases.append(("store.events MLI page (50)", lambda: store.events(actor="MLI", limit=50)))
    print(f"{'query':42} {'median ms':>10} {'p95 ms':>10}")
    for name, fn in cases:
        med, p95 = _time(fn, args.repeat)
        print(f"{name:42} {med:10.1f} {p95:10.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MiB")
    if store is not None:
        store.close()
    else:
        con.close()
    tmp.cleanup()


if __name__ == "__main__":
    main()
