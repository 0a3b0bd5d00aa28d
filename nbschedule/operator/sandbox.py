"""The sandbox a kernel runs in: no network, and (with bubblewrap) a read-only system.

Preferred is bubblewrap: new user, network, PID, IPC and UTS namespaces, no
capabilities, the whole file system read-only except the run folder, a private /tmp,
and an empty /run (host daemons' Unix sockets live there; a read-only mount does not
stop connecting to a socket). The fallback is ``unshare -rn``: no network, nothing
more. A POSIX shell sits between the sandbox and the kernel, so the kernel is neither
PID 1 (which ignores default signals) nor left unreaped.

The kernel talks to the operator over Unix sockets in the run folder (ZeroMQ ipc
transport): those cross a network namespace, TCP to the host's loopback does not.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass

# Mount points the sandbox replaces with empty ones.
_REPLACED = ("/tmp", "/run", "/dev/shm")

# "$@" runs the kernel as a child; `exit $?` afterwards stops the shell from exec'ing it away.
_SHELL = ["/bin/sh", "-c", '"$@"; exit $?', "nbschedule-sandbox"]


@dataclass(frozen=True)
class Sandbox:
    name: str  # "bubblewrap" | "unshare" | "none"
    executable: str | None

    def wrap(self, command: list[str], run_folder: str, readable: tuple[str, ...] = (),
             hidden: tuple[str, ...] = ()) -> list[str]:
        """`command` as run inside this sandbox, with `run_folder` writable.

        `readable` folders (the workspace) stay visible even where they lie under a
        path the sandbox replaces, such as /tmp; `hidden` folders show up empty.
        """
        if self.name == "bubblewrap":
            return [self.executable, *_bubblewrap_options(run_folder, readable, hidden), "--", *_SHELL, *command]
        if self.name == "unshare":
            return [self.executable, "--map-root-user", "--net", "--", *_SHELL, *command]
        return command

    def describe(self) -> dict[str, object]:
        isolation = {
            "bubblewrap": ["network", "user", "pid", "ipc", "uts", "read-only filesystem", "no capabilities"],
            "unshare": ["network", "user"],
            "none": [],
        }[self.name]
        return {"name": self.name, "executable": self.executable, "isolation": isolation}


UNSANDBOXED = Sandbox("none", None)


@functools.cache
def _interpreter_folders() -> tuple[str, ...]:
    """This Python's own folders that a replaced mount point would hide.

    A virtual environment or checkout under /tmp (as CI clones often are) must stay
    visible, or the kernel cannot even start.
    """
    candidates = {sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path}
    return tuple(sorted(
        folder for folder in candidates
        if os.path.isabs(folder) and os.path.isdir(folder)
        and any(folder == root or folder.startswith(root + "/") for root in _REPLACED)
    ))


def _bubblewrap_options(run_folder: str, readable: tuple[str, ...], hidden: tuple[str, ...]) -> list[str]:
    shown = [option for folder in (*_interpreter_folders(), *readable) for option in ("--ro-bind", folder, folder)]
    emptied = [option for folder in hidden for option in ("--tmpfs", folder)]
    return [
        "--unshare-user", "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
        "--cap-drop", "ALL", "--die-with-parent",
        "--ro-bind", "/", "/",
        "--dev", "/dev", "--tmpfs", "/dev/shm",
        "--proc", "/proc",
        "--tmpfs", "/tmp", "--tmpfs", "/run",
        # Bound after the tmpfs mounts so folders under /tmp or /run show through them.
        *shown,
        *emptied,
        "--bind", run_folder, run_folder,
    ]


def _works(sandbox: Sandbox) -> bool:
    with tempfile.TemporaryDirectory(prefix="nbschedule-probe-") as folder:
        probe = sandbox.wrap(["/bin/sh", "-c", f"touch {folder}/ok"], folder)
        try:
            completed = subprocess.run(probe, capture_output=True, timeout=20)
        except (OSError, subprocess.TimeoutExpired):
            return False
        return completed.returncode == 0 and os.path.exists(f"{folder}/ok")


@functools.cache
def find_sandbox() -> Sandbox | None:
    """The strongest sandbox that actually starts on this machine, or None (probed once)."""
    candidates = [("bubblewrap", shutil.which("bwrap")), ("unshare", shutil.which("unshare"))]
    for name, executable in candidates:
        if executable and _works(Sandbox(name, executable)):
            return Sandbox(name, executable)
    return None
