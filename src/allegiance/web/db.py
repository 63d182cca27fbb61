"""The dashboard's database handle: one DuckDB connection, a cursor per request (thread-safe)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb

from ..errors import StoreError

REQUIRED_TABLES = ("articles", "events")


class WebDatabase:
    """A DuckDB database opened for the web app, read-only unless ``writable``."""

    def __init__(self, path: str, writable: bool = False) -> None:
        if path.startswith(("postgres://", "postgresql://")):
            raise StoreError("the web dashboard needs a DuckDB database file, not PostgreSQL")
        if path != ":memory:" and not Path(path).exists():
            raise StoreError(f"database not found: {path} (run 'allegiance ingest' first)")
        self.path = path
        self.writable = writable or path == ":memory:"
        try:
            self._con = duckdb.connect(path, read_only=not self.writable)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {path}: {exc}") from exc
        self._generation = 0
        self._check_schema()

    def _check_schema(self) -> None:
        rows = self._con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
        have = {r[0] for r in rows}
        missing = [t for t in REQUIRED_TABLES if t not in have]
        if missing:
            raise StoreError(
                f"{self.path} is not an Allegiance database (missing table(s): "
                f"{', '.join(missing)})"
            )

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The shared connection; request handlers use ``cursor()`` instead."""
        return self._con

    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """Yield a fresh cursor on the shared database; closed afterwards (FastAPI dependency)."""
        cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    @property
    def generation(self) -> int:
        """Bumped on every write through this app; cached analyses are keyed on it.

        A read-only DuckDB file cannot change under us (DuckDB refuses a concurrent writer), so
        writes made through this app are the only ones that can invalidate a cache.
        """
        return self._generation

    def bump(self) -> None:
        """Record that the data changed (call after a write)."""
        self._generation += 1

    def close(self) -> None:
        self._con.close()
