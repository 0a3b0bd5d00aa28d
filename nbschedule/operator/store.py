"""The run store: one folder per attempt, on a local path or any fsspec URL.

An attempt's folder is claimed before anything runs and refused if it already holds
files, so a recorded run is never overwritten. ``output.ipynb`` may be saved several
times while its run is under way; ``record.json`` is written last, once, and marks the
attempt as finished.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import fsspec
import nbformat

# Visible, unlike .nbschedule: people open output notebooks in JupyterLab, whose
# contents API refuses hidden folders.
RUNS_FOLDER = "nbschedule-runs"

_RUN_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:+-]{0,199}$")


def default_store(workspace: Path) -> Path:
    """Where runs are recorded when no store is configured."""
    return workspace / RUNS_FOLDER


class RunAlreadyRecorded(FileExistsError):
    """The attempt's folder already holds files: a run's record is immutable."""


def check_run_id(run_id: str) -> str:
    if not _RUN_ID.match(run_id) or ".." in run_id:
        raise ValueError(
            f"Run id {run_id!r} must be letters, digits and . _ : + - (at most 200), starting with a letter or digit"
        )
    return run_id


class AttemptFolder:
    def __init__(self, store: str, schedule: str, run_id: str, attempt: int):
        self.fs, root = fsspec.core.url_to_fs(store)
        self.store_root = root
        self.path = f"{root.rstrip('/')}/{schedule}/{check_run_id(run_id)}/attempt-{attempt}"

    def uri(self, name: str) -> str:
        """Where file `name` is: a plain path on a local store, else a URL."""
        path = f"{self.path}/{name}"
        return path if "file" in self.fs.protocol else self.fs.unstrip_protocol(path)

    def claim(self) -> None:
        if self.fs.exists(self.path) and self.fs.ls(self.path):
            raise RunAlreadyRecorded(f"{self.uri('')} already holds a recorded run; a retry needs a new attempt number")
        self.fs.makedirs(self.path, exist_ok=True)

    def _write(self, name: str, text: str) -> None:
        with self.fs.open(f"{self.path}/{name}", "w", encoding="utf-8") as file:
            file.write(text)

    def save_notebook(self, nb: nbformat.NotebookNode) -> None:
        self._write("output.ipynb", nbformat.writes(nb))

    def write_record(self, record: dict[str, Any]) -> None:
        if self.fs.exists(f"{self.path}/record.json"):
            raise RunAlreadyRecorded(f"{self.uri('record.json')} exists")
        self._write("record.json", json.dumps(record, indent=2, default=str) + "\n")

    def keep_bytes(self, data: bytes, name: str) -> str:
        """Store `data` in the attempt folder as `name`; returns its uri."""
        parent = f"{self.path}/{name}".rsplit("/", 1)[0]
        self.fs.makedirs(parent, exist_ok=True)
        self.fs.pipe_file(f"{self.path}/{name}", data)
        return self.uri(name)

    def append_line(self, name: str, line: str) -> None:
        path = f"{self.path}/{name}"
        try:
            with self.fs.open(path, "a", encoding="utf-8") as file:
                file.write(line + "\n")
        except (NotImplementedError, ValueError):
            # Object stores cannot append; rewrite the (short) file whole instead.
            previous = self.fs.cat_file(path).decode("utf-8") if self.fs.exists(path) else ""
            self._write(name, previous + line + "\n")
