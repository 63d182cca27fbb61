"""The Typer application and its global options. Command modules register on ``app``.

Global options (before the command): ``--db``, ``--config``, ``--verbose``. Commands read the
resolved configuration with ``get_config()``. Errors derived from ``AllegianceError`` are printed
as one line (exit code 1); ``--verbose`` shows the traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from ..config import Config

app = typer.Typer(
    name="allegiance",
    help="Evidence-backed political event data from news: who is moving toward whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True)


@dataclass
class _State:
    config_path: Path | None = None
    db: str | None = None
    verbose: bool = False


state = _State()


@app.callback()
def _global(
    db: Annotated[str | None, typer.Option(
        "--db", help="Database: a DuckDB file path or a postgresql:// URL.")] = None,
    config: Annotated[Path | None, typer.Option(
        "--config", help="TOML configuration file.")] = None,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Show full error details.")] = False,
) -> None:
    state.db = db
    state.config_path = config
    state.verbose = verbose


def get_config() -> Config:
    """The configuration for this invocation (file, environment, then command-line ``--db``)."""
    return Config.load(state.config_path, db=state.db)
