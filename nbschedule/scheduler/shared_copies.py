"""Local copies of what Airflow workers left in a shared run store (an S3 bucket, say),
so the runs panel can open an Airflow run's output and replay its staged inputs.

Copies live in the server root, in the embedded run store's layout, under a folder no
schedule can be named after (schedule names have no '-'):

    <root>/nbschedule-runs/airflow-runs/<schedule>/<run id>/attempt-<n>/output.ipynb
                                                                      /inputs/<file>

The same guarantees as embedded runs hold: every copy is inside the server root, no
component of its path is a symbolic link (a link planted there is never followed), files
above a size cap are not copied, and a copy is read-only (the store is the original).
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path, PurePosixPath
from typing import Any

import fsspec

from ..operator.store import default_store
from ..spec.paths import PathRefused, inside_root

MIRROR_FOLDER = "airflow-runs"
MAX_OUTPUT_BYTES = 64 * 1024 * 1024
MAX_INPUT_BYTES = 256 * 1024 * 1024
# <schedule>/<run id>/attempt-<n>/<file or inputs/file>, at the end of a store URI.
_ATTEMPT_TAIL = re.compile(
    r"/([a-z][a-z0-9_]{0,62})/([A-Za-z0-9][A-Za-z0-9._:+-]{0,199})/(attempt-[1-9][0-9]{0,5})/"
    r"(output\.ipynb|inputs/[A-Za-z0-9][A-Za-z0-9._-]{0,199})$"
)


class CopyRefused(OSError):
    """A file of the shared store that is not copied: too big, or a path that is refused."""


def is_local(uri: str) -> bool:
    return "://" not in uri or uri.startswith("file://")


def mirror_path(root: Path, uri: str) -> Path | None:
    """Where the copy of the store file `uri` lives in `root` (None for a URI not in a run
    store's layout); raises PathRefused when that place is not a plain folder in the root."""
    match = _ATTEMPT_TAIL.search(uri)
    if match is None or ".." in match.group(2):
        return None
    mirror = default_store(Path(root)).relative_to(Path(root)) / MIRROR_FOLDER
    relative = PurePosixPath(mirror.as_posix(), *match.groups())
    target = inside_root(root, relative.as_posix())
    # inside_root resolves links that stay in the root; a copy must not go through any.
    if target != Path(root).resolve() / relative:
        raise PathRefused(f"The copy {relative} would go through a symbolic link.")
    return target


def local_copy(uri: str | None, root: Path) -> str | None:
    """A local path for the store file `uri`: itself when local, else its copy, if made."""
    if not uri or is_local(uri):
        return uri
    try:
        target = mirror_path(root, uri)
    except PathRefused:
        return None
    return str(target) if target is not None and target.is_file() else None


def copy_from_store(uri: str, root: Path, cap: int) -> Path:
    """Copy the store file `uri` into the root (once); returns the copy. Raises CopyRefused,
    or OSError/FileNotFoundError from the store."""
    try:
        target = mirror_path(root, uri)
    except PathRefused as refused:
        raise CopyRefused(str(refused)) from None
    if target is None:
        raise CopyRefused(f"{uri} is not a file of a run store's attempt folder.")
    if target.is_file() and not target.is_symlink():
        return target
    fs, path = fsspec.core.url_to_fs(uri)
    size = fs.size(path)
    if size is None or size > cap:
        raise CopyRefused(f"{uri} is {size} bytes; copies are made of files up to {cap} bytes.")
    with fs.open(path, "rb") as source:
        data = source.read(cap + 1)
    if len(data) > cap:
        raise CopyRefused(f"{uri} grew past {cap} bytes while it was copied.")
    target.parent.mkdir(parents=True, exist_ok=True)
    if mirror_path(root, uri) != target:  # a link made meanwhile
        raise CopyRefused(f"The copy of {uri} would go through a symbolic link.")
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o444)
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.replace(partial, target)  # replaces a link planted at target, never follows it
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def with_local_inputs(root: Path, record: dict[str, Any], store: str) -> tuple[dict[str, Any], list[str]]:
    """The record with each staged input the attempt kept in the shared `store` copied into
    the root (its ``kept`` pointing at the copy); and a warning per input not copied."""
    staged_inputs, warnings = [], []
    for staged in record.get("staged_inputs") or []:
        kept = staged.get("kept")
        if kept and not is_local(kept):
            try:
                if not store or not kept.startswith(store.rstrip("/") + "/"):
                    raise CopyRefused("it is not in the shared run store")
                staged = {**staged, "kept": str(copy_from_store(kept, root, MAX_INPUT_BYTES))}
            except OSError as error:
                warnings.append(f"The staged input {kept} was not copied from the run store: {error}")
                staged = {key: value for key, value in staged.items() if key != "kept"}
        staged_inputs.append(staged)
    return {**record, "staged_inputs": staged_inputs}, warnings
