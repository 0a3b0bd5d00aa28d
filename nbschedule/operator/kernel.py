"""A kernel manager that starts its kernel inside the sandbox, over Unix sockets."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Any as AnyValue
from traitlets import List, Unicode

from .limits import Limits
from .sandbox import Sandbox
from .view import kernel_view

# What a kernel inherits from the operator. Everything else stays out, above all
# NBSCHEDULE_CONNECTIONS: connection URLs carry passwords, and the notebook never needs them.
_INHERITED = (
    "PATH",
    "LANG",
    "LANGUAGE",
    "TZ",
    "TERM",
    "HOME",
    "USER",
    "LOGNAME",
    "PYTHONPATH",
    "VIRTUAL_ENV",
    "CONDA_PREFIX",
    "JUPYTER_PATH",
    "SSL_CERT_FILE",
)


class SandboxedKernelManager(AsyncKernelManager):
    sandbox = AnyValue(help="The Sandbox to wrap the kernel command in")
    run_folder = Unicode(help="The one writable folder; sockets and the connection file live here")
    workspace = Unicode(help="Folder the kernel may read (its notebook's files), though never write")
    private = List(Unicode(), help="Folders in the workspace the kernel sees empty")
    limits = AnyValue(help="The run's Limits")
    cgroup = AnyValue(None, allow_none=True, help="The run's RunCgroup, joined before the sandbox starts")

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        command = super().format_kernel_cmd(extra_arguments)
        executable = command[0] if os.path.isabs(command[0]) else shutil.which(command[0])
        view = kernel_view(
            Path(self.workspace), tuple(Path(p) for p in self.private), executable, os.environ.get("PYTHONPATH", "")
        )
        prefix = self.cgroup.join_prefix() if self.cgroup else []
        return [*prefix, *self.sandbox.wrap(command, self.run_folder, view, self.limits)]


def kernel_manager(
    sandbox: Sandbox,
    run_folder: Path,
    workspace: Path,
    kernel_name: str,
    private: tuple[Path, ...],
    limits: Limits,
    cgroup=None,
) -> SandboxedKernelManager:
    """`private` folders hold what the notebook must not read directly: .nbschedule
    (connection secrets, the demo database) and the run store (other runs' outputs)."""
    return SandboxedKernelManager(
        sandbox=sandbox,
        run_folder=str(run_folder),
        workspace=str(workspace),
        private=[str(p) for p in private],
        limits=limits,
        cgroup=cgroup,
        kernel_name=kernel_name,
        transport="ipc",
        ip=str(run_folder / "kernel"),  # ipc socket paths are "<ip>-<port>"
        connection_file=str(run_folder / "kernel.json"),
    )


def kernel_environment(run_folder: Path, home: str | None) -> tuple[dict[str, str], dict[str, str]]:
    """The kernel's environment, and the part of it nbschedule set (recorded per run).

    `home` is the sandbox's own empty $HOME, when it has one.
    """
    inherited = {name: os.environ[name] for name in _INHERITED if name in os.environ}
    inherited.update({name: value for name, value in os.environ.items() if name.startswith("LC_")})
    # Caches go to the run folder: they count against its disk limit, and without a
    # sandbox $HOME may not be writable.
    own = {
        **({"HOME": home} if home else {}),
        "IPYTHONDIR": str(run_folder / "ipython"),
        "MPLCONFIGDIR": str(run_folder / "matplotlib"),
        "XDG_CACHE_HOME": str(run_folder / "cache"),
        "TMPDIR": "/tmp",
        # Otherwise debugpy prints a frozen-modules warning into every run's stderr.
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    return {**inherited, **own}, own
