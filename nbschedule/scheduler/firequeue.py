"""A min-heap of each schedule's next fire instant.

A tick pops only what is due, so its cost follows the number of due schedules, not the
number of schedules. Replacing or removing a schedule's entry leaves the old one in the
heap, marked stale by its generation and skipped when it surfaces.
"""

from __future__ import annotations

import heapq
import itertools
from datetime import datetime


class FireQueue:
    def __init__(self) -> None:
        self._heap: list[tuple[datetime, int, str]] = []
        self._current: dict[str, tuple[datetime, int]] = {}
        self._generations = itertools.count()

    def set(self, name: str, instant: datetime) -> None:
        entry = (instant, next(self._generations))
        self._current[name] = entry
        heapq.heappush(self._heap, (*entry, name))
        if len(self._heap) > 4 * len(self._current) + 64:
            self._compact()

    def remove(self, name: str) -> None:
        self._current.pop(name, None)

    def next_for(self, name: str) -> datetime | None:
        entry = self._current.get(name)
        return None if entry is None else entry[0]

    def pop_due(self, now: datetime) -> list[tuple[str, datetime]]:
        """Every (schedule, fire instant) at or before `now`, earliest first."""
        due = []
        while self._heap and self._heap[0][0] <= now:
            instant, generation, name = heapq.heappop(self._heap)
            if self._current.get(name) == (instant, generation):
                del self._current[name]
                due.append((name, instant))
        return due

    def earliest(self) -> datetime | None:
        """The earliest current entry (stale ones on top are dropped on the way)."""
        while self._heap:
            instant, generation, name = self._heap[0]
            if self._current.get(name) == (instant, generation):
                return instant
            heapq.heappop(self._heap)
        return None

    def __len__(self) -> int:
        return len(self._current)

    def _compact(self) -> None:
        self._heap = [(instant, generation, name) for name, (instant, generation) in self._current.items()]
        heapq.heapify(self._heap)
