"""A worker process, forked for one attempt by the launcher's fork server (``run_forked``).

Waits until the inputs have landed, runs the notebook with ``run_notebook`` and writes a
small outcome file the scheduler reads when the process exits. Exit code 0 whatever the
run's status; the outcome file is the answer, its absence means the worker died.
"""

from __future__ import annotations

import ctypes
import json
import os
import signal
import sys
from datetime import datetime
from multiprocessing import forkserver
from pathlib import Path
from typing import Any

from ..cron import ParameterNameError, check_parameter_name
from ..notify import notify_failure
from .landing import NotLanded, wait_until_landed
from .processes import is_alive

_PR_SET_PDEATHSIG = 1


def _die_with_server(server_pid: int, server_birth: str | None) -> None:
    """Have the kernel SIGKILL this process when its parent, the fork server, dies (Linux);
    the fork server exits when the server dies, so nothing of a killed server's runs lives
    on, and the sandbox's --die-with-parent takes the kernel along."""
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent or not is_alive(server_pid, server_birth):  # died before the request took effect
        os._exit(1)


def _let_fork_server_exit_with_server() -> None:
    """Close this process's copy of the pipe whose end tells the fork server that its
    clients are gone: held here, it would keep the fork server, and so this worker,
    alive after the server died."""
    alive = forkserver._forkserver._forkserver_alive_fd
    if alive is not None:
        os.close(alive)
        forkserver._forkserver._forkserver_alive_fd = None


def _stop_on_sigterm() -> None:
    """Cancelling sends SIGTERM: unwind, so the operator's cleanup (kernel shutdown) runs."""

    def stop(_signum, _frame):
        raise SystemExit(143)

    signal.signal(signal.SIGTERM, stop)


def _write_outcome(path: str, outcome: dict[str, Any]) -> None:
    partial = f"{path}.partial"
    Path(partial).write_text(json.dumps(outcome), encoding="utf-8")
    os.replace(partial, path)  # atomic: the scheduler never reads half an outcome


def _not_landed(job: dict[str, Any], message: str) -> dict[str, Any]:
    from ..cron.utc import utc_now

    record = {
        "schedule": job["spec"]["name"],
        "run_id": job["run_id"],
        "attempt": job["attempt"],
        "status": "failed",
        "exit_reason": "input_not_landed",
        "message": message,
        "logical_date": job["logical_date"],
        "error": None,
        "failing_cell": None,
        "output_uri": None,
        "ended_at": utc_now().isoformat(),
    }
    record["notifications"] = notify_failure(job["spec"], record)
    return {"status": "failed", "exit_reason": "input_not_landed", "message": message, "output_path": None}


def _recorded_before(job: dict[str, Any]) -> dict[str, Any]:
    """The attempt's folder already holds a run (the database lost it, e.g. it was deleted):
    that run is the outcome, as it was recorded, and its notices were sent back then."""
    from ..operator.store import AttemptFolder

    folder = AttemptFolder(job["store"], job["spec"]["name"], job["run_id"], job["attempt"])
    record_path = f"{folder.path}/record.json"
    if not folder.fs.exists(record_path):
        return {
            "status": "lost",
            "exit_reason": "server_lost",
            "output_path": None,
            "message": "An earlier attempt with this number stopped before it was recorded.",
        }
    record = json.loads(folder.fs.cat_file(record_path).decode("utf-8"))
    return {
        "status": record["status"],
        "exit_reason": record["exit_reason"],
        "recorded_before": True,
        "message": f"Recorded before in the run store: {record['message']}",
        "output_path": record.get("output_uri"),
    }


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    from ..operator import RunAlreadyRecorded, run_notebook

    logical_date = datetime.fromisoformat(job["logical_date"])
    for name in job["overrides"] or {}:  # each becomes a line of code in the injected cell
        try:
            check_parameter_name(name)
        except ParameterNameError as error:
            return {
                "status": "refused",
                "exit_reason": "invalid_parameters",
                "output_path": None,
                "message": f"The run was not started: {error}",
            }
    try:
        wait_until_landed(job["spec"], Path(job["workspace"]), logical_date)
    except NotLanded as error:
        return _not_landed(job, str(error))
    if job["spec"].get("nodes"):
        from ..workflow.job import run_workflow_job  # each node item is a run of its own

        return run_workflow_job(job)
    try:
        result = run_notebook(
            job["spec"],
            workspace=job["workspace"],
            logical_date=logical_date,
            trigger=job["trigger"],
            run_id=job["run_id"],
            attempt=job["attempt"],
            store=job["store"],
            parameter_overrides=job["overrides"],
            allow_unsandboxed=job["allow_unsandboxed"],
        )
    except RunAlreadyRecorded:
        return _recorded_before(job)
    record = result.record
    return {
        "status": result.status,
        "exit_reason": record["exit_reason"],
        "message": record["message"],
        "output_path": result.output_uri,
    }


def run_forked(
    job_path: str, server_pid: int, server_birth: str | None, environment: dict[str, str], log_path: str, workspace: str
) -> None:
    """The worker's body, in a process just forked from the fork server: it becomes what
    a fresh worker process would be (own session, environment, folder and log)."""
    os.setsid()
    _let_fork_server_exit_with_server()
    _die_with_server(server_pid, server_birth)
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
        os.dup2(log, stream.fileno())
    os.close(log)
    os.chdir(workspace)
    os.environ.clear()
    os.environ.update(environment)  # the server's, with the secrets the fork server never had
    _stop_on_sigterm()
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    try:
        outcome = run_job(job)
    except Exception as error:  # a bad spec or store: the run fails with the reason, never silently
        outcome = {
            "status": "failed",
            "exit_reason": "worker_error",
            "message": f"The run could not start: {type(error).__name__}: {error}",
            "output_path": None,
        }
    _write_outcome(job["outcome_path"], outcome)
