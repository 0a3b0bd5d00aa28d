"""Server side of the runs panel: debug copies of a run, and searching run history."""

from .debug import DebugCopy, NoRecord, write_debug_copy
from .search import search_runs

__all__ = ["DebugCopy", "NoRecord", "search_runs", "write_debug_copy"]
