"""Papermill-compatible run metadata on the notebook and its cells.

Tools that read papermill outputs find what they expect: ``metadata.papermill`` on the
notebook (parameters, times, duration, exception) and on every cell (status
pending/running/completed/failed, times, duration, exception). A failing cell also gets
an error output, so a timeout or a dead kernel reads like any other failure.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import nbformat

from .. import __version__


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _seconds(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def begin_notebook(nb: nbformat.NotebookNode, *, parameters: dict, default_parameters: dict,
                   environment_variables: dict, input_path: str, output_path: str | None) -> None:
    nb.metadata["papermill"] = {
        "default_parameters": default_parameters,
        "parameters": parameters,
        "environment_variables": environment_variables,
        "version": f"nbschedule-{__version__}",
        "input_path": input_path,
        "output_path": output_path,
        "start_time": utc_now().isoformat(),
        "end_time": None,
        "duration": None,
        "exception": None,
    }
    for cell in nb.cells:
        cell.metadata["papermill"] = {"exception": None, "start_time": None, "end_time": None,
                                      "duration": None, "status": "pending"}


def cell_started(cell: nbformat.NotebookNode) -> None:
    cell.metadata["papermill"].update(start_time=utc_now().isoformat(), status="running")


def cell_finished(cell: nbformat.NotebookNode, failed: bool = False) -> None:
    marks = cell.metadata["papermill"]
    marks["end_time"] = utc_now().isoformat()
    marks["start_time"] = marks["start_time"] or marks["end_time"]
    marks["duration"] = _seconds(marks["start_time"], marks["end_time"])
    marks["status"] = "failed" if failed else "completed"
    marks["exception"] = True if failed else None


def mark_failed_cell(cell: nbformat.NotebookNode, ename: str, evalue: str, traceback: list[str]) -> None:
    """Mark `cell` as the run's failure, adding an error output unless the kernel sent one."""
    if "papermill" in cell.metadata and cell.metadata["papermill"]["status"] != "failed":
        cell_finished(cell, failed=True)
    cell.metadata.setdefault("tags", [])
    if "nbschedule-failed" not in cell.metadata["tags"]:
        cell.metadata["tags"].append("nbschedule-failed")
    if cell.cell_type == "code" and not any(o.get("output_type") == "error" for o in cell.outputs):
        cell.outputs.append(nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=traceback))


def end_notebook(nb: nbformat.NotebookNode, failed: bool) -> None:
    marks = nb.metadata["papermill"]
    marks["end_time"] = utc_now().isoformat()
    marks["duration"] = _seconds(marks["start_time"], marks["end_time"])
    marks["exception"] = True if failed else None


def cell_timings(nb: nbformat.NotebookNode) -> list[dict[str, Any]]:
    """Per code cell: index, id, status and times, as the run record lists them."""
    return [
        {"index": index, "id": cell.get("id"), **{k: cell.metadata["papermill"][k] for k in ("status", "start_time", "end_time", "duration")}}
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and "papermill" in cell.metadata
    ]
