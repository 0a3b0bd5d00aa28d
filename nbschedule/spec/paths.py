"""Paths a request or a spec names (notebooks, review files, debug copies): relative,
inside the server root, and never into a ``.git`` folder, whatever its case."""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

MAX_PATH_LENGTH = 1024


class PathRefused(ValueError):
    """A path that may not be used; str() is the user-facing reason."""


def relative_path_problem(path: object) -> str | None:
    """Why `path` is not a clean relative POSIX path (no '..', no '.git', no NUL), or None."""
    if not isinstance(path, str) or not path:
        return "A path must be a non-empty string."
    shown = repr(path[:80])
    if len(path) > MAX_PATH_LENGTH:
        return f"The path {shown}... is longer than {MAX_PATH_LENGTH} characters."
    if "\x00" in path or any(ord(c) < 32 for c in path):
        return f"The path {shown} holds a control character."
    if path.startswith("/") or "\\" in path or (len(path) > 1 and path[1] == ":"):
        return f"The path {shown} must be relative to the Jupyter root folder (no leading '/', no '\\')."
    parts = path.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return f"The path {shown} must not contain '..', '.' or empty parts."
    if any(part.lower() == ".git" for part in parts):
        return f"The path {shown} points into a .git folder."
    return None


def inside_root(root: str | os.PathLike, path: object) -> Path:
    """`root`/`path` with symbolic links resolved; raises PathRefused unless it stays inside `root`."""
    problem = relative_path_problem(path)
    if problem:
        raise PathRefused(problem)
    base = Path(root).resolve()
    target = (base / PurePosixPath(str(path))).resolve()
    if not target.is_relative_to(base):
        raise PathRefused(f"The path {str(path)[:80]!r} leads outside the Jupyter root folder.")
    if any(part.lower() == ".git" for part in target.relative_to(base).parts):
        raise PathRefused(f"The path {str(path)[:80]!r} points into a .git folder.")
    return target
