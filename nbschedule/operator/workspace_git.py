"""Keeping what nbschedule writes into the workspace out of the user's git repository.

The run store and ``.nbschedule`` (state database, demo warehouse, connection secrets)
each get a ``.gitignore`` of their own that ignores the whole folder, so nothing in the
user's own ``.gitignore`` changes. Debug copies sit beside their notebook (their kernel
must see the notebook's files), so they are excluded in the repository's local
``info/exclude`` instead, which is never committed.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .store import RUNS_FOLDER

OWN_FOLDERS = (RUNS_FOLDER, ".nbschedule")
DEBUG_COPY_PATTERN = "*.debug-*.ipynb"
_IGNORE_ALL = "# Written by nbschedule: this folder is not part of the repository.\n*\n"


def ignore_own_folders(root: str | Path) -> None:
    """Create the folders nbschedule writes in `root`, each ignoring itself."""
    for name in OWN_FOLDERS:
        folder = Path(root) / name
        folder.mkdir(exist_ok=True)
        marker = folder / ".gitignore"
        if not marker.exists():
            marker.write_text(_IGNORE_ALL, encoding="utf-8")


def exclude_debug_copies(root: str | Path) -> None:
    """Add the debug-copy pattern to the local exclude file of the repository at `root`, if any."""
    done = subprocess.run(
        ["git", "rev-parse", "--git-path", "info/exclude"], cwd=root, capture_output=True, encoding="utf-8"
    )
    if done.returncode != 0:
        return
    exclude = Path(root) / done.stdout.strip()
    lines = exclude.read_text(encoding="utf-8").splitlines() if exclude.exists() else []
    if DEBUG_COPY_PATTERN in lines:
        return
    exclude.parent.mkdir(parents=True, exist_ok=True)
    with exclude.open("a", encoding="utf-8") as file:
        if lines and lines[-1] != "":
            file.write("\n")
        file.write(f"# nbschedule debug copies\n{DEBUG_COPY_PATTERN}\n")
