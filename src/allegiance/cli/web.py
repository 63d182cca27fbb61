"""CLI commands: web. Registered on the shared Typer app."""

from __future__ import annotations

from .app import app  # noqa: F401
