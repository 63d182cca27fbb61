"""A small Python API for notebooks::

    from allegiance import Allegiance

    with Allegiance("sahel.duckdb") as al:
        al.run("news/")                         # ingest, then code
        al.events(actor="MLI", type="AGREE")    # list of dicts
        al.dyad("MLI,BFA,NER", "RUS", "year")   # per period and direction
        al.export("events.parquet", "parquet")
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import pipeline
from .config import Config
from .store import Store, open_store

if TYPE_CHECKING:
    from .ingest.pipeline import IngestReport


class Allegiance:
    """One database and configuration; the store is opened on first use."""

    def __init__(self, db: str | Path | None = None, config: Config | None = None) -> None:
        self.config = config if config is not None else Config.load()
        if db is not None:
            self.config.db = str(db)
        self._store: Store | None = None
        self._coder: Any = None

    @property
    def store(self) -> Store:
        """The open store (opened, and migrated, on first access)."""
        if self._store is None:
            self._store = open_store(self.config.db)
        return self._store

    def ingest(self, *paths: str | Path, progress: bool = False) -> IngestReport:
        """Read and store the articles in ``paths`` (files or folders), without coding them."""
        return pipeline.ingest(paths, self.store, self.config, progress)

    def code(self, progress: bool = False) -> pipeline.CodeReport:
        """Code every pending article (the coder is built once per ``Allegiance``)."""
        if self._coder is None:
            self._coder = pipeline.make_coder(self.config)
        return pipeline.code(self.store, self.config, progress, coder=self._coder)

    def run(self, *paths: str | Path, progress: bool = False) -> pipeline.RunReport:
        """Ingest ``paths``, then code everything pending."""
        start = time.perf_counter()
        ingested = self.ingest(*paths, progress=progress)
        coded = self.code(progress=progress)
        return pipeline.RunReport(ingested, coded, time.perf_counter() - start)

    def events(self, **filters: Any) -> list[dict[str, Any]]:
        """Events matching ``filters`` (actor, dyad, type, since, until, lang, limit, ...)."""
        return self.store.events(**filters)

    def dyad(self, a: str, b: str, freq: str = "month") -> list[dict[str, Any]]:
        """Counts and net intensity per period, in both directions between ``a`` and ``b``."""
        return self.store.dyad_series(a, b, freq)

    def timeline(self, actor: str, freq: str = "month") -> list[dict[str, Any]]:
        """Events per period and type involving ``actor``, with net intensity."""
        return self.store.timeline(actor, freq)

    def stats(self) -> dict[str, Any]:
        """Article, event, actor and problem counts."""
        return self.store.stats()

    def export(self, path: str | Path, format: str = "csv", **filters: Any) -> int:
        """Write matching events to ``path`` (csv, parquet or jsonl); returns the row count."""
        return self.store.export(path, format, **filters)

    def close(self) -> None:
        """Close the database."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Allegiance:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Allegiance(db={self.config.db!r})"
