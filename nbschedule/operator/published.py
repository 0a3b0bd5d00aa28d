"""Reading back what a run published (see nbschedule/publishing.py), without trusting the kernel.

The folder is the kernel's to write: it is opened without following links, only names
``<identifier>.json`` are read, each through ``read_run_file`` with the publish cap, and
only plain JSON is kept. Anything else is a warning in the record, never a crash.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..publishing import MAX_VALUE_BYTES, MAX_VALUES, NAME
from .readback import read_run_file

FOLDER = "published"


def _refuse_constant(text: str) -> Any:
    raise ValueError(f"{text} is not plain JSON")


def read_published(run_folder: Path) -> tuple[dict[str, Any], list[str]]:
    """(name → value, warnings) of the values the run published, names sorted."""
    try:
        fd = os.open(run_folder / FOLDER, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return {}, []
    except OSError as error:
        return {}, [f"The published values were not read: {FOLDER}/ is not a folder ({error.strerror})."]
    try:
        entries = sorted(os.listdir(fd))
    finally:
        os.close(fd)
    values: dict[str, Any] = {}
    warnings: list[str] = []
    for entry in entries:
        name = entry.removesuffix(".json")
        if entry.startswith(".") or not entry.endswith(".json") or not NAME.fullmatch(name):
            continue
        if len(values) == MAX_VALUES:
            warnings.append(f"Only the first {MAX_VALUES} published values were read.")
            break
        try:
            data = read_run_file(run_folder, run_folder / FOLDER / entry, MAX_VALUE_BYTES)
            values[name] = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
        except (OSError, ValueError) as error:
            warnings.append(f"The value published as '{name}' was not read: {error}")
    return values, warnings
