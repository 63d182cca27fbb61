"""Versioned schema migrations.

Migrations are the files ``store/migrations/NNN_name.sql``, applied in order of ``NNN``. Each one
runs in its own transaction together with the row that records it in ``schema_version``, so a
failure leaves the database at the previous version. Applying is idempotent: versions already
recorded are skipped. A database whose version is newer than the newest migration known to this
code is refused rather than touched.

The scripts are written once, in SQL that DuckDB and PostgreSQL share; the few type names that
differ are rewritten per dialect here (``BLOB`` is ``BYTEA`` in PostgreSQL). On PostgreSQL, several
processes may open a shared server at once: migrating holds an advisory lock, so exactly one of
them applies each pending script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..errors import StoreError

_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")

#: Known SQL dialects and the type-name rewrites their scripts need.
DIALECTS: dict[str, tuple[tuple[re.Pattern[str], str], ...]] = {
    "duckdb": (),
    "postgres": ((re.compile(r"\bBLOB\b"), "BYTEA"),),
}
#: Key of the PostgreSQL advisory lock held while migrating (any constant; "ALLEG" in ASCII).
_PG_LOCK = 0x414C4C4547

VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""


@dataclass(frozen=True)
class Migration:
    """One numbered SQL script."""

    version: int
    name: str
    sql: str

    def sql_for(self, dialect: str) -> str:
        """The script with the type names of ``dialect`` (``duckdb`` or ``postgres``)."""
        if dialect not in DIALECTS:
            raise StoreError(f"unknown SQL dialect {dialect!r}")
        text = self.sql
        for pattern, replacement in DIALECTS[dialect]:
            text = pattern.sub(replacement, text)
        return text


def available_migrations() -> list[Migration]:
    """The packaged migrations, sorted by version (versions must be unique)."""
    folder = resources.files("allegiance.store") / "migrations"
    found: dict[int, Migration] = {}
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if not match:
            continue
        version = int(match.group(1))
        if version in found:
            raise StoreError(f"two migrations share version {version:03d}")
        found[version] = Migration(version, match.group(2), entry.read_text(encoding="utf-8"))
    if not found:
        raise StoreError("no schema migrations found in the installed package (broken install?)")
    return [found[v] for v in sorted(found)]


def latest_version() -> int:
    """The schema version this code writes."""
    return available_migrations()[-1].version


def current_version(con: Any) -> int:
    """The version recorded in the database; 0 for a database without ``schema_version``."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables "
        "WHERE table_name = 'schema_version' AND table_schema = current_schema()"
    ).fetchone()[0]
    if not exists:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def check_version(con: Any, where: str = "database") -> int:
    """Return the database version, refusing one newer than this code."""
    have = current_version(con)
    known = latest_version()
    if have > known:
        raise StoreError(
            f"{where} has schema version {have}, newer than this allegiance (knows up to "
            f"{known}); upgrade allegiance"
        )
    return have


def migrate(con: Any, where: str = "database", dialect: str = "duckdb") -> int:
    """Bring the schema up to date; return the resulting version.

    ``con`` is a connection whose ``execute(sql, params)`` takes ``?`` placeholders (DuckDB, or
    the PostgreSQL store's wrapper). Each pending migration and its ``schema_version`` row are
    committed together.
    """
    locked = dialect == "postgres"
    if locked:
        con.execute("SELECT pg_advisory_lock(?)", [_PG_LOCK])
    try:
        con.execute(VERSION_TABLE)
        have = check_version(con, where)
        for migration in available_migrations():
            if migration.version > have:
                _apply(con, migration, where, dialect)
                have = migration.version
    finally:
        if locked:
            con.execute("SELECT pg_advisory_unlock(?)", [_PG_LOCK])
    return have


def _apply(con: Any, migration: Migration, where: str, dialect: str) -> None:
    """Run one script and record it, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(migration.sql_for(dialect))
        con.execute(
            "INSERT INTO schema_version VALUES (?, ?, current_timestamp)",
            [migration.version, migration.name],
        )
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError(
            f"{where}: migration {migration.version:03d}_{migration.name} failed: {reason}"
        ) from exc
