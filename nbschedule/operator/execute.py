"""Executing the prepared notebook with nbclient, one cell at a time, under two clocks.

Each cell gets the smaller of the per-cell timeout and what is left of the whole-run
budget, so a timeout tells which limit was hit. Unlike papermill, the notebook is not
rewritten after every cell (quadratic in notebook size): ``save`` is called on a time
throttle while running and the caller saves once at the end.

As in papermill, ``SystemExit`` with no code or code 0 (``sys.exit()``, ``sys.exit(0)``)
ends the run early as a success: that cell is marked as raised, the rest stay pending.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
from typing import Any, Callable

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from .kernel import SandboxedKernelManager
from .marks import cell_finished, cell_started, mark_failed_cell

SAVE_INTERVAL_SECONDS = 10.0
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def plain_text(lines: list[str]) -> str:
    return _ANSI.sub("", "\n".join(lines))


@dataclass
class Execution:
    exit_reason: str = "completed"  # completed | cell_error | cell_timeout | run_timeout | kernel_died
    error: dict[str, Any] | None = None  # ename, evalue, traceback (plain text)
    failing_index: int | None = None
    exited_at: int | None = None  # the cell whose SystemExit(0) ended a completed run early


def _clean_exit(error: CellExecutionError) -> bool:
    return error.ename == "SystemExit" and error.evalue in ("", "0")


def _fail(outcome: Execution, nb, index: int | None, reason: str, ename: str, evalue: str, traceback: list[str]) -> None:
    outcome.exit_reason, outcome.failing_index = reason, index
    if index is not None:
        mark_failed_cell(nb.cells[index], ename, evalue, traceback, error_output=reason != "cell_error")
        # The kernel's own error output (a cell error) carries the real traceback.
        for output in nb.cells[index].outputs:
            if output.get("output_type") == "error":
                ename, evalue, traceback = output["ename"], output["evalue"], output["traceback"]
    outcome.error = {"ename": ename, "evalue": evalue, "traceback": plain_text(traceback)}


def _exit_status(km: SandboxedKernelManager) -> str:
    process = getattr(km.provisioner, "process", None)
    code = process.poll() if process is not None else None
    if code is None:
        return "its exit status is unknown"
    if code < 0:  # unsandboxed: the kernel is our direct child
        return f"killed by signal {-code}"
    # The shell in the sandbox reports a signal death as 128 + signal number.
    return f"killed by signal {code - 128}" if code > 128 else f"exit status {code}"


async def execute(nb: nbformat.NotebookNode, km: SandboxedKernelManager, *, cwd: str, env: dict[str, str],
                  cell_timeout: int, deadline: float, save: Callable[[], None],
                  on_cell_done: Callable[[int, int], None] | None = None) -> Execution:
    """Run every cell of `nb` in place; `deadline` is a time.monotonic() value.

    `on_cell_done(done, total)` reports progress: once with 0 when the kernel is up,
    then after each cell that ran to its end.
    """
    outcome = Execution()
    client = NotebookClient(nb, km=km, record_timing=True, allow_errors=False,
                            startup_timeout=max(1, min(60, math.ceil(deadline - time.monotonic()))))
    try:
        await client.async_start_new_kernel(cwd=cwd, env=env)
        await client.async_start_new_kernel_client()
    except Exception as error:  # any start failure (sandbox, timeout, missing kernel) ends the run alike
        await _shutdown(client, km)
        _fail(outcome, nb, None, "kernel_died", type(error).__name__, f"The kernel did not start: {error}", [])
        return outcome
    last_save = time.monotonic()
    if on_cell_done is not None:
        on_cell_done(0, len(nb.cells))
    try:
        for index, cell in enumerate(nb.cells):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                _fail(outcome, nb, index, "run_timeout", "RunTimeout",
                      "The run reached its time limit (timeout_seconds) before this cell started.", [])
                break
            # nbclient takes whole seconds; the smaller budget decides which limit a timeout means.
            run_limited = remaining < cell_timeout
            client.timeout = max(1, math.ceil(remaining)) if run_limited else cell_timeout
            cell_started(cell)
            try:
                await client.async_execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            except CellTimeoutError:
                if run_limited:
                    _fail(outcome, nb, index, "run_timeout", "RunTimeout",
                          "The run reached its time limit (timeout_seconds) while this cell was running.", [])
                else:
                    _fail(outcome, nb, index, "cell_timeout", "CellTimeout",
                          f"The cell ran longer than its limit of {cell_timeout} seconds (cell_timeout_seconds).", [])
                break
            except DeadKernelError:
                _fail(outcome, nb, index, "kernel_died", "DeadKernelError",
                      f"The kernel died while running this cell ({_exit_status(km)}).", [])
                break
            except CellExecutionError as error:
                if _clean_exit(error):
                    cell_finished(cell, failed=True)
                    outcome.exited_at = index
                    break
                _fail(outcome, nb, index, "cell_error", error.ename, error.evalue, [error.traceback])
                break
            cell_finished(cell)
            if on_cell_done is not None:
                on_cell_done(index + 1, len(nb.cells))
            if time.monotonic() - last_save >= SAVE_INTERVAL_SECONDS:
                save()
                last_save = time.monotonic()
    finally:
        await _shutdown(client, km, now=outcome.exit_reason != "completed")
    return outcome


async def _shutdown(client: NotebookClient, km: SandboxedKernelManager, now: bool = True) -> None:
    # A kernel stuck in a timed-out cell would not answer a polite shutdown; kill it then.
    try:
        if km.has_kernel and await km.is_alive():
            await km.shutdown_kernel(now=now)
    finally:
        await km.cleanup_resources()
        if client.kc is not None:
            client.kc.stop_channels()
