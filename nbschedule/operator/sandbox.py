"""The sandbox a kernel runs in: no network, an allow-listed view of files, limits.

Preferred is bubblewrap: new user, network, PID, IPC and UTS namespaces, no
capabilities, and a file system built from an allow-list (see view.py): nothing of
the host is visible unless listed. The fallback is ``unshare -rn``: no network, the
limits, nothing more. Either way ``prlimit`` sets the run's rlimits, and a POSIX shell
sits between the sandbox and the kernel, so the kernel is neither PID 1 (which ignores
default signals) nor left unreaped. Under bubblewrap a second shell is the namespace's
PID 1 (``--as-pid-1``): bubblewrap's own init would exit without being waited for, and
with it the kernel's CPU time and peak memory, which reach the operator only through a
chain of parents that each waited for their child (see resources.py). The kernel's
parent is not PID 1 either, which ipykernel would take for its parent having died.

Jupyter interrupts a kernel, and starts every shutdown, with SIGINT to the kernel's
process group, whose leader is the sandbox: bubblewrap and the shells are started with
SIGINT ignored, so the signal reaches the kernel (which installs its own handler) and
not the sandbox, whose death would SIGKILL the kernel (``--die-with-parent``) before its
exit handlers ran and before its CPU time was counted.

The kernel talks to the operator over Unix sockets in the run folder (ZeroMQ ipc
transport): those cross a network namespace, TCP to the host's loopback does not.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

from .limits import MIB, Limits
from .view import ETC_ENTRIES, SANDBOX_HOME, SYSTEM_FOLDERS, View, interpreter_folders

# "$@" runs the kernel as a child; `exit $?` afterwards stops the shell from exec'ing it away.
_SHELL = ["/bin/sh", "-c", '"$@"; exit $?', "nbschedule-sandbox"]
# An ignored signal stays ignored across exec; the kernel sets its own SIGINT handler.
_IGNORE_SIGINT = ["/bin/sh", "-c", 'trap "" INT; exec "$@"', "nbschedule-sandbox"]
# The size of /tmp for callers that give no limits of their own.
_DEFAULT_TMP_BYTES = 16 * MIB


@dataclass(frozen=True)
class Sandbox:
    name: str  # "bubblewrap" | "unshare" | "none"
    executable: str | None

    @property
    def home(self) -> str | None:
        """The kernel's $HOME inside this sandbox; None where it sees the host's files."""
        return SANDBOX_HOME if self.name == "bubblewrap" else None

    def wrap(
        self, command: list[str], run_folder: str, view: View | None = None, limits: Limits | None = None
    ) -> list[str]:
        """`command` as run inside this sandbox, with `run_folder` writable.

        Without a `view` the sandbox shows only the system and this Python's folders.
        """
        limited = [*limits.prlimit(own_user_namespace=self.name != "none"), *command] if limits else command
        if self.name == "bubblewrap":
            view = view or View(interpreter=interpreter_folders())
            tmp_bytes = limits.tmp_mb * MIB if limits else _DEFAULT_TMP_BYTES
            return [
                *_IGNORE_SIGINT,
                self.executable,
                *_bubblewrap_options(run_folder, view, tmp_bytes),
                "--",
                *_SHELL,
                *_SHELL,
                *limited,
            ]
        if self.name == "unshare":
            return [*_IGNORE_SIGINT, self.executable, "--map-root-user", "--net", "--", *_SHELL, *limited]
        return limited

    def describe(self) -> dict[str, object]:
        isolation = {
            "bubblewrap": [
                "network",
                "user",
                "pid",
                "ipc",
                "uts",
                "allow-listed read-only filesystem",
                "no capabilities",
            ],
            "unshare": ["network", "user"],
            "none": [],
        }[self.name]
        return {"name": self.name, "executable": self.executable, "isolation": isolation}


UNSANDBOXED = Sandbox("none", None)


def _system_options() -> list[str]:
    options = []
    for folder in SYSTEM_FOLDERS:
        if os.path.islink(folder):  # merged /usr: /bin -> usr/bin
            options += ["--symlink", os.readlink(folder), folder]
        elif os.path.isdir(folder):
            options += ["--ro-bind", folder, folder]
    for entry in ETC_ENTRIES:
        options += ["--ro-bind-try", f"/etc/{entry}", f"/etc/{entry}"]
    return options


def _identity_files(run_folder: str) -> list[str]:
    """/etc/passwd and /etc/group naming only the sandbox's own user, whose home is
    the empty one: the host's account list stays out, and tools asking for a user work."""
    folder = os.path.join(run_folder, "sandbox-etc")
    os.makedirs(folder, exist_ok=True)
    uid, gid = os.getuid(), os.getgid()
    with open(os.path.join(folder, "passwd"), "w") as file:
        file.write(f"nbschedule:x:{uid}:{gid}:nbschedule run:{SANDBOX_HOME}:/bin/sh\n")
    with open(os.path.join(folder, "group"), "w") as file:
        file.write(f"nbschedule:x:{gid}:\n")
    return ["--ro-bind", f"{folder}/passwd", "/etc/passwd", "--ro-bind", f"{folder}/group", "/etc/group"]


def _bubblewrap_options(run_folder: str, view: View, tmp_bytes: int) -> list[str]:
    def ro(folders) -> list[str]:
        return [option for folder in folders for option in ("--ro-bind", folder, folder)]

    def emptied(folders) -> list[str]:
        return [option for folder in folders for option in ("--tmpfs", folder)]

    blanked = [option for path in view.hidden_files for option in ("--ro-bind", "/dev/null", path)]
    # A hidden folder inside an interpreter folder (Jupyter's runtime in a prefix) is hidden again after it.
    inside_interpreter = [
        h for h in view.hidden_folders if any(h.startswith(folder.rstrip("/") + "/") for folder in view.interpreter)
    ]
    return [
        "--unshare-user",
        "--unshare-net",
        "--unshare-pid",
        "--unshare-ipc",
        "--unshare-uts",
        "--cap-drop",
        "ALL",
        "--die-with-parent",
        "--as-pid-1",
        *_system_options(),
        *_identity_files(run_folder),
        "--dev",
        "/dev",
        "--size",
        str(tmp_bytes),
        "--tmpfs",
        "/dev/shm",
        "--proc",
        "/proc",
        "--size",
        str(tmp_bytes),
        "--tmpfs",
        "/tmp",
        "--dir",
        SANDBOX_HOME,
        # Bound after /tmp's tmpfs so a workspace or interpreter under /tmp shows through it.
        *(ro([view.workspace]) if view.workspace else []),
        *emptied(view.hidden_folders),
        *blanked,
        *ro(view.interpreter),
        *emptied(inside_interpreter),
        "--bind",
        run_folder,
        run_folder,
    ]


def _works(sandbox: Sandbox) -> bool:
    with tempfile.TemporaryDirectory(prefix="nbschedule-probe-") as folder:
        # With limits, so a bubblewrap too old for sized tmpfs, or a missing prlimit, fails here.
        probe_limits = Limits(memory_mb=256, processes=64, cpu_seconds=10, disk_mb=16, tmp_mb=16, output_mb=1)
        probe = sandbox.wrap(["/bin/sh", "-c", f"touch {folder}/ok"], folder, limits=probe_limits)
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
