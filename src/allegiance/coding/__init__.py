"""Event coding: trigger lexicons, actor dictionary, dates, places, and the extractor."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .coder import Coder

__all__ = ["Coder"]


def __getattr__(name: str):
    if name == "Coder":
        from .coder import Coder

        return Coder
    raise AttributeError(name)
