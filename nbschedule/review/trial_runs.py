"""Trial runs (the wizard's "test run"; `/test-runs` in the API): a schedule's notebook run
once, exactly as the scheduler would run it.

Each trial run is ``run_notebook`` in its own worker process (spawned, not forked: the
server's event loop and threads must not be copied), so a long notebook never blocks
the server. The worker reports over a pipe: ``running``, then per-cell progress, then
the run's result. A listener thread reads the pipe and hands every message to the
server's event loop, which alone changes a trial run's state.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import psutil
from tornado.ioloop import IOLoop

from ..cron import parameter_name_problems, timing_problems
from ..operator import default_store, new_run_id, run_notebook
from ..spec import SpecError, validate_spec
from ..spec.paths import PathRefused, inside_root

FINISHED = ("success", "failed", "refused")
KEEP_FINISHED = 50  # finished test runs remembered for the UI; older ones are forgotten


class TrialRunConflict(Exception):
    """A test run of the same schedule is already under way."""


def spec_problems(spec: Any, root: Path) -> list[SpecError]:
    """Why `spec` cannot be test-run from `root`: schema, cron, parameter names, time zone,
    notebook path."""
    problems = validate_spec(spec)
    if problems:
        return problems
    problems += [SpecError(path, message) for path, message in timing_problems(spec) + parameter_name_problems(spec)]
    try:
        inside_root(root, spec["notebook"])
    except PathRefused as refused:
        problems.append(SpecError("/notebook", str(refused)))
    return problems


def _work(pipe: Connection, spec: dict, workspace: str, run_id: str, allow_unsandboxed: bool) -> None:
    """The worker process: one ``run_notebook`` call, reported message by message."""
    try:
        pipe.send(("running",))
        result = run_notebook(
            spec,
            workspace=workspace,
            logical_date=datetime.now(timezone.utc),
            trigger="test",
            run_id=run_id,
            allow_unsandboxed=allow_unsandboxed,
            publish=False,
            on_cell_done=lambda done, total: pipe.send(("progress", done, total)),
        )
        pipe.send(("result", result.status, result.record, result.output_uri))
    except Exception as error:  # anything run_notebook raises instead of recording: say it in one line
        pipe.send(("error", f"The test run could not start: {error}"))
    finally:
        pipe.close()


@dataclass
class TrialRun:
    id: str
    schedule: str
    process: multiprocessing.process.BaseProcess
    root: Path
    status: str = "queued"
    cells_done: int = 0
    cells_total: int = 0
    message: str | None = None
    record: dict[str, Any] | None = None
    output_uri: str | None = None
    cancelled: bool = False
    owner: str = ""
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    # Called once, on the event loop, when the run ends (not when it is cancelled).
    on_finished: Callable[[TrialRun], None] | None = None

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    def apply(self, message: tuple) -> None:
        """One message from the worker (or the listener's end-of-pipe verdict)."""
        if self.cancelled or self.finished:
            return
        kind, *values = message
        if kind == "running":
            self.status = "running"
        elif kind == "progress":
            self.status, (self.cells_done, self.cells_total) = "running", values
        elif kind == "result":
            self.status, self.record, self.output_uri = values
            self.message = self.record.get("message")
        else:  # "error": the worker failed before or outside the run itself
            self.status, self.message = "failed", values[0]
        if self.finished and self.on_finished is not None:
            self.on_finished(self)

    def output_path(self) -> str | None:
        """The output notebook relative to the root, so the UI can open it; None elsewhere."""
        if self.output_uri is None or "://" in self.output_uri:
            return None
        path = Path(self.output_uri).resolve()
        return path.relative_to(self.root.resolve()).as_posix() if path.is_relative_to(self.root.resolve()) else None

    def to_json(self) -> dict[str, Any]:
        running = self.status == "running" and self.cells_done < self.cells_total
        body: dict[str, Any] = {
            "id": self.id,
            "schedule": self.schedule,
            "status": self.status,
            "cells_done": self.cells_done,
            "cells_total": self.cells_total,
            "current_cell": self.cells_done if running else None,
            "message": self.message,
        }
        if self.record is not None:
            body["record"] = self.record
            body["output_path"] = self.output_path()
        return body


class TrialRuns:
    """The server's test runs, by id (which is also the run id in the run store)."""

    def __init__(
        self, root: str | os.PathLike, allow_unsandboxed: bool, on_finished: Callable[[TrialRun], None] | None = None
    ):
        self.root = Path(root)
        self.allow_unsandboxed = allow_unsandboxed
        self.on_finished = on_finished
        self.runs: dict[str, TrialRun] = {}
        self._context = multiprocessing.get_context("spawn")

    def start(self, spec: dict) -> TrialRun:
        """Start a test run of a valid spec (see spec_problems); call on the event loop."""
        if any(run.schedule == spec["name"] and not run.finished for run in self.runs.values()):
            raise TrialRunConflict(f"A test run of {spec['name']} is already under way; wait for it or cancel it.")
        run_id = new_run_id("test", datetime.now(timezone.utc))
        receiving, sending = self._context.Pipe(duplex=False)
        process = self._context.Process(
            target=_work,
            name=f"nbschedule-test-run-{run_id}",
            daemon=True,
            args=(sending, spec, str(self.root), run_id, self.allow_unsandboxed),
        )
        process.start()
        sending.close()  # the worker holds the only writing end, so its exit ends the pipe
        run = TrialRun(
            run_id, spec["name"], process, self.root, owner=spec.get("owner", ""), on_finished=self.on_finished
        )
        self.runs[run_id] = run
        self._forget_old()
        threading.Thread(
            target=_listen, args=(run, receiving, IOLoop.current()), daemon=True, name=f"nbschedule-listen-{run_id}"
        ).start()
        return run

    def cancel(self, run_id: str) -> bool:
        """Stop a test run and forget it; False if there is no such run."""
        run = self.runs.pop(run_id, None)
        if run is None:
            return False
        run.cancelled = True
        if run.process.is_alive():
            _kill_tree(run.process.pid)
            # The attempt never got its record: leave no half-written run in the store.
            unfinished = default_store(self.root) / run.schedule / run.id
            if not any(unfinished.glob("*/record.json")):
                shutil.rmtree(unfinished, ignore_errors=True)
        return True

    def shutdown(self) -> None:
        for run_id in list(self.runs):
            self.cancel(run_id)

    def _forget_old(self) -> None:
        finished = [run_id for run_id, run in self.runs.items() if run.finished]
        for run_id in finished[: max(0, len(finished) - KEEP_FINISHED)]:
            del self.runs[run_id]


def _listen(run: TrialRun, pipe: Connection, loop: IOLoop) -> None:
    """Forward the worker's messages to the event loop until the worker is gone."""
    with pipe:
        while True:
            try:
                message = pipe.recv()
            except (EOFError, OSError):
                break
            loop.add_callback(run.apply, message)
    run.process.join()
    code = run.process.exitcode
    # Reached only if the worker died without a result (apply ignores it otherwise).
    loop.add_callback(run.apply, ("error", f"The test run's worker process stopped unexpectedly (exit code {code})."))


def _kill_tree(pid: int) -> None:
    """Kill the worker and everything it started (the kernel runs in its own session)."""
    try:
        worker = psutil.Process(pid)
        descendants = worker.children(recursive=True)
    except psutil.NoSuchProcess:
        return
    for process in (worker, *descendants):
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs([worker, *descendants], timeout=5)
