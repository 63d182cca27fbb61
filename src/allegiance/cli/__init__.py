"""Command-line interface: ``allegiance COMMAND``. Thin shell over the library."""

from __future__ import annotations

import sys

from ..errors import AllegianceError
from . import analysis, core, evaluate, web  # noqa: F401  (each registers its commands)
from .app import app, err_console, state


def main() -> None:
    try:
        app(standalone_mode=False)
    except AllegianceError as exc:
        if state.verbose:
            err_console.print_exception()
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        err_console.print("interrupted; re-run the same command to resume")
        sys.exit(130)
    except SystemExit:
        raise
    except Exception as exc:  # click usage errors and the unexpected
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            sys.exit(1)
        if state.verbose:
            err_console.print_exception()
        err_console.print(f"[bold red]error:[/] {type(exc).__name__}: {exc} (use --verbose for details)",
                          highlight=False)
        sys.exit(1)
