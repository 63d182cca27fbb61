"""The FastAPI application factory of the dashboard and JSON API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..config import Config
from ..errors import AllegianceError
from . import api, pages
from .cache import ResultCache
from .db import WebDatabase
from .security import add_security_headers


def create_app(db: str, config: Config | None = None) -> FastAPI:
    """Build the app over the DuckDB file ``db``.

    The app is read-only: it opens the database read-only and has no write route.
    Raises ``StoreError`` if the database is missing or is not an Allegiance database.
    """
    config = config or Config(db=db)
    database = WebDatabase(db, writable=False)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        database.close()

    app = FastAPI(
        title="Allegiance API",
        version=__version__,
        description="Evidence-backed PLOVER political events: who did what to whom, when, where.",
        docs_url=None,  # the Swagger UI needs a CDN and inline script; the schema is enough
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.db = database
    app.state.config = config
    app.state.cache = ResultCache()
    app.middleware("http")(add_security_headers)

    @app.exception_handler(AllegianceError)
    async def _user_error(_: Request, exc: AllegianceError) -> JSONResponse:
        return JSONResponse(status_code=400, content={"detail": str(exc)})

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")
    return app
