"""A small thread-safe LRU cache for analysis results.

The app opens its DuckDB file read-only and DuckDB refuses a concurrent writer, so the data
cannot change while the app runs: a result computed once stays exact. Keys include the
database's ``generation`` anyway, so a future write path only has to call ``WebDatabase.bump``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any


class ResultCache:
    """Least-recently-used cache of at most ``size`` results (``size`` 0 disables it)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._data: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value for ``key``, computing (outside the lock) and storing it if absent."""
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                self.hits += 1
                return self._data[key]
            self.misses += 1
        value = compute()
        if self.size > 0:
            with self._lock:
                self._data[key] = value
                self._data.move_to_end(key)
                while len(self._data) > self.size:
                    self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        """Forget every cached result."""
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
