"""Server side of the runs panel: debug copies of a run."""

from .debug import DebugCopy, NoRecord, write_debug_copy

__all__ = ["DebugCopy", "NoRecord", "write_debug_copy"]
