"""Opening the notebook a run executes: a regular file in the workspace, nbformat 4.

The path comes from a spec; whatever it names is opened without blocking (a FIFO
would otherwise hang the run before any timeout applies) and read only when it is a
regular file whose real location lies inside the workspace.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import nbformat

MAX_NOTEBOOK_BYTES = 256 * 1024 * 1024


class InvalidNotebook(ValueError):
    """The path names something that is not a valid nbformat-4 notebook file."""


def read_notebook(workspace: Path, relative: str) -> nbformat.NotebookNode:
    """Raises FileNotFoundError/OSError where nothing can be read, InvalidNotebook otherwise."""
    path = workspace / relative
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise InvalidNotebook(f"{relative} is not a regular file")
        real = Path(os.path.realpath(path))
        if real != workspace and workspace not in real.parents:
            raise InvalidNotebook(f"{relative} leads out of the workspace (to {real})")
        if info.st_size > MAX_NOTEBOOK_BYTES:
            raise InvalidNotebook(f"{relative} is larger than {MAX_NOTEBOOK_BYTES // 2**20} MiB")
        with os.fdopen(os.dup(fd), "rb") as file:
            data = file.read(MAX_NOTEBOOK_BYTES + 1)
    finally:
        os.close(fd)
    try:
        text = data.decode("utf-8")
        content = json.loads(text)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InvalidNotebook(f"{relative} is not a JSON notebook ({error})") from None
    if not isinstance(content, dict) or content.get("nbformat") != 4:
        found = content.get("nbformat") if isinstance(content, dict) else type(content).__name__
        raise InvalidNotebook(f"{relative} is not an nbformat 4 notebook (found {found!r})")
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    # nbformat's reader trusts the structure it converts: any of these means "not a notebook".
    except (nbformat.ValidationError, ValueError, TypeError, KeyError, AttributeError) as error:
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise InvalidNotebook(f"{relative} is not a valid nbformat 4 notebook: {first_line}") from None
    return nb
