"""A lite run's server half: everything of ``run_notebook`` but executing the cells.

The server prepares the output notebook exactly as for a scheduled run (zone check,
staging of the ``%%sql`` queries, rewrite, injected parameters, papermill metadata:
the operator's own ``Attempt`` does it), hands the browser the cells and the staged
results as CSV, never a connection string, and keeps the notebook. The browser runs
the cells in Pyodide and reports each one's outputs; ``finish`` puts them into the
kept notebook and marks the failure with the operator's own functions, so banners,
tags, the record and the run store read as for a server test run.
"""

from __future__ import annotations

import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..operator import marks
from ..operator.execute import Execution, plain_text
from ..operator.messages import failure_message
from ..operator.record import new_run_id
from ..operator.run import Attempt
from ..operator.sandbox import UNSANDBOXED
from ..operator.staging import remove_staging
from ..operator.store import AttemptFolder, default_store
from ..warehouse.frames import pandas_module
from ..zones import check_zone, load_catalogue
from .report import CellReport, LiteOutcome, ReportInvalid

LITE_STAGING = "/nbschedule-staging"  # in the browser's in-memory file system
_SQL_MARKER = "\n# nbschedule: "
BROWSER = {
    "name": "pyodide",
    "executable": None,
    "isolation": ["web worker of the user's browser", "no server kernel", "no file system of the server"],
}


class TooLarge(Exception):
    """The staged inputs are over ``NbScheduleLite.max_staged_bytes``: not lite."""


def _read_staged(path: Path) -> str:
    """A staged query result as the CSV the browser reads (index first, as the server writes CSV)."""
    pandas = pandas_module()
    frame = pandas.read_parquet(path) if path.suffix == ".parquet" else pandas.read_csv(path, index_col=0)
    return frame.to_csv()


class LiteAttempt(Attempt):
    """One lite run; `prepare` leaves it waiting for the browser's `finish`."""

    def __init__(self, spec: dict, workspace: Path, max_staged_bytes: int):
        catalogue = load_catalogue(workspace)
        logical_date = datetime.now(timezone.utc)
        run_id = new_run_id("test", logical_date)
        folder = AttemptFolder(str(default_store(workspace)), spec["name"], run_id, 1)
        super().__init__(
            spec,
            workspace,
            folder,
            catalogue,
            None,
            run_id=run_id,
            attempt=1,
            trigger="test",
            logical_date=logical_date,
        )
        self.logical_date, self.max_staged_bytes = logical_date, max_staged_bytes
        self.nb = None
        self.staged: dict[str, str] = {}
        self.finished = False
        self.record["lite"] = True
        self.record["sandbox"] = BROWSER
        self.record["warnings"].append(
            "A lite run: the notebook ran in Pyodide in the browser, not in the server's sandbox."
        )

    def prepare(self) -> None:
        """Up to the first cell; afterwards either `nb` is set (run it) or the record is written
        (refused or failed before any cell). Raises TooLarge."""
        self.folder.claim()
        violations = check_zone(self.spec, self.catalogue)
        if violations:
            self.record["zone_violations"] = [v.to_json() for v in violations]
            self.finished = True
            return self.refuse("zone_violation", " ".join(v.message for v in violations))
        self.run_folder = Path(tempfile.mkdtemp(prefix="nbschedule-lite-"))
        (self.run_folder / "staging").mkdir()
        try:
            # The operator's own preparation; it calls run_prepared below instead of a kernel.
            self.prepare_and_run(self.run_folder, UNSANDBOXED, self.logical_date, None)
        finally:
            remove_staging(self.run_folder)
        if self.nb is None:
            self.finished = True

    def run_prepared(self, nb, plan, run_folder: Path, sandbox, env, values, source: Path) -> None:
        if not self.stage_prepared(nb, plan, values):
            return
        for cell in plan.inputs:
            name = f"input-{cell.index}-{cell.magic.frame}.csv"
            self.staged[name] = _read_staged(cell.path)
            target = nb.cells[self.cells.output_index(nb, cell.index)]
            kept, _, _ = target.source.rpartition(_SQL_MARKER)
            target.source = (
                f"{kept}{_SQL_MARKER}the query ran on the server before the notebook (a lite run); "
                f"its result is read from what the server staged.\nfrom nbschedule_lite import read_staged\n"
                f"{cell.magic.frame} = read_staged({f'{LITE_STAGING}/{name}'!r})\n{cell.magic.frame}"
            )
        size = sum(len(text.encode()) for text in self.staged.values())
        if size > self.max_staged_bytes:
            raise TooLarge(
                f"Its staged inputs are {size} bytes, over the lite limit of {self.max_staged_bytes} "
                "(c.NbScheduleLite.max_staged_bytes)."
            )
        self.nb = nb

    def for_browser(self) -> dict[str, Any]:
        """What the browser runs: the cells, the staged CSVs by file name, and the limits."""
        return {
            "notebook": self.nb,
            "staged": self.staged,
            "staging_folder": LITE_STAGING,
            "cell_timeout_seconds": self.spec["cell_timeout_seconds"],
            "timeout_seconds": self.spec["timeout_seconds"],
        }

    def finish(self, reports: list[CellReport], outcome: LiteOutcome) -> None:
        """The browser's run put into the output notebook, marked, saved and recorded."""
        nb = self.nb
        last = len(reports) - 1
        stopped = outcome.exited or outcome.exit_reason != "completed"
        kernel_error = (
            next((o for o in reports[last].outputs if o.get("output_type") == "error"), None) if reports else None
        )
        if outcome.exit_reason == "cell_error" and kernel_error is None:
            raise ReportInvalid(
                "cells", "The last cell of a run that ended with cell_error must hold its error output."
            )
        self.finished = True
        for index, report in enumerate(reports):
            report.apply(nb.cells[index], failed=stopped and index == last)
        if outcome.exit_reason == "completed":
            ran = "ran to the end"
            if outcome.exited:
                ran = f"ended early with SystemExit(0) at output notebook cell {last}, a success as in papermill"
            return self.end(
                nb, "completed", f"The notebook {ran} in the browser (a lite run).", None, None, raised=outcome.exited
            )
        cell = nb.cells[last]
        marks.mark_failed_cell(cell, outcome.ename, outcome.evalue, [], error_output=kernel_error is None)
        error = kernel_error or cell.outputs[-1]
        execution = Execution(
            exit_reason=outcome.exit_reason,
            failing_index=last,
            error={
                "ename": error["ename"],
                "evalue": error["evalue"],
                "traceback": plain_text(error.get("traceback", [])),
            },
        )
        failing = self.failing_cell(nb, last)
        self.end(nb, outcome.exit_reason, failure_message(execution, failing), execution.error, failing)

    def cancel(self) -> None:
        """Forget an unfinished lite run: no half-written attempt stays in the store."""
        self.finished = True
        run_folder = self.folder.path.rsplit("/", 1)[0]  # this run's own: its id is new
        self.folder.fs.rm(run_folder, recursive=True)
