"""Executing the prepared notebook with nbclient, one cell at a time, under two clocks.

Each cell gets the smaller of the per-cell timeout and what is left of the whole-run
budget, so a timeout tells which limit was hit. Unlike papermill, the notebook is not
rewritten after every cell (quadratic in notebook size): ``save`` is called on a time
throttle while running and the caller saves once at the end.

The run's limits are read here too: outputs past ``output_mb`` are dropped and the
kernel killed, a run folder past ``disk_mb`` kills the kernel, and an error or death
that shows a limit was hit (MemoryError, no more processes, a full disk, SIGXCPU)
ends the run with that limit as its reason.

As in papermill, ``SystemExit`` with no code or code 0 (``sys.exit()``, ``sys.exit(0)``)
ends the run early as a success: that cell is marked as raised, the rest stay pending.
"""

from __future__ import annotations

import json
import math
import os
import re
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from .kernel import SandboxedKernelManager
from .limits import MIB, DiskWatch, Limits, reason_for_death, reason_for_error
from .marks import cell_finished, cell_started, mark_failed_cell

SAVE_INTERVAL_SECONDS = 10.0
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def plain_text(lines: list[str]) -> str:
    return _ANSI.sub("", "\n".join(lines))


_OUTPUT_MESSAGES = ("stream", "display_data", "execute_result", "error", "update_display_data")


class _CappedClient(NotebookClient):
    """Counts the output the kernel sends; past the cap, drops it and calls `over_cap` once.

    Counted as sent, not as kept, so a loop rewriting one display cannot run forever.
    """

    def cap(self, max_bytes: int, over_cap: Callable[[], None]) -> None:
        self.max_output_bytes, self.over_cap, self.output_bytes, self.capped = max_bytes, over_cap, 0, False

    def process_message(self, msg, cell, cell_index):
        if msg["msg_type"] in _OUTPUT_MESSAGES:
            self.output_bytes += len(json.dumps(msg["content"]))
            if self.output_bytes > self.max_output_bytes:
                if not self.capped:
                    self.capped = True
                    self.over_cap()
                return None
        return super().process_message(msg, cell, cell_index)


def _kill(km: SandboxedKernelManager) -> None:
    """Kill the kernel's whole sandbox at once (it leads its own process group); thread-safe."""
    process = getattr(km.provisioner, "process", None)
    if process is not None and process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass  # ended meanwhile


@dataclass
class Execution:
    # completed | cell_error | cell_timeout | run_timeout | kernel_died | <limit>_limit
    exit_reason: str = "completed"
    error: dict[str, Any] | None = None  # ename, evalue, traceback (plain text)
    failing_index: int | None = None
    exited_at: int | None = None  # the cell whose SystemExit(0) ended a completed run early


def _clean_exit(error: CellExecutionError) -> bool:
    return error.ename == "SystemExit" and error.evalue in ("", "0")


def _fail(
    outcome: Execution, nb, index: int | None, reason: str, ename: str, evalue: str, traceback: list[str]
) -> None:
    outcome.exit_reason, outcome.failing_index = reason, index
    if index is not None:
        mark_failed_cell(nb.cells[index], ename, evalue, traceback, error_output=reason != "cell_error")
        # The kernel's own error output (a cell error) carries the real traceback.
        for output in nb.cells[index].outputs:
            if output.get("output_type") == "error":
                ename, evalue, traceback = output["ename"], output["evalue"], output["traceback"]
    outcome.error = {"ename": ename, "evalue": evalue, "traceback": plain_text(traceback)}


def _exit_code(km: SandboxedKernelManager) -> int | None:
    process = getattr(km.provisioner, "process", None)
    return process.poll() if process is not None else None


def _exit_status(km: SandboxedKernelManager) -> str:
    code = _exit_code(km)
    if code is None:
        return "its exit status is unknown"
    if code < 0:  # unsandboxed: the kernel is our direct child
        return f"killed by signal {-code}"
    # The shell in the sandbox reports a signal death as 128 + signal number.
    return f"killed by signal {code - 128}" if code > 128 else f"exit status {code}"


async def execute(
    nb: nbformat.NotebookNode,
    km: SandboxedKernelManager,
    *,
    cwd: str,
    env: dict[str, str],
    cell_timeout: int,
    deadline: float,
    save: Callable[[], None],
    limits: Limits,
    run_folder: str,
    on_cell_done: Callable[[int, int], None] | None = None,
) -> Execution:
    """Run every cell of `nb` in place; `deadline` is a time.monotonic() value.

    `on_cell_done(done, total)` reports progress: once with 0 when the kernel is up,
    then after each cell that ran to its end.
    """
    client = _CappedClient(
        nb,
        km=km,
        record_timing=True,
        allow_errors=False,
        startup_timeout=max(1, min(60, math.ceil(deadline - time.monotonic()))),
    )
    client.cap(limits.output_mb * MIB, lambda: _kill(km))
    with DiskWatch(run_folder, limits.disk_mb * MIB, lambda: _kill(km)) as disk:
        outcome = await _execute_cells(nb, km, client, cwd, env, cell_timeout, deadline, save, on_cell_done)
    if outcome.exit_reason in ("cell_error", "kernel_died"):
        limit = (
            "output_limit"
            if client.capped
            else "disk_limit"
            if disk.exceeded
            else "process_limit"
            if km.cgroup is not None and km.cgroup.limit_hit()
            else reason_for_error(outcome.error["ename"], outcome.error["evalue"])
            if outcome.exit_reason == "cell_error"
            else reason_for_death(_exit_code(km))
        )
        if limit:
            outcome.exit_reason = limit
    return outcome


async def _execute_cells(
    nb, km, client: _CappedClient, cwd, env, cell_timeout, deadline, save, on_cell_done
) -> Execution:
    outcome = Execution()
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
                _fail(
                    outcome,
                    nb,
                    index,
                    "run_timeout",
                    "RunTimeout",
                    "The run reached its time limit (timeout_seconds) before this cell started.",
                    [],
                )
                break
            # nbclient takes whole seconds; the smaller budget decides which limit a timeout means.
            run_limited = remaining < cell_timeout
            client.timeout = max(1, math.ceil(remaining)) if run_limited else cell_timeout
            cell_started(cell)
            try:
                await client.async_execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            except CellTimeoutError:
                if run_limited:
                    _fail(
                        outcome,
                        nb,
                        index,
                        "run_timeout",
                        "RunTimeout",
                        "The run reached its time limit (timeout_seconds) while this cell was running.",
                        [],
                    )
                else:
                    _fail(
                        outcome,
                        nb,
                        index,
                        "cell_timeout",
                        "CellTimeout",
                        f"The cell ran longer than its limit of {cell_timeout} seconds (cell_timeout_seconds).",
                        [],
                    )
                break
            except DeadKernelError:
                _fail(
                    outcome,
                    nb,
                    index,
                    "kernel_died",
                    "DeadKernelError",
                    f"The kernel died while running this cell ({_exit_status(km)}).",
                    [],
                )
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
        # An idle kernel is asked to shut down (shutdown_request) and waited for, so its exit
        # handlers run; one stuck in a timed-out cell would not answer, and a dead one cannot.
        await _shutdown(client, km, now=outcome.exit_reason not in ("completed", "cell_error"))
    return outcome


async def _shutdown(client: NotebookClient, km: SandboxedKernelManager, now: bool = True) -> None:
    try:
        if km.has_kernel and await km.is_alive():
            await km.shutdown_kernel(now=now)
    finally:
        await km.cleanup_resources()
        if client.kc is not None:
            client.kc.stop_channels()
