"""Process identity that survives pid reuse: a pid plus its kernel start time."""

from __future__ import annotations

import os
import signal
import socket

HOST = socket.gethostname()


def _stat_fields(pid: int) -> list[str] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as file:
            text = file.read()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return None
    # The command name (field 2) may hold spaces and parentheses; fields resume after the last ')'.
    return text[text.rindex(")") + 2 :].split()


def birth_token(pid: int) -> str | None:
    """The process's start time in clock ticks since boot, as text; None if there is no such process."""
    fields = _stat_fields(pid)
    return None if fields is None else fields[19]


def is_alive(pid: int | None, birth: str | None) -> bool:
    """True when `pid` runs and is the same process that had `birth` (zombies count as dead)."""
    if not pid:
        return False
    fields = _stat_fields(pid)
    if fields is None or fields[0] in ("Z", "X"):
        return False
    return birth is None or fields[19] == birth


def kill_group(pid: int, sig: int = signal.SIGKILL) -> None:
    """Signal the worker's process group (a worker leads its own session, so pgid == pid)."""
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass
