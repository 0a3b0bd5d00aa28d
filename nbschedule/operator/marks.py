"""Papermill-compatible run metadata on the notebook and its cells.

Tools that read papermill outputs find what they expect: ``metadata.papermill`` on the
notebook (parameters, times, duration, exception) and on every cell (status
pending/running/completed/failed, times, duration, exception: ``None`` while pending,
then ``False`` or ``True``) and ``tags`` on every cell. A failing cell also gets an error
output, so a timeout or a dead kernel reads like any other failure, nbschedule's own
``nbschedule-failed`` tag, and papermill's two error banner cells: one on top linking to
an anchor cell just before it, so the failure is found in any notebook viewer. Banners and
marks left in the source by an earlier run are removed before a run.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import nbformat

from .._version import __version__
from ..cron.utc import utc_now

FAILED_TAG = "nbschedule-failed"
ERROR_BANNER_TAG = "papermill-error-cell-tag"
_BANNER_STYLE = 'style="color:red; font-family:Helvetica Neue, Helvetica, Arial, sans-serif; font-size:2em;"'
_ANCHOR = "papermill-error-cell"


def _seconds(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def begin_notebook(
    nb: nbformat.NotebookNode,
    *,
    parameters: dict,
    default_parameters: dict,
    environment_variables: dict,
    input_path: str,
    output_path: str | None,
) -> None:
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
        cell.metadata.setdefault("tags", [])
        cell.metadata["papermill"] = {
            "exception": None,
            "start_time": None,
            "end_time": None,
            "duration": None,
            "status": "pending",
        }


def cell_started(cell: nbformat.NotebookNode) -> None:
    cell.metadata["papermill"].update(start_time=utc_now().isoformat(), status="running")


def cell_finished(cell: nbformat.NotebookNode, failed: bool = False) -> None:
    marks = cell.metadata["papermill"]
    marks["end_time"] = utc_now().isoformat()
    marks["start_time"] = marks["start_time"] or marks["end_time"]
    marks["duration"] = _seconds(marks["start_time"], marks["end_time"])
    marks["status"] = "failed" if failed else "completed"
    marks["exception"] = failed


def mark_failed_cell(
    cell: nbformat.NotebookNode, ename: str, evalue: str, traceback: list[str], error_output: bool = True
) -> None:
    """Mark `cell` as the run's failure, adding an error output unless the kernel sent one
    or, as papermill, `error_output` is False (a kernel error such as IPython's
    ``UsageError`` that only printed to stderr)."""
    if "papermill" in cell.metadata and cell.metadata["papermill"]["status"] != "failed":
        cell_finished(cell, failed=True)
    cell.metadata.setdefault("tags", [])
    if FAILED_TAG not in cell.metadata["tags"]:
        cell.metadata["tags"].append(FAILED_TAG)
    if error_output and cell.cell_type == "code" and not any(o.get("output_type") == "error" for o in cell.outputs):
        cell.outputs.append(nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=traceback))


def end_notebook(nb: nbformat.NotebookNode, raised: bool) -> None:
    """`raised`: a cell raised, even a ``SystemExit(0)`` that papermill counts as success."""
    marks = nb.metadata["papermill"]
    marks["end_time"] = utc_now().isoformat()
    marks["duration"] = _seconds(marks["start_time"], marks["end_time"])
    marks["exception"] = True if raised else None


def remove_stale_marks(nb: nbformat.NotebookNode) -> None:
    """Drop the banner cells and failed-cell tags an earlier run left in the notebook."""
    nb.cells = [cell for cell in nb.cells if ERROR_BANNER_TAG not in cell.metadata.get("tags", [])]
    for cell in nb.cells:
        tags = cell.metadata.get("tags")
        if tags and FAILED_TAG in tags:
            tags.remove(FAILED_TAG)


def _banner(html: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_markdown_cell(html)
    cell.metadata["tags"] = [ERROR_BANNER_TAG]
    return cell


def add_error_banners(nb: nbformat.NotebookNode, index: int) -> int:
    """Papermill's banners for the failing cell `index`; returns that cell's new index."""
    count = nb.cells[index].get("execution_count")
    nb.cells.insert(
        index,
        _banner(
            f'<span id="{_ANCHOR}" {_BANNER_STYLE}>Execution using nbschedule '
            "encountered an exception here and stopped:</span>"
        ),
    )
    nb.cells.insert(
        0,
        _banner(
            f"<span {_BANNER_STYLE}>An Exception was encountered at '<a href=\"#{_ANCHOR}\">In [{count}]</a>'.</span>"
        ),
    )
    return index + 2


def cell_timings(nb: nbformat.NotebookNode) -> list[dict[str, Any]]:
    """Per code cell: index, id, status and times, as the run record lists them."""
    return [
        {
            "index": index,
            "id": cell.get("id"),
            **{k: cell.metadata["papermill"][k] for k in ("status", "start_time", "end_time", "duration")},
        }
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and "papermill" in cell.metadata
    ]
