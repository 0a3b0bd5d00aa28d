"""Per-run resource limits: what they are, how they are enforced, how a hit is read.

Enforcement is by rlimits set inside the sandbox (``prlimit`` runs between the
sandbox's shell and the kernel), a size-capped tmpfs for ``/tmp``, a watcher on the
run folder's disk use, and a pids cgroup where one can be made (cgroup.py); the
record's ``limits.enforced_by`` says which, per limit, and docs/SANDBOX.md explains.
rlimits are per process, so ``cpu_seconds`` and ``memory_mb`` bound each process of
the run rather than their sum.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import signal
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ..spec import SCHEMA

MIB = 1024 * 1024

# What each reason means, for messages and notices.
REASONS = {
    "memory_limit": "the run used more memory than its limit (limits.memory_mb)",
    "process_limit": "the run started more processes or threads than its limit (limits.processes)",
    "cpu_limit": "a process of the run used more CPU time than its limit (limits.cpu_seconds)",
    "disk_limit": "the run wrote more to disk than its limit (limits.disk_mb or limits.tmp_mb)",
    "output_limit": "the output notebook grew past its limit (limits.output_mb)",
}

_CPU_SIGNAL = signal.SIGXCPU
_NO_FORK = re.compile(r"Resource temporarily unavailable|can't start new thread|can't create new thread")


@dataclass(frozen=True)
class Limits:
    memory_mb: int
    processes: int
    cpu_seconds: int
    disk_mb: int
    tmp_mb: int
    output_mb: int

    @classmethod
    def of(cls, spec: dict) -> Limits:
        """The spec's limits, each one it leaves out at the schema's default."""
        defaults = {name: field["default"] for name, field in SCHEMA["definitions"]["runLimits"]["properties"].items()}
        return cls(**{**defaults, **spec.get("limits", {})})

    def prlimit(self, own_user_namespace: bool) -> list[str]:
        """The command prefix that sets these limits on the kernel and all it starts.

        The process count is left out without a user namespace of our own: there the
        kernel would count every process of the host user.
        """
        memory = self.memory_mb * MIB
        # The soft CPU limit sends SIGXCPU, which kills a Python kernel; the hard one is a backstop.
        # RLIMIT_DATA counts heap and private anonymous mappings (what allocations use),
        # not shared libraries or reserved address space, so it tracks real memory use.
        options = [
            f"--data={memory}",
            f"--cpu={self.cpu_seconds}:{self.cpu_seconds + 5}",
            f"--fsize={self.disk_mb * MIB}",
            "--core=0",
        ]
        if own_user_namespace:
            options.append(f"--nproc={self.processes}")
        return [shutil.which("prlimit") or "prlimit", *options, "--"]

    def describe(self, sandbox: str, pids_cgroup: str | None) -> dict:
        """The limits and, per limit, what enforces it for this run (for the record)."""
        if pids_cgroup:
            processes = f"{pids_cgroup} pids controller"
        elif sandbox != "none" and os.geteuid() != 0:
            processes = "rlimit (RLIMIT_NPROC in the run's user namespace)"
        else:
            processes = "not enforced: no pids cgroup here, and RLIMIT_NPROC does not bind root or the host user"
        return {
            **asdict(self),
            "enforced_by": {
                "memory_mb": "rlimit (RLIMIT_DATA, per process)",
                "processes": processes,
                "cpu_seconds": "rlimit (RLIMIT_CPU, per process)",
                "disk_mb": "run folder watcher and RLIMIT_FSIZE",
                "tmp_mb": "size of the private /tmp" if sandbox == "bubblewrap" else "not enforced: no private /tmp",
                "output_mb": "operator (outputs past the limit are dropped and the kernel stopped)",
            },
        }


def reason_for_error(ename: str, evalue: str) -> str | None:
    """The limit a cell error shows was hit, or None for an ordinary error."""
    if ename in ("MemoryError", "_ArrayMemoryError"):
        return "memory_limit"
    if ename in ("BlockingIOError", "RuntimeError", "OSError") and _NO_FORK.search(evalue):
        return "process_limit"
    if re.search(rf"\[Errno ({errno.ENOSPC}|{errno.EFBIG}|{errno.EDQUOT})\]", evalue):
        return "disk_limit"
    return None


def reason_for_death(exit_code: int | None) -> str | None:
    """The limit a kernel death shows was hit (the sandbox's shell reports 128 + signal)."""
    if exit_code is not None and exit_code in (128 + _CPU_SIGNAL, -_CPU_SIGNAL):
        return "cpu_limit"
    return None


def disk_used(folder: Path) -> int:
    """Bytes allocated under `folder`, links not followed."""
    total = 0
    for root, folders, files in os.walk(folder, onerror=lambda error: None):
        for name in (*folders, *files):
            try:
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
            except OSError:
                pass  # removed while we looked
    return total


class DiskWatch:
    """Polls the run folder while the kernel runs and calls `on_exceeded` once it holds
    more than `limit` bytes. The per-file rlimit stops a single file at the limit; this
    catches many files, within one polling interval."""

    INTERVAL_SECONDS = 0.2

    def __init__(self, folder: Path, limit: int, on_exceeded: Callable[[], None]):
        self.folder, self.limit, self.on_exceeded = folder, limit, on_exceeded
        self.exceeded = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="nbschedule-disk-watch", daemon=True)

    def __enter__(self) -> DiskWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(self.INTERVAL_SECONDS):
            if disk_used(self.folder) > self.limit:
                self.exceeded = True
                self.on_exceeded()
                return
