"""The active schedules: the merged spec files in ``<root_dir>/schedules/*.json``.

Each file is parsed and checked once, then again only when it changes. Changes are
noticed cheaply: the folder's own mtime (a file added, removed or renamed into place)
every call, and every file's identity (inode, size, mtime, ctime) only every
``rescan_seconds``; a file whose identity changed is read, and parsed only if its bytes
differ. File times are coarse (a few ms on Linux, 2 s on some filesystems), so two
writes of the same size can leave the same identity: a file changed less than
``SETTLING_SECONDS`` before a scan is read again on the next scans until it is older
(git's "racy" index entries, solved the same way).

A file that cannot be read, parsed or validated (schema, cron, time zone, parameter
names, a notebook inside the root, a link leading out of the root) is reported as an
error for that file; it never affects the other schedules, and fixing or deleting it is
picked up by the next scan.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cron import parameter_name_problems
from ..operator.run import prepared_spec
from ..spec import SpecInvalid
from ..spec.paths import PathRefused, inside_root

SETTLING_SECONDS = 3.0
Stamp = tuple[int, int, int, int]  # inode, size, mtime_ns, ctime_ns


@dataclass(frozen=True)
class SpecFile:
    path: str
    stamp: Stamp
    digest: bytes | None  # of the bytes last read; None when they could not be read
    spec: dict[str, Any] | None
    error: str | None


@dataclass
class SpecChanges:
    """Schedules to (re)load by name, and names no longer defined by any file."""

    loaded: dict[str, dict[str, Any]] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)


MAX_SPEC_BYTES = 4 * 1024 * 1024


def _read_bytes(path: Path, root: Path, is_link: bool) -> tuple[bytes | None, str | None]:
    if is_link:
        try:
            inside_root(root, path.relative_to(root).as_posix())
        except (PathRefused, ValueError) as refused:
            return None, f"{path.name} is a link that may not be followed: {refused}"
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_SPEC_BYTES + 1)
    except OSError as error:
        return None, f"{path.name} cannot be read: {error.strerror}."
    if len(data) > MAX_SPEC_BYTES:
        return None, f"{path.name} is larger than {MAX_SPEC_BYTES} bytes."
    return data, None


def _parse(name: str, data: bytes, root: Path) -> tuple[dict[str, Any] | None, str | None]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError) as error:  # JSON, UTF-8, nesting
        return None, f"{name} is not valid JSON: {str(error)[:200] or type(error).__name__}."
    if not isinstance(document, dict):
        return None, f"{name} must hold a JSON object."
    try:
        spec = prepared_spec(document)
    except SpecInvalid as invalid:
        return None, f"{name} is not a valid schedule spec: {invalid}."
    problems = [f"{pointer}: {message}" for pointer, message in parameter_name_problems(spec)]
    try:
        inside_root(root, spec["notebook"])
    except PathRefused as refused:
        problems.append(f"/notebook: {refused}")
    if problems:
        return None, f"{name} is not a valid schedule spec: {'; '.join(problems)}"
    return spec, None  # its first fire time is computed (or refused) by the timer


class SpecFolder:
    # Granularity of the file times this folder's filesystem keeps (1 ns: exact).
    time_resolution_ns = 1

    def __init__(self, folder: str | Path, rescan_seconds: float = 5.0):
        self.folder = Path(folder)
        self.rescan_seconds = rescan_seconds
        self.files: dict[str, SpecFile] = {}
        self.by_name: dict[str, str] = {}  # schedule name -> path of the file defining it
        self.errors: dict[str, str] = {}  # file name -> why it is not loaded
        self._folder_stamp: int | None = None
        self._last_scan = float("-inf")
        self._unsettled: set[str] = set()  # files changed too recently for their identity to be trusted

    def poll(self) -> SpecChanges | None:
        """What changed since the last call, or None when nothing did."""
        try:
            folder_stamp = self.folder.stat().st_mtime_ns
        except FileNotFoundError:
            folder_stamp = None
        due = time.monotonic() - self._last_scan >= self.rescan_seconds
        if folder_stamp == self._folder_stamp and not due:
            return None
        self._folder_stamp, self._last_scan = folder_stamp, time.monotonic()
        return self._rescan()

    def _stamps(self) -> dict[str, tuple[Stamp, bool]]:
        """Each spec file's identity (of what a link points to), and whether it is a link."""
        stamps = {}
        try:
            entries = list(os.scandir(self.folder))
        except (FileNotFoundError, NotADirectoryError):
            return {}
        folder_is_link = self.folder.is_symlink()  # then every file is checked to stay inside the root
        for entry in entries:
            if entry.name.endswith(".json") and not entry.name.startswith("."):
                try:
                    stat = entry.stat()
                    is_link = folder_is_link or entry.is_symlink()
                except OSError:  # gone meanwhile, or a dangling link: read it to report why
                    stamps[entry.path] = ((0, 0, 0, 0), True)
                    continue
                grain = self.time_resolution_ns
                stamps[entry.path] = (
                    (
                        stat.st_ino,
                        stat.st_size,
                        stat.st_mtime_ns - stat.st_mtime_ns % grain,
                        stat.st_ctime_ns - stat.st_ctime_ns % grain,
                    ),
                    is_link,
                )
        return stamps

    def _rescan(self) -> SpecChanges | None:
        started_ns = time.time_ns()
        stamps = self._stamps()
        settled_before = started_ns - int(SETTLING_SECONDS * 1e9)
        reparsed, gone = set(), set(self.files) - set(stamps)
        for path in gone:
            del self.files[path]
        for path, (stamp, is_link) in stamps.items():
            entry = self.files.get(path)
            if entry is not None and entry.stamp == stamp and path not in self._unsettled:
                continue
            data, error = _read_bytes(Path(path), self.folder.parent, is_link)
            digest = None if data is None else hashlib.blake2b(data, digest_size=16).digest()
            if stamp[2] >= settled_before or stamp[3] >= settled_before:
                self._unsettled.add(path)  # read again next scan: a same-size write in the same tick leaves no trace
            else:
                self._unsettled.discard(path)
            if entry is not None and digest is not None and digest == entry.digest:
                self.files[path] = SpecFile(path, stamp, digest, entry.spec, entry.error)  # touched, not changed
                continue
            spec, error = (None, error) if data is None else _parse(Path(path).name, data, self.folder.parent)
            self.files[path] = SpecFile(path, stamp, digest, spec, error)
            reparsed.add(path)
        self._unsettled &= set(stamps)
        if not reparsed and not gone:
            return None
        before = self.by_name
        self._index()
        changes = SpecChanges()
        for name, path in self.by_name.items():
            if before.get(name) != path or path in reparsed:
                changes.loaded[name] = self.files[path].spec
        changes.removed = set(before) - set(self.by_name)
        return changes

    def _index(self) -> None:
        """Name -> file; two files naming the same schedule: the first by file name wins.
        Both maps are built aside and swapped in whole: listings read them from other threads."""
        by_name: dict[str, str] = {}
        errors: dict[str, str] = {}
        for path in sorted(self.files):
            entry = self.files[path]
            file_name = Path(path).name
            if entry.error:
                errors[file_name] = entry.error
            elif entry.spec["name"] in by_name:
                other = Path(by_name[entry.spec["name"]]).name
                errors[file_name] = f"{file_name} names schedule '{entry.spec['name']}', already defined by {other}."
            else:
                by_name[entry.spec["name"]] = path
        self.by_name, self.errors = by_name, errors

    def refuse(self, name: str, message: str) -> None:
        """Take schedule `name` out of service with `message` as its file's error, until the file changes."""
        path = self.by_name.get(name)
        if path is not None:
            entry = self.files[path]
            self.files[path] = SpecFile(path, entry.stamp, entry.digest, None, f"{Path(path).name}: {message}")
            self._index()

    def spec(self, name: str) -> dict[str, Any] | None:
        path = self.by_name.get(name)
        return None if path is None else self.files[path].spec
