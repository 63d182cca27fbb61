"""Versioned schema migrations.

Migrations are the files ``store/migrations/NNN_name.sql``, applied in order of ``NNN``. Each one
runs in its own transaction together with the row that records it in ``schema_version``, so a
failure leaves the database at the previous version. Applying is idempotent: versions already
recorded are skipped. A database whose version is newer than the newest migration known to this
code is refused rather than touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..errors import StoreError

_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")

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
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
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


def migrate(con: Any, where: str = "database") -> int:
    """Bring the schema up to date; return the resulting version.

    ``con`` is a DB-API style connection with ``execute`` (DuckDB). Each pending migration and
    its ``schema_version`` row are committed together.
    """
    con.execute(VERSION_TABLE)
    have = check_version(con, where)
    for migration in available_migrations():
        if migration.version <= have:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_version VALUES (?, ?, current_timestamp)",
                [migration.version, migration.name],
            )
            con.execute("COMMIT")
        except Exception as exc:
            con.execute("ROLLBACK")
            raise StoreError(
                f"{where}: migration {migration.version:03d}_{migration.name} failed: {exc}"
            ) from exc
        have = migration.version
    return have
