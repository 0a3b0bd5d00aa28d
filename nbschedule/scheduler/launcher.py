"""Starting a worker process for one attempt.

The scheduler depends only on ``Launcher.launch(job) -> WorkerHandle``, so a benchmark
can pass a launcher that records launches instead of starting processes.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from multiprocessing import forkserver
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any, Protocol

from ..server_secrets import worker_environment
from .processes import birth_token, kill_group
from .worker import run_forked


@dataclass(frozen=True)
class Job:
    """Everything a worker needs; written to a file the worker reads."""

    attempt_pk: int
    spec: dict[str, Any]
    workspace: str
    logical_date: str
    trigger: str
    run_id: str
    attempt: int
    store: str
    overrides: dict[str, Any] | None
    allow_unsandboxed: bool
    outcome_path: str
    # A workflow run's re-run of some items only: their run ids (see workflow/runner.py).
    rerun_items: list[str] | None = None


class WorkerHandle(Protocol):
    pid: int | None
    birth: str | None

    def poll(self) -> int | None:
        """The exit code once the worker ended, else None."""

    def kill(self, sig: int) -> None:
        """Signal the worker and everything it started."""


class Launcher(Protocol):
    def launch(self, job: Job) -> WorkerHandle: ...


class ProcessHandle:
    def __init__(self, process: multiprocessing.process.BaseProcess):
        self.process = process
        self.pid = process.pid
        self.birth = birth_token(process.pid)

    def poll(self) -> int | None:
        return self.process.exitcode

    def kill(self, sig: int) -> None:
        kill_group(self.pid, sig)


class ProcessLauncher:
    """Runs each attempt in its own process, forked from a warm fork server.

    The fork server (multiprocessing's) imports the worker and the operator once, so an
    attempt starts without paying for imports; each worker leads its own session, so
    cancelling can signal the whole process group. A worker asks the kernel to kill it
    when the fork server dies, and the fork server exits as soon as this process dies,
    so a killed server leaves no run behind that could finish after being declared lost.
    `on_exit`, when set, is called (from a watcher thread) as soon as a worker ends.
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.on_exit: Callable[[], None] | None = None
        self._context = multiprocessing.get_context("forkserver")
        self._context.set_forkserver_preload(["nbschedule.scheduler.worker_preload"])
        # Started now, so its imports are done by the first launch: a launch waits for
        # them, and a tick blocked that long could let this scheduler's leases run out.
        forkserver.ensure_running()

    def launch(self, job: Job) -> ProcessHandle:
        self.folder.mkdir(parents=True, exist_ok=True)
        job_path = self.folder / f"{job.attempt_pk}.job.json"
        job_path.write_text(json.dumps(asdict(job)), encoding="utf-8")
        server = os.getpid()
        process = self._context.Process(
            target=run_forked,
            name=f"nbschedule-worker-{job.attempt_pk}",
            daemon=True,
            args=(
                str(job_path),
                server,
                birth_token(server),
                worker_environment(),
                str(self.folder / f"{job.attempt_pk}.log"),
                job.workspace,
            ),
        )
        process.start()
        if self.on_exit is not None:
            threading.Thread(
                target=_call_when_ended,
                args=(process.sentinel, self.on_exit),
                daemon=True,
                name=f"nbschedule-watch-{job.attempt_pk}",
            ).start()
        return ProcessHandle(process)


def _call_when_ended(sentinel: int, callback: Callable[[], None]) -> None:
    wait([sentinel])
    callback()
