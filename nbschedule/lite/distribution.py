"""Which Python modules a lite kernel can import.

The Pyodide core (``pyodide.asm.wasm``, ``python_stdlib.zip``, ``pyodide-lock.json``…)
is copied from the ``pyodide`` npm package into ``CORE_FOLDER`` when the extension is
built, and served from there. Offline, a notebook may import what the core's
``python_stdlib.zip`` holds and the modules built into the interpreter; the lock file's
packages (pandas, and stdlib parts Pyodide ships apart, such as sqlite3) count only
when a full distribution is configured, since only it has their wheels.
"""

from __future__ import annotations

import functools
import json
import sys
import sysconfig
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

CORE_FOLDER = Path(__file__).parent / "pyodide"
KERNEL_FOLDER = Path(__file__).parent / "kernel"  # the Python module the worker loads into Pyodide
CORE_FILES = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


# Pyodide's bridges to the browser (its fetch, its pages): a scheduled run has neither.
BROWSER_MODULES = frozenset({"js", "pyodide", "_pyodide", "pyodide_js", "micropip"})


class CoreMissing(RuntimeError):
    """The extension was built without the Pyodide core."""


@dataclass(frozen=True)
class Distribution:
    """The modules a lite kernel finds, and what a missing one means."""

    stdlib: frozenset[str]
    builtin: frozenset[str]  # the interpreter's C modules (math, time, _csv…), in no file
    packages: dict[str, str]  # top-level import → lock file package
    full: bool  # a full distribution is configured: every lock file package is there
    wheels: dict[str, str] = field(default_factory=dict)  # top-level import → wheel this server serves

    def provides(self, module: str) -> bool:
        if module in BROWSER_MODULES:
            return False
        return (
            module in self.stdlib
            or module in self.builtin
            or (self.full and module in self.packages)
            or module in self.wheels
        )

    def why_missing(self, module: str) -> str:
        if module in BROWSER_MODULES:
            return f"imports {module}, which reaches into the browser; a scheduled run could not"
        if module in self.packages:
            return (
                f"imports {module}, which needs the {self.packages[module]} package of the full Pyodide "
                "distribution (not configured: c.NbScheduleLite.pyodide_url)"
            )
        return (
            f"imports {module}, which neither the Pyodide distribution nor a wheel this server serves has "
            "(c.NbScheduleLite.wheels_folder)"
        )


def _python_files_of_host_stdlib() -> set[str]:
    """Top-level stdlib modules that are files here: a stdlib name that is not one is a C module."""
    folder = Path(sysconfig.get_paths()["stdlib"])
    return {
        path.stem if path.suffix == ".py" else path.name
        for path in folder.iterdir()
        if path.suffix == ".py" or (path / "__init__.py").is_file()
    }


@functools.lru_cache(maxsize=4)
def load_distribution(folder: Path = CORE_FOLDER, full: bool = False) -> Distribution:
    """Raises CoreMissing when `folder` lacks the core's files."""
    missing = [name for name in CORE_FILES if not (folder / name).is_file()]
    if missing:
        raise CoreMissing(
            f"The Pyodide core is not installed ({', '.join(missing)} missing in {folder}); "
            "build the extension with jlpm build."
        )
    with zipfile.ZipFile(folder / "python_stdlib.zip") as archive:
        stdlib = {name.split("/")[0].removesuffix(".py") for name in archive.namelist()}
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    packages = {module: name for name, package in lock["packages"].items() for module in package.get("imports", [])}
    # Stdlib C modules are built in, except those Pyodide ships as lock file packages (_sqlite3, _ssl…).
    builtin = set(sys.stdlib_module_names) - _python_files_of_host_stdlib() - set(packages)
    return Distribution(frozenset(stdlib), frozenset(builtin), packages, full)
