"""Command-line interface: ``allegiance COMMAND``. Thin shell over the library.

Exit codes: 0 success (and ``--help``), 1 an error (one line; ``--verbose`` for the traceback),
2 a usage error, 130 interrupted (re-run to resume), or the code a command exits with.
"""

from __future__ import annotations

import importlib
import sys

import typer
import typer.core

from ..errors import AllegianceError
from . import analysis, core, evaluate, evaluate_typer, web  # noqa: F401  (each registers its commands)
from .app import app, err_console, state

# Typer >= 0.16 vendors click as ``typer._click``; older versions use click itself.
_click = getattr(typer.core, "_click", None) or importlib.import_module("click")
_ClickException = _click.exceptions.ClickException
_Abort = typer.Abort


def _show_usage_error(exc: BaseException) -> None:
    """Print a click usage error the way Typer does in standalone mode."""
    try:
        from typer.rich_utils import rich_format_error

        rich_format_error(exc)  # prints nothing for "no arguments" (help was already shown)
    except ImportError:  # typer without rich support
        exc.show()  # type: ignore[attr-defined]


def _interrupted() -> None:
    err_console.print("interrupted; re-run the same command to resume")
    sys.exit(130)


def main() -> None:
    """Entry point of the ``allegiance`` script; always leaves with a meaningful exit code."""
    try:
        # With standalone_mode=False, click returns (rather than raises) the code of
        # ``typer.Exit``/``ctx.exit`` and of Ctrl-C (130); errors are raised to us.
        rv = app(standalone_mode=False)
    except AllegianceError as exc:
        if state.verbose:
            err_console.print_exception()
        err_console.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(1)
    except KeyboardInterrupt:
        _interrupted()
    except SystemExit:
        raise
    except _Abort:
        err_console.print("aborted")
        sys.exit(1)
    except _ClickException as exc:  # usage errors: bad option, unknown command, no arguments
        _show_usage_error(exc)
        sys.exit(exc.exit_code)
    except Exception as exc:  # the unexpected
        if state.verbose:
            err_console.print_exception()
        err_console.print(
            f"[bold red]error:[/] {type(exc).__name__}: {exc} (use --verbose for details)",
            highlight=False,
        )
        sys.exit(1)
    code = rv if type(rv) is int else 0  # a command's other return values mean success
    if code == 130:
        _interrupted()
    if code:
        sys.exit(code)
