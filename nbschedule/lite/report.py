"""What the browser reports of a lite run, read as untrusted input.

Only outputs, execution counts and times come from the browser; the cells themselves
stay the server's. Each problem raises ReportInvalid naming the JSON field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import nbformat
from nbformat import ValidationError
from nbformat.validator import NotebookValidationError

from ..operator import marks

# What a lite run can end with; timeouts are the browser's, counted as the operator counts them.
EXIT_REASONS = ("completed", "cell_error", "cell_timeout", "run_timeout")
_TIMEOUTS = {
    "cell_timeout": ("CellTimeout", "The cell ran longer than its limit of {limit} seconds (cell_timeout_seconds)."),
    "run_timeout": ("RunTimeout", "The run reached its time limit (timeout_seconds) while this cell was running."),
}


class ReportInvalid(ValueError):
    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


def _time(value: Any, field: str) -> str:
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise ReportInvalid(field, f"{field} must be an ISO 8601 time.") from None
    if moment.tzinfo is None:
        raise ReportInvalid(field, f"{field} must name its time zone.")
    return moment.isoformat()


@dataclass
class CellReport:
    outputs: list
    execution_count: int | None
    start_time: str
    end_time: str

    @classmethod
    def read(cls, value: Any, field: str) -> CellReport:
        if not isinstance(value, dict):
            raise ReportInvalid(field, f"{field} must be an object.")
        count = value.get("execution_count")
        if count is not None and (not isinstance(count, int) or isinstance(count, bool) or count < 1):
            raise ReportInvalid(f"{field}/execution_count", "execution_count must be a positive integer or null.")
        outputs = value.get("outputs", [])
        if not isinstance(outputs, list):
            raise ReportInvalid(f"{field}/outputs", "outputs must be a list.")
        try:
            cell = nbformat.v4.new_code_cell(outputs=outputs, execution_count=count)
            nbformat.validate(nbformat.v4.new_notebook(cells=[cell]))
        except (ValidationError, NotebookValidationError) as error:
            raise ReportInvalid(f"{field}/outputs", f"An output is not valid nbformat: {error.message}") from None
        return cls(
            outputs,
            count,
            _time(value.get("start_time"), f"{field}/start_time"),
            _time(value.get("end_time"), f"{field}/end_time"),
        )

    def apply(self, cell, failed: bool) -> None:
        """Into the server's cell: outputs and count (code cells) and papermill's marks."""
        if cell.cell_type == "code":
            cell.outputs = [nbformat.from_dict(output) for output in self.outputs]
            cell.execution_count = self.execution_count
        cell.metadata["papermill"].update(start_time=self.start_time, status="running")
        marks.cell_finished(cell, failed=failed)
        cell.metadata["papermill"]["end_time"] = self.end_time
        cell.metadata["papermill"]["duration"] = (
            datetime.fromisoformat(self.end_time) - datetime.fromisoformat(self.start_time)
        ).total_seconds()


@dataclass
class LiteOutcome:
    exit_reason: str
    exited: bool  # a SystemExit(0) ended the run early: a success
    ename: str
    evalue: str

    @classmethod
    def read(cls, body: dict, cells_total: int, reached: int, cell_timeout: int) -> LiteOutcome:
        reason = body.get("exit_reason")
        if reason not in EXIT_REASONS:
            raise ReportInvalid("exit_reason", f"exit_reason must be one of {', '.join(EXIT_REASONS)}.")
        exited = body.get("exited", False)
        if not isinstance(exited, bool) or (exited and reason != "completed"):
            raise ReportInvalid("exited", "exited must be a boolean, true only with exit_reason completed.")
        if reason == "completed" and not exited and reached != cells_total:
            raise ReportInvalid("cells", f"A completed run reports all {cells_total} cells, not {reached}.")
        if reason != "completed" or exited:
            if reached < 1 or reached > cells_total:
                raise ReportInvalid("cells", "A run that stopped reports the cells up to the one it stopped at.")
        ename, evalue = _TIMEOUTS.get(reason, ("", ""))
        return cls(reason, exited, ename, evalue.format(limit=cell_timeout))
