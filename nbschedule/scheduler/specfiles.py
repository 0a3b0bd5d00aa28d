"""The active schedules: the merged spec files in ``<root_dir>/schedules/*.json``.

Changes are noticed cheaply: the folder's own mtime (a file added, removed or renamed
into place) every call, and every file's (mtime, size) only every ``rescan_seconds``.
A file that cannot be read, parsed or validated (schema, cron, time zone, parameter
names, a notebook inside the root, a first fire time) is reported as an error for that
file; it never affects the other schedules, and fixing or deleting it is picked up by
the next scan.
"""

from __future__ import annotations

import json
import os
import time
from datetime import datetime, timezone
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..cron import parameter_name_problems
from ..operator.run import prepared_spec
from ..spec import SpecInvalid
from ..spec.paths import PathRefused, inside_root
from ..cron.calendar import FireCalendar


@dataclass(frozen=True)
class SpecFile:
    path: str
    stamp: tuple[int, int]
    spec: dict[str, Any] | None
    error: str | None


@dataclass
class SpecChanges:
    """Schedules to (re)load by name, and names no longer defined by any file."""

    loaded: dict[str, dict[str, Any]] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)


MAX_SPEC_BYTES = 4 * 1024 * 1024


def _read(path: Path, root: Path) -> tuple[dict[str, Any] | None, str | None]:
    try:
        if path.stat().st_size > MAX_SPEC_BYTES:
            return None, f"{path.name} is larger than {MAX_SPEC_BYTES} bytes."
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        return None, f"{path.name} cannot be read: {error.strerror}."
    except (ValueError, RecursionError) as error:  # JSON, UTF-8, nesting
        return None, f"{path.name} is not valid JSON: {str(error)[:200] or type(error).__name__}."
    if not isinstance(document, dict):
        return None, f"{path.name} must hold a JSON object."
    try:
        spec = prepared_spec(document)
    except SpecInvalid as invalid:
        return None, f"{path.name} is not a valid schedule spec: {invalid}."
    problems = [f"{pointer}: {message}" for pointer, message in parameter_name_problems(spec)]
    try:
        inside_root(root, spec["notebook"])
    except PathRefused as refused:
        problems.append(f"/notebook: {refused}")
    if problems:
        return None, f"{path.name} is not a valid schedule spec: {'; '.join(problems)}"
    try:
        FireCalendar(spec).after(datetime.now(timezone.utc))
    except (ValueError, OverflowError) as error:
        return None, f"{path.name} has no fire time to schedule: {error}"
    return spec, None


class SpecFolder:
    def __init__(self, folder: str | Path, rescan_seconds: float = 5.0):
        self.folder = Path(folder)
        self.rescan_seconds = rescan_seconds
        self.files: dict[str, SpecFile] = {}
        self.by_name: dict[str, str] = {}  # schedule name -> path of the file defining it
        self.errors: dict[str, str] = {}  # file name -> why it is not loaded
        self._folder_stamp: int | None = None
        self._last_scan = float("-inf")

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

    def _stamps(self) -> dict[str, tuple[int, int]]:
        stamps = {}
        try:
            entries = list(os.scandir(self.folder))
        except (FileNotFoundError, NotADirectoryError):
            return {}
        for entry in entries:
            if entry.name.endswith(".json") and not entry.name.startswith("."):
                try:
                    stat = entry.stat()
                except FileNotFoundError:
                    continue
                stamps[entry.path] = (stat.st_mtime_ns, stat.st_size)
        return stamps

    def _rescan(self) -> SpecChanges | None:
        stamps = self._stamps()
        changed = {path for path, stamp in stamps.items()
                   if path not in self.files or self.files[path].stamp != stamp}
        gone = set(self.files) - set(stamps)
        if not changed and not gone:
            return None
        before = {name: self.files[path].spec for name, path in self.by_name.items()}
        for path in gone:
            del self.files[path]
        for path in changed:
            spec, error = _read(Path(path), self.folder.parent)
            self.files[path] = SpecFile(path, stamps[path], spec, error)
        self._index()
        changes = SpecChanges()
        for name, path in self.by_name.items():
            spec = self.files[path].spec
            if before.get(name) != spec:
                changes.loaded[name] = spec
        changes.removed = set(before) - set(self.by_name)
        return changes

    def _index(self) -> None:
        """Name -> file; two files naming the same schedule: the first by file name wins."""
        self.by_name, self.errors = {}, {}
        for path in sorted(self.files):
            entry = self.files[path]
            file_name = Path(path).name
            if entry.error:
                self.errors[file_name] = entry.error
            elif entry.spec["name"] in self.by_name:
                other = Path(self.by_name[entry.spec["name"]]).name
                self.errors[file_name] = f"{file_name} names schedule '{entry.spec['name']}', already defined by {other}."
            else:
                self.by_name[entry.spec["name"]] = path

    def refuse(self, name: str, message: str) -> None:
        """Take schedule `name` out of service with `message` as its file's error, until the file changes."""
        path = self.by_name.get(name)
        if path is not None:
            entry = self.files[path]
            self.files[path] = SpecFile(path, entry.stamp, None, f"{Path(path).name}: {message}")
            self._index()

    def spec(self, name: str) -> dict[str, Any] | None:
        path = self.by_name.get(name)
        return None if path is None else self.files[path].spec
