"""Finding the shared public evaluation data (never copied into the repository)."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "ALLEGIANCE_EVAL_DIR"
GSR_FILE = Path("plover-gsr") / "PLOVER_GSR_CAMEO.txt"


def find_eval_dir(start: Path | None = None) -> Path | None:
    """The ``shared/eval`` folder: ``$ALLEGIANCE_EVAL_DIR``, else the first ``shared/eval``
    found walking up from ``start`` (default: the current directory) or from this package."""
    if env := os.environ.get(ENV_VAR):
        path = Path(env).expanduser()
        return path if path.is_dir() else None
    bases = [start or Path.cwd(), Path(__file__).resolve()]
    for base in bases:
        for folder in [base.resolve(), *base.resolve().parents]:
            candidate = folder / "shared" / "eval"
            if candidate.is_dir():
                return candidate
    return None


def plover_gsr_file(start: Path | None = None) -> Path | None:
    """The PLOVER gold-standard records file, if the shared data is present."""
    root = find_eval_dir(start)
    if root is None:
        return None
    path = root / GSR_FILE
    return path if path.is_file() else None
