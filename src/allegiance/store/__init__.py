"""Storage: ``open_store(db)`` gives a migrated store for a DuckDB file path.

PostgreSQL URLs (``postgresql://...``) are recognised but not supported yet.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .duckdb import DuckDBStore, is_duckdb_path
from .filters import FREQS, EventFilter, FilterError

#: The store type every module works with (only DuckDB for now).
Store = DuckDBStore

__all__ = ["FREQS", "DuckDBStore", "EventFilter", "FilterError", "Store", "open_store"]


def open_store(db: str | Path, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) the database ``db``.

    ``db`` is a DuckDB file path (or ``":memory:"``). ``read_only`` opens an existing database
    without migrating it, so several readers can share it.
    """
    text = str(db)
    if text.startswith(("postgresql://", "postgres://")):
        raise StoreError(
            "PostgreSQL support is not built yet: use a DuckDB file path for --db"
        )
    if not text or not is_duckdb_path(text):
        raise StoreError(f"unsupported database {text!r}: give a DuckDB file path")
    if read_only and text != ":memory:" and not Path(text).exists():
        raise StoreError(f"database {text} does not exist")
    return DuckDBStore(text, read_only=read_only)
