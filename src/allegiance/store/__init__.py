"""Storage: ``open_store(db)`` gives a migrated store for a DuckDB file path or a PostgreSQL URL.

Both backends have the same methods (``store/base.py``). The analysis and web layers read DuckDB
files directly; for a PostgreSQL database, export the events and load them into DuckDB first.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import BaseStore
from .duckdb import DuckDBStore, is_duckdb_path
from .filters import FREQS, EventFilter, FilterError
from .urls import is_postgres_url, redact_url

#: The store type every module works with: the methods both backends share.
Store = BaseStore

__all__ = [
    "FREQS", "BaseStore", "DuckDBStore", "EventFilter", "FilterError", "Store", "open_store",
]  # fmt: skip


def open_store(db: str | Path, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) the database ``db``.

    ``db`` is a DuckDB file path (or ``":memory:"``), or a ``postgresql://`` URL. ``read_only``
    opens an existing database without migrating it (and, on PostgreSQL, refuses writes), so
    several readers can share it.
    """
    text = str(db)
    if is_postgres_url(text):
        try:
            from .postgres import PostgresStore
        except ImportError as exc:
            raise StoreError(
                f"cannot open {redact_url(text)}: PostgreSQL support needs psycopg "
                "(pip install 'allegiance[postgres]')"
            ) from exc
        return PostgresStore(text, read_only=read_only)
    if not text or not is_duckdb_path(text):
        raise StoreError(
            f"unsupported database {text!r}: give a DuckDB file path or a postgresql:// URL"
        )
    if read_only and text != ":memory:" and not Path(text).exists():
        raise StoreError(f"database {text} does not exist")
    return DuckDBStore(text, read_only=read_only)
