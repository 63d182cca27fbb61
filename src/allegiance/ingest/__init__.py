"""Ingest: read news files (text, HTML, feeds, JSONL, CSV), identify language, deduplicate, store.

Entry points: ``read_path`` (files -> ``RawArticle``/``Problem``) and ``ingest_paths`` (files ->
store, returning an ``IngestReport``). Heavy modules (lingua, trafilatura) load on first use.
"""

from __future__ import annotations

from .pipeline import ArticleStore, ingest_paths
from .readers import read_path
from .report import IngestReport

__all__ = ["ArticleStore", "IngestReport", "ingest_paths", "read_path"]
