"""Latency of the web API's main queries on 1,000,000 synthetic events.

    python benchmarks/bench_api.py [--n 1000000] [--repeat 15] [--seed 0] [--db PATH]

Loads ``--n`` synthetic events (``benchmarks/synthetic.py``) into a fresh DuckDB file (or reuses
``--db`` if it already holds events), builds the app with ``create_app`` and calls each endpoint
through FastAPI's TestClient ``--repeat`` times after one warm-up call, printing median and p95
latency in milliseconds with the analysis cache cleared before every call (cold), and the median
of repeated identical calls served from the cache. Goal: < 200 ms (cold median) for each.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import load_synthetic  # noqa: E402

from allegiance.web import create_app  # noqa: E402

GOAL_MS = 200.0

#: (name, url) of the calls the dashboard makes, plus a few heavier variants
CALLS: list[tuple[str, str]] = [
    ("events page", "/api/events?limit=50"),
    ("events page, actor filter", "/api/events?actor=MLI&limit=50"),
    ("events page, type+dates+lang", "/api/events?type=AGREE,ASSAULT&since=2022-01-01"
     "&until=2022-12-31&lang=fr&limit=50"),
    ("events page, deep offset", "/api/events?offset=500000&limit=50"),
    ("event detail", "/api/events/{event_id}"),
    ("dyad series MLI-FRA", "/api/dyad?a=MLI&b=FRA&freq=month"),
    ("dyad series AES-states-RUS", "/api/dyad?a=AES-STATES&b=RUS&freq=month"),
    ("alignment MLI", "/api/alignment?country=MLI&freq=month"),
    ("shifts MLI", "/api/shifts?country=MLI&freq=month"),
    ("shifts MLI, evidence=1 (dashboard)", "/api/shifts?country=MLI&freq=month&evidence=1"),
    ("shifts, all states", "/api/shifts?freq=month"),
    ("blocs", "/api/blocs"),
    ("timeline", "/api/timeline"),
    ("places", "/api/places"),
    ("actors", "/api/actors"),
    ("stats", "/api/stats"),
]


def prepare(db: Path, n: int, seed: int) -> None:
    """Fill ``db`` with ``n`` synthetic events unless it already has events."""
    con = duckdb.connect(str(db))
    try:
        have = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'events'"
        ).fetchone()
        if have and have[0] and con.execute("SELECT count(*) FROM events").fetchone()[0]:
            return
        t0 = time.perf_counter()
        load_synthetic(con, n, seed)
        con.execute("CHECKPOINT")
        print(f"loaded {n:,} events in {time.perf_counter() - t0:.1f} s", flush=True)
    finally:
        con.close()


def measure(
    client: TestClient, url: str, repeat: int, cold: bool
) -> tuple[float, float, int]:
    """Median and p95 latency (ms) of ``repeat`` GETs after one warm-up, and the status code.

    ``cold``: clear the app's analysis cache before each call, so every call computes.
    """
    status = client.get(url).status_code
    times = []
    for _ in range(repeat):
        if cold:
            client.app.state.cache.clear()  # type: ignore[attr-defined]
        t0 = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        status = r.status_code
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, status


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--db", type=Path, default=None, help="DuckDB file to (re)use")
    args = ap.parse_args()
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        args.db = Path(tmp.name) / "bench.duckdb"
    prepare(args.db, args.n, args.seed)
    slow = 0
    with TestClient(create_app(str(args.db))) as client:
        n_events = client.get("/api/stats").json()["n_events"]
        event_id = client.get("/api/events?limit=1&offset=1000").json()["items"][0]["id"]
        print(f"{n_events:,} events; {args.repeat} calls each after a warm-up\n")
        print("cold: analysis cache cleared before each call; cached: repeated identical call")
        print(f"{'endpoint':34} {'median ms':>10} {'p95 ms':>10} {'cached ms':>10}  status")
        for name, url in CALLS:
            full = url.format(event_id=event_id)
            med, p95, status = measure(client, full, args.repeat, cold=True)
            warm, _, _ = measure(client, full, args.repeat, cold=False)
            flag = "" if med < GOAL_MS else "  <-- over goal"
            slow += med >= GOAL_MS
            print(f"{name:34} {med:10.1f} {p95:10.1f} {warm:10.1f}  {status}{flag}", flush=True)
    if tmp is not None:
        tmp.cleanup()
    verdict = "all under" if not slow else f"{slow} over"
    print(f"\n{verdict} the {GOAL_MS:.0f} ms goal (cold median)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
