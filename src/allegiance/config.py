"""Configuration: one dataclass, read from a TOML file and ``ALLEGIANCE_*`` environment variables.

Lookup order (later wins): defaults, ``./allegiance.toml`` (or the file given with ``--config``),
environment (``ALLEGIANCE_DB``). Example file::

    db = "data/sahel.duckdb"          # or "postgresql://user@host/dbname"
    actor_files = ["my_actors.yaml"]  # extra actors/persons, same format as the packaged YAML
    lexicon_files = ["my_triggers.yaml"]
    batch_size = 64
    languages = ["en", "fr"]
    type_model = "typer.joblib"       # optional, see docs/typer.md
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from .errors import ConfigError

DEFAULT_DB = "allegiance.duckdb"
DEFAULT_CONFIG_FILE = "allegiance.toml"


@dataclass
class Config:
    db: str = DEFAULT_DB
    actor_files: list[str] = field(default_factory=list)
    lexicon_files: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=lambda: ["en", "fr"])
    batch_size: int = 64
    #: Jaccard similarity (MinHash estimate) above which an article is a near-copy.
    near_duplicate_threshold: float = 0.8
    #: Reference powers for the alignment index.
    reference_powers: list[str] = field(
        default_factory=lambda: ["FRA", "RUS", "USA", "CHN", "ECOWAS"]
    )
    #: Token that allows write routes of the web API; None keeps the API read-only.
    api_token: str | None = None
    #: A sentence type model trained with ``allegiance evaluate train-typer`` (docs/typer.md);
    #: None (the default) codes with the rules alone.
    type_model: str | None = None
    #: Least probability at which the type model adds an event where the rules found none
    #: (0.25: the lowest that cost nothing on either cross-validated gold set, docs/typer.md).
    type_model_threshold: float = 0.25

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: object) -> Config:
        cfg = cls()
        file = Path(path) if path else Path(DEFAULT_CONFIG_FILE)
        if path and not file.exists():
            raise ConfigError(f"config file not found: {file}")
        if file.exists():
            try:
                data = tomllib.loads(file.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{file}: invalid TOML ({exc})") from exc
            known = {f.name for f in fields(cls)}
            unknown = set(data) - known
            if unknown:
                raise ConfigError(f"{file}: unknown setting(s): {', '.join(sorted(unknown))}")
            base = file.parent
            for key, value in data.items():
                if key in ("actor_files", "lexicon_files"):
                    value = [str((base / v).resolve()) for v in value]
                elif key == "type_model" and value is not None:
                    value = str((base / value).resolve())
                setattr(cfg, key, value)
        if env_db := os.environ.get("ALLEGIANCE_DB"):
            cfg.db = env_db
        for key, value in overrides.items():
            if value is not None:
                setattr(cfg, key, value)
        return cfg
