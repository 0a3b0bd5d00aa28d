"""What a sandboxed kernel sees of the host's files: an allow-list, never the host's ``/``.

- the system's read-only runtime (``/usr`` and its merged-``/usr`` links, a few files of
  ``/etc``), and the kernel's interpreter with its packages (nbschedule's own included);
- the workspace, read-only, minus ``.nbschedule/``, the run store, every dot entry (at
  any depth: ``.git``, ``.ssh``, ``.jupyter``, ``.local``...) and every Unix socket in it;
- the run folder (writable), an empty private ``/tmp`` holding an empty ``$HOME``.

Nothing else: no host home, no Jupyter runtime folder, no ``/run``, no ``/sys``. A
read-only mount does not stop connecting to a Unix socket, so sockets found in a
readable folder are replaced by an empty file. docs/SANDBOX.md describes the result.
"""

from __future__ import annotations

import functools
import os
import site
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from jupyter_core.paths import jupyter_config_dir, jupyter_runtime_dir

# Top-level system folders bound read-only, or recreated as links (merged /usr).
SYSTEM_FOLDERS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
# What of /etc programs need to load libraries, read time zones and certificates.
ETC_ENTRIES = (
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "localtime",
    "timezone",
    "ssl",
    "ca-certificates",
    "pki",
    "alternatives",
    "nsswitch.conf",
    "hosts",
    "host.conf",
    "gai.conf",
    "protocols",
    "services",
    "mime.types",
    "fonts",
    "os-release",
    "locale.alias",
    "matplotlibrc",
)
SANDBOX_HOME = "/tmp/home"


@dataclass(frozen=True)
class View:
    workspace: str | None = None  # bound read-only, then the hidden entries hide parts of it
    hidden_folders: tuple[str, ...] = ()  # shown as empty folders
    hidden_files: tuple[str, ...] = ()  # files and sockets, shown as an empty file
    # Bound read-only last, so an interpreter inside a hidden folder (a workspace's .venv) still runs.
    interpreter: tuple[str, ...] = ()


def _is_within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _bindable(folder: str) -> bool:
    """Interpreter folders outside the system ones, never a folder holding the host home."""
    if not (os.path.isabs(folder) and os.path.isdir(folder)):
        return False
    if any(_is_within(folder, system) for system in SYSTEM_FOLDERS):
        return False
    home = os.path.expanduser("~")
    return not _is_within(home, folder)


def _prefix_of(executable: str) -> list[str]:
    """The installation an interpreter belongs to (``<prefix>/bin/python``), both as
    named and with links resolved (a venv's python links to its base installation)."""
    found = []
    for path in (executable, os.path.realpath(executable)):
        found.append(os.path.dirname(os.path.dirname(path)))
    return found


# nbschedule's own package, so a notebook can ``import nbschedule`` to publish values to
# the nodes after it; usually inside site-packages already, elsewhere for an editable install.
OWN_PACKAGE = str(Path(__file__).resolve().parents[1])


@functools.cache
def _own_interpreter() -> tuple[str, ...]:
    candidates = [
        sys.prefix,
        sys.base_prefix,
        sys.exec_prefix,
        *site.getsitepackages(),
        *_prefix_of(sys.executable),
        OWN_PACKAGE,
    ]
    return tuple(dict.fromkeys([*map(os.path.realpath, candidates), *candidates]))


def interpreter_folders(kernel_executable: str | None = None, python_path: str = "") -> tuple[str, ...]:
    """Folders the kernel's interpreter and packages live in: this Python's, the kernel
    command's own installation, and any PYTHONPATH entries."""
    candidates = list(_own_interpreter())
    if kernel_executable and os.path.isabs(kernel_executable):
        candidates += _prefix_of(kernel_executable)
    candidates += [entry for entry in python_path.split(os.pathsep) if entry]
    chosen = [folder for folder in dict.fromkeys(candidates) if _bindable(folder)]
    # A folder inside another chosen one is bound with it already.
    return tuple(sorted(f for f in chosen if not any(f != o and _is_within(f, o) for o in chosen)))


def _unreadable_inside(folder: str, skipped: set[str]) -> tuple[list[str], list[str]]:
    """Dot entries and special files (sockets, FIFOs, devices) anywhere under `folder`:
    folders to empty, files to blank. `skipped` folders are hidden already."""
    folders, files = [], []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue  # unreadable to us, so bubblewrap shows it as it is: unreadable
        for entry in entries:
            if entry.path in skipped:
                continue
            hidden_name = entry.name.startswith(".")
            if entry.is_dir(follow_symlinks=False):
                (folders.append(entry.path) if hidden_name else pending.append(entry.path))
            elif hidden_name and not entry.is_symlink():
                files.append(entry.path)
            elif not entry.is_file(follow_symlinks=False) and not entry.is_symlink():
                try:
                    mode = entry.stat(follow_symlinks=False).st_mode
                except OSError:
                    continue
                if stat.S_ISSOCK(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
                    files.append(entry.path)
    return folders, files


def kernel_view(
    workspace: Path, private: tuple[Path, ...], kernel_executable: str | None, python_path: str = ""
) -> View:
    """The view of a scheduled run: interpreter, workspace (read-only) and nothing private.

    `private` folders (``.nbschedule``, the run store) are shown empty. Links in the
    workspace are left as they are: inside the sandbox they resolve in this view, so a
    link out of the workspace leads nowhere.
    """
    root = str(workspace)
    private_folders = [str(p) for p in private if p.is_dir() and _is_within(str(p), root)]
    folders, files = _unreadable_inside(root, set(private_folders))
    interpreter = interpreter_folders(kernel_executable, python_path)
    # Jupyter's runtime (server tokens, kernel keys) and config folders, wherever they are.
    jupyter_private = [
        path
        for path in (jupyter_runtime_dir(), jupyter_config_dir())
        if os.path.isdir(path) and any(_is_within(path, folder) for folder in (root, *interpreter))
    ]
    return View(
        workspace=root,
        hidden_folders=tuple(dict.fromkeys([*private_folders, *folders, *jupyter_private])),
        hidden_files=tuple(files),
        interpreter=interpreter,
    )
