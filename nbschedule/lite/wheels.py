"""Pure-Python wheels the server serves to lite kernels (``NbScheduleLite.wheels_folder``).

A lite kernel must never fetch from the internet, so a package that is neither in the
Pyodide core nor in a configured full distribution can still be lite when the
administrator drops its pure-Python wheel (``py3-none-any``) into this folder. The
server lists the folder's wheels with the modules each one provides; the check counts
those modules as available, and the worker installs a wheel from this server when a
cell imports one of its modules.
"""

from __future__ import annotations

import functools
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

# {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl, as PEP 427 spells the file name.
WHEEL_NAME = re.compile(
    r"^(?P<name>[A-Za-z0-9_.]+)-(?P<version>[A-Za-z0-9_.!+]+)(-\d[A-Za-z0-9_]*)?"
    r"-(?P<python>[A-Za-z0-9_.]+)-(?P<abi>[A-Za-z0-9_.]+)-(?P<platform>[A-Za-z0-9_.]+)\.whl$"
)


class WheelRefused(ValueError):
    """A requested file name is not a served wheel's."""


@dataclass(frozen=True)
class Wheel:
    file: str
    name: str
    version: str
    imports: tuple[str, ...]  # top-level modules

    def to_json(self) -> dict:
        return {"file": self.file, "name": self.name, "version": self.version, "imports": list(self.imports)}


def _pure(match: re.Match) -> bool:
    pythons = match["python"].split(".")
    return match["abi"] == "none" and match["platform"] == "any" and any(p.startswith("py3") for p in pythons)


def _top_level(archive: zipfile.ZipFile) -> tuple[str, ...]:
    """The wheel's importable top-level names: its packages and single-file modules."""
    names = set()
    for entry in archive.namelist():
        first, _, rest = entry.partition("/")
        if first.endswith((".dist-info", ".data")):
            continue
        if rest == "__init__.py" or (not rest and first.endswith(".py")):
            names.add(first.removesuffix(".py"))
    return tuple(sorted(names))


@functools.lru_cache(maxsize=8)
def _read(path: Path, _mtime: float) -> Wheel | None:
    match = WHEEL_NAME.match(path.name)
    if match is None or not _pure(match):
        return None  # a wheel with compiled code cannot run in Pyodide
    try:
        with zipfile.ZipFile(path) as archive:
            imports = _top_level(archive)
    except (OSError, zipfile.BadZipFile):
        return None
    return Wheel(path.name, match["name"], match["version"], imports)


def served_wheels(folder: str) -> list[Wheel]:
    """The pure-Python wheels directly in `folder` ("" means none are served), by file name."""
    if not folder:
        return []
    try:
        paths = sorted(Path(folder).glob("*.whl"))
    except OSError:
        return []
    wheels = []
    for path in paths:
        if path.is_file() and not path.is_symlink():
            wheel = _read(path, path.stat().st_mtime)
            if wheel is not None:
                wheels.append(wheel)
    return wheels


def wheel_path(folder: str, file: str) -> Path:
    """The served wheel named `file`; raises WheelRefused for anything that is not one of
    the listed wheels (other names, paths, compiled wheels)."""
    if not WHEEL_NAME.match(file):
        raise WheelRefused(f"{file[:80]!r} is not a wheel file name (name-version-python-abi-platform.whl).")
    for wheel in served_wheels(folder):
        if wheel.file == file:
            return Path(folder) / wheel.file
    raise FileNotFoundError(file)


def wheel_imports(folder: str) -> dict[str, str]:
    """Top-level module → the served wheel providing it."""
    return {module: wheel.file for wheel in served_wheels(folder) for module in wheel.imports}
