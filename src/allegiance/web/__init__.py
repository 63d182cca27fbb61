"""Web dashboard and read-only JSON API (FastAPI). Start it with ``allegiance serve``."""

from .app import create_app

__all__ = ["create_app"]
