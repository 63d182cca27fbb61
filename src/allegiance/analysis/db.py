"""Opening a database for analysis: read-only DuckDB, with one-line errors."""

from __future__ import annotations

from pathlib import Path

import duckdb

from .base import require_events
from .errors import AnalysisError


def connect(db: str) -> duckdb.DuckDBPyConnection:
    """Open the DuckDB file ``db`` read-only; it must exist and have an ``events`` table.

    Any DuckDB file with an ``events`` table works, e.g. one made from an exported CSV with
    ``CREATE TABLE events AS SELECT * FROM read_csv_auto('events.csv')``.
    """
    if db.startswith(("postgresql://", "postgres://")):
        raise AnalysisError("analysis needs a DuckDB file: export the events and load them first")
    if db != ":memory:" and not Path(db).exists():
        raise AnalysisError(f"database {db} does not exist (ingest and code some articles first)")
    try:
        con = duckdb.connect(db, read_only=db != ":memory:")
    except duckdb.Error as exc:
        reason = str(exc).splitlines()[0]
        raise AnalysisError(f"cannot open database {db}: {reason}") from exc
    try:
        require_events(con)
    except AnalysisError:
        con.close()
        raise
    return con
