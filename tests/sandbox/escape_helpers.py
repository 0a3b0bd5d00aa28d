"""Running an adversarial notebook through the real operator and reading what it printed."""

from __future__ import annotations

import json
from pathlib import Path

from operator_helpers import LOGICAL_DATE, code, make_spec, notebook, read_output, write_notebook

from nbschedule.operator import run_notebook

# Small limits keep the suite fast; each test names the one it means to hit.
SMALL_LIMITS = {"memory_mb": 512, "processes": 64, "cpu_seconds": 20, "disk_mb": 32, "tmp_mb": 16, "output_mb": 2}


def run_cells(workspace: Path, *sources: str, limits: dict | None = None, **spec_changes):
    """Run a notebook of `sources` (str, or (str, tag)) and return (result, printed text)."""
    cells = [code(*s) if isinstance(s, tuple) else code(s) for s in sources]
    write_notebook(workspace, notebook(*cells))
    spec = make_spec(
        limits={**SMALL_LIMITS, **(limits or {})}, timeout_seconds=60, cell_timeout_seconds=40, **spec_changes
    )
    result = run_notebook(spec, workspace=workspace, logical_date=LOGICAL_DATE)
    return result, printed(result)


def printed(result) -> str:
    if result.output_uri is None:
        return ""
    # Markdown cells (papermill's error banners among them) have no outputs.
    return "".join(
        output.get("text", "")
        for cell in read_output(result).cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


def store_text(workspace: Path) -> str:
    """Everything the run store holds, as text: where a leak would land."""
    store = workspace / "nbschedule-runs"
    return "\n".join(path.read_bytes().decode("utf-8", "replace") for path in store.rglob("*") if path.is_file())


def attempts(paths: dict[str, str]) -> str:
    """A cell that tries to read or list each path and prints one line per path."""
    return f"""
import os
for label, path in {json.dumps(paths)}.items():
    try:
        if os.path.isdir(path):
            print(label, "LISTED", sorted(os.listdir(path)))
        else:
            with open(path, "rb") as file:
                print(label, "READ", file.read(200))
    except Exception as error:
        print(label, "blocked", type(error).__name__)
"""
