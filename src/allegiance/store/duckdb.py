"""The DuckDB store: articles, events, actors and problems in one file.

Everything but the connection, bulk inserts and the export writer is shared with the other
backends (``store/base.py``). Bulk inserts send each column as one typed list, unnested
server-side; exports use DuckDB's ``COPY ... TO``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

import duckdb

from ..errors import StoreError
from .base import EXPORT_FORMATS, BaseStore
from .migrate import check_version, migrate

__all__ = ["EXPORT_FORMATS", "DuckDBStore", "is_duckdb_path"]

_BATCH = 50_000


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class DuckDBStore(BaseStore):
    """A migrated DuckDB database. Use as a context manager, or call ``close()``."""

    DB_ERRORS: ClassVar[tuple[type[Exception], ...]] = (duckdb.Error,)

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = self.where = str(path)
        self.read_only = read_only
        where = self.path
        try:
            if self.path != ":memory:" and not read_only:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.IOException as exc:
            reason = str(exc).splitlines()[0]
            if "lock" in reason.lower():
                reason = "it is in use by another process (close it, or open read-only)"
            raise StoreError(f"cannot open database {where}: {reason}") from exc
        except duckdb.Error as exc:
            raise StoreError(f"cannot open database {where}: {exc}") from exc
        try:
            if read_only:
                self.version = check_version(self.con, where)
                if self.version == 0:
                    raise StoreError(f"{where} is not an allegiance database (no schema)")
            else:
                self.version = migrate(self.con, where)
        except Exception:
            self.con.close()
            raise
        self._types: dict[str, dict[str, str]] = {}

    def __enter__(self) -> DuckDBStore:
        return self

    def close(self) -> None:
        """Close the connection (idempotent)."""
        try:
            self.con.close()
        except duckdb.Error:
            pass

    def _column_types(self, table: str) -> dict[str, str]:
        if table not in self._types:
            rows = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
            self._types[table] = dict(rows)
        return self._types[table]

    def _insert(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], conflict: str = ""
    ) -> None:
        """Bulk insert: each column travels as one typed list, unnested server-side."""
        if not rows:
            return
        types = self._column_types(table)
        select = ", ".join(
            f"unnest(${i + 1}::{types[c]}[])" for i, c in enumerate(columns)
        )
        sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {select} {conflict}"
        for start in range(0, len(rows), _BATCH):
            chunk = rows[start : start + _BATCH]
            self.con.execute(sql, [[r[i] for r in chunk] for i in range(len(columns))])

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[list[tuple[Any, ...]]]:
        """Rows in batches of 10,000, on a cursor of their own."""
        cur = self.con.cursor()
        try:
            if params:
                cur.execute(sql, list(params))
            else:
                cur.execute(sql)
            while rows := cur.fetchmany(10_000):
                yield rows
        finally:
            cur.close()

    def _write_export(self, sql: str, params: list[Any], out: Path, format: str) -> int:
        """``COPY (sql) TO out`` in ``format`` (csv, parquet or jsonl)."""
        copy = f"COPY ({sql}) TO {_sql_string(str(out))} ({EXPORT_FORMATS[format]})"
        try:
            result = self._execute(copy, params).fetchone()
        except duckdb.Error as exc:
            raise StoreError(f"cannot export to {out}: {str(exc).splitlines()[0]}") from exc
        return int(result[0]) if result else 0


def is_duckdb_path(db: str) -> bool:
    """Whether ``db`` names a DuckDB file (anything that is not a URL)."""
    return not re.match(r"^[a-z][a-z0-9+.-]*://", db)
