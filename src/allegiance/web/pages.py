"""The dashboard page: one static HTML shell; everything else is fetched by ``/static/app.js``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"

router = APIRouter(include_in_schema=False)


@lru_cache(maxsize=1)
def _index_html() -> str:
    return (TEMPLATES / "index.html").read_text(encoding="utf-8")


@router.get("/", response_class=HTMLResponse)
def index() -> HTMLResponse:
    """The dashboard."""
    return HTMLResponse(_index_html(), headers={"Cache-Control": "no-cache"})
