"""The PostgreSQL store: the same tables and methods as the DuckDB store, on a shared server.

Open it with ``open_store("postgresql://user:password@host:5432/dbname")``; libpq parameters
work in the URL (``?options=-csearch_path%3Dmyschema`` puts the tables in another schema). The
queries are the shared ones of ``store/base.py``; this module adds the connection, bulk inserts
(``COPY ... FROM STDIN``, or a pipelined ``executemany`` when a conflict clause is needed),
server-side cursors for streaming, and exports. Exports go through a temporary DuckDB file, so a
PostgreSQL export is byte-for-byte what the DuckDB store writes (parquet included, no pyarrow).

Needs the ``psycopg`` driver (``pip install 'allegiance[postgres]'``); ``open_store`` imports this
module only for a PostgreSQL URL.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from itertools import count
from pathlib import Path
from typing import Any, ClassVar

import psycopg

from ..errors import StoreError
from .base import EVENT_VIEW, ORDER, BaseStore
from .duckdb import DuckDBStore
from .migrate import check_version, migrate
from .urls import redact_url

__all__ = ["PgConnection", "PostgresStore", "to_pyformat"]

_STREAM_BATCH = 10_000
_cursor_ids = count(1)


def to_pyformat(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (literal ``%`` doubled).

    The store's SQL never has a ``?`` inside a string literal: values always travel as
    parameters."""
    return sql.replace("%", "%%").replace("?", "%s")


class PgConnection:
    """A psycopg connection in autocommit mode that speaks the store's ``?`` placeholders, so
    the shared SQL and the migration runner use it like a DuckDB connection. Transactions are
    explicit (``BEGIN`` ... ``COMMIT``), as in DuckDB."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> psycopg.Cursor[Any]:
        """Run one statement (or, without parameters, a script); return its cursor."""
        if params:
            return self.raw.execute(to_pyformat(sql), list(params))
        return self.raw.execute(sql)

    def close(self) -> None:
        """Close the connection."""
        self.raw.close()


class PostgresStore(BaseStore):
    """A migrated PostgreSQL database. Use as a context manager, or call ``close()``."""

    DB_ERRORS: ClassVar[tuple[type[Exception], ...]] = (psycopg.Error,)

    def __init__(self, url: str, read_only: bool = False) -> None:
        self.url = url
        self.where = redact_url(url)
        self.read_only = read_only
        try:
            raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot connect to {self.where}: {reason}") from exc
        self.con = PgConnection(raw)
        try:
            if read_only:
                self.version = check_version(self.con, self.where)
                if self.version == 0:
                    raise StoreError(f"{self.where} is not an allegiance database (no schema)")
                self.con.execute("SET default_transaction_read_only = on")
            else:
                self.version = migrate(self.con, self.where, dialect="postgres")
        except psycopg.Error as exc:
            raw.close()
            raise StoreError(f"{self.where}: {str(exc).splitlines()[0]}") from exc
        except Exception:
            raw.close()
            raise

    def __enter__(self) -> PostgresStore:
        return self

    def close(self) -> None:
        """Close the connection (idempotent)."""
        try:
            self.con.close()
        except psycopg.Error:
            pass

    def _insert(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], conflict: str = ""
    ) -> None:
        """Bulk insert: ``COPY FROM STDIN``, or ``executemany`` (pipelined) with a conflict
        clause, which ``COPY`` cannot honour."""
        if not rows:
            return
        names = ", ".join(columns)
        with self.con.raw.cursor() as cur:
            if conflict:
                marks = ", ".join(["%s"] * len(columns))
                cur.executemany(
                    f"INSERT INTO {table} ({names}) VALUES ({marks}) {conflict}",
                    [tuple(r) for r in rows],
                )
                return
            with cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[list[tuple[Any, ...]]]:
        """Rows in batches, from a server-side cursor (``WITH HOLD``: autocommit mode)."""
        name = f"allegiance_stream_{next(_cursor_ids)}"
        with self.con.raw.cursor(name=name, withhold=True) as cur:
            cur.execute(to_pyformat(sql) if params else sql, list(params) or None)
            while rows := cur.fetchmany(_STREAM_BATCH):
                yield rows

    def _write_export(self, sql: str, params: list[Any], out: Path, format: str) -> int:
        """Stream the rows into a temporary DuckDB table, then let DuckDB write the file."""
        with tempfile.TemporaryDirectory(prefix="allegiance-export-") as tmp:
            with DuckDBStore(Path(tmp) / "export.duckdb") as local:
                local.con.execute(f"CREATE TABLE export_rows AS {EVENT_VIEW} LIMIT 0")
                columns = [r[0] for r in local.con.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = 'export_rows' ORDER BY ordinal_position"
                ).fetchall()]
                select = ", ".join(columns)
                try:
                    for rows in self._stream(f"SELECT {select} FROM ({sql}) AS e", params):
                        local._insert("export_rows", columns, rows)
                except psycopg.Error as exc:
                    raise StoreError(f"cannot export: {str(exc).splitlines()[0]}") from exc
                return local._write_export(
                    f"SELECT * FROM export_rows e {ORDER}", [], out, format
                )
