"""A kernel manager that starts its kernel inside the sandbox, over Unix sockets."""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Any as AnyValue, Unicode

from .sandbox import Sandbox
from .store import default_store

# What a kernel inherits from the operator. Everything else stays out, above all
# NBSCHEDULE_CONNECTIONS: connection URLs carry passwords, and the notebook never needs them.
_INHERITED = ("PATH", "LANG", "LANGUAGE", "TZ", "TERM", "HOME", "USER", "LOGNAME", "PYTHONPATH",
              "VIRTUAL_ENV", "CONDA_PREFIX", "JUPYTER_PATH", "SSL_CERT_FILE")


class SandboxedKernelManager(AsyncKernelManager):
    sandbox = AnyValue(help="The Sandbox to wrap the kernel command in")
    run_folder = Unicode(help="The one writable folder; sockets and the connection file live here")
    workspace = Unicode(help="Folder the kernel may read (its notebook's files), though never write")

    def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
        # The workspace's .nbschedule holds connection secrets and the demo database, and
        # the run store other runs' outputs: reading them would bypass staging and the
        # zone, so the kernel sees both empty.
        workspace = Path(self.workspace)
        private = (workspace / ".nbschedule", default_store(workspace))
        hidden = tuple(str(folder) for folder in private if folder.is_dir())
        return self.sandbox.wrap(super().format_kernel_cmd(extra_arguments), self.run_folder, (self.workspace,), hidden)


def kernel_manager(sandbox: Sandbox, run_folder: Path, workspace: Path, kernel_name: str) -> SandboxedKernelManager:
    return SandboxedKernelManager(
        sandbox=sandbox,
        run_folder=str(run_folder),
        workspace=str(workspace),
        kernel_name=kernel_name,
        transport="ipc",
        ip=str(run_folder / "kernel"),  # ipc socket paths are "<ip>-<port>"
        connection_file=str(run_folder / "kernel.json"),
    )


def kernel_environment(run_folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The kernel's environment, and the part of it nbschedule set (recorded per run)."""
    inherited = {name: os.environ[name] for name in _INHERITED if name in os.environ}
    inherited.update({name: value for name, value in os.environ.items() if name.startswith("LC_")})
    # Tools that cache under $HOME would fail on the read-only file system; point them here.
    own = {
        "IPYTHONDIR": str(run_folder / "ipython"),
        "MPLCONFIGDIR": str(run_folder / "matplotlib"),
        "XDG_CACHE_HOME": str(run_folder / "cache"),
        "TMPDIR": "/tmp",
        # Otherwise debugpy prints a frozen-modules warning into every run's stderr.
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    return {**inherited, **own}, own
