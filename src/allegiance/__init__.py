"""Allegiance: evidence-backed political event data from news."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Allegiance", "__version__"]

if TYPE_CHECKING:
    from .api import Allegiance


def __getattr__(name: str) -> Any:
    """Import the notebook API lazily, so ``import allegiance`` stays cheap."""
    if name == "Allegiance":
        from .api import Allegiance

        return Allegiance
    raise AttributeError(f"module 'allegiance' has no attribute {name!r}")
