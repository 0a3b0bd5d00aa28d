"""Starting a worker process for one attempt.

The scheduler depends only on ``Launcher.launch(job) -> WorkerHandle``, so a benchmark
can pass a launcher that records launches instead of starting processes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

from ..server_secrets import worker_environment
from .processes import birth_token, kill_group


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
    def __init__(self, process: subprocess.Popen):
        self.process = process
        self.pid = process.pid
        self.birth = birth_token(process.pid)

    def poll(self) -> int | None:
        return self.process.poll()

    def kill(self, sig: int) -> None:
        kill_group(self.pid, sig)


class ProcessLauncher:
    """Runs ``python -m nbschedule.scheduler.worker JOB`` in its own session.

    Its own session, so that cancelling can signal the whole process group; the worker
    asks the kernel to kill it when the server dies (see worker.py), so a killed server
    leaves no run behind that could finish after being declared lost.
    """

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)

    def launch(self, job: Job) -> ProcessHandle:
        self.folder.mkdir(parents=True, exist_ok=True)
        job_path = self.folder / f"{job.attempt_pk}.job.json"
        job_path.write_text(json.dumps(asdict(job)), encoding="utf-8")
        with open(self.folder / f"{job.attempt_pk}.log", "ab") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "nbschedule.scheduler.worker", str(job_path), str(os.getpid())],
                cwd=job.workspace, env=worker_environment(), stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        return ProcessHandle(process)

