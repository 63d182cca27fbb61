"""Recognising database URLs (without importing any database driver)."""

from __future__ import annotations

import re

_PG_URL = re.compile(r"^postgres(?:ql)?://", re.IGNORECASE)
_PASSWORD = re.compile(r"^(postgres(?:ql)?://[^:/@?]*):[^@]*@", re.IGNORECASE)


def is_postgres_url(db: str) -> bool:
    """Whether ``db`` is a ``postgresql://`` (or ``postgres://``) URL."""
    return bool(_PG_URL.match(db))


def redact_url(url: str) -> str:
    """``url`` with its password (if any) replaced by ``***``, for messages."""
    return _PASSWORD.sub(r"\1:***@", url)
