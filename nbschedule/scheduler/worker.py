"""Worker process entry point: ``python -m nbschedule.scheduler.worker JOB_FILE SERVER_PID``.

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
from pathlib import Path
from typing import Any

from ..cron import ParameterNameError, check_parameter_name
from ..notify import notify_failure
from ..operator import RunAlreadyRecorded, run_notebook
from ..cron.utc import utc_now
from ..operator.store import AttemptFolder
from .landing import NotLanded, wait_until_landed

_PR_SET_PDEATHSIG = 1


def _die_with_server(server_pid: int) -> None:
    """Have the kernel SIGKILL this process when the server dies (Linux), so nothing of a
    killed server's runs lives on; the sandbox's --die-with-parent takes the kernel along."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != server_pid:  # the server died before the request took effect
        os._exit(1)


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
    record = {"schedule": job["spec"]["name"], "run_id": job["run_id"], "attempt": job["attempt"],
              "status": "failed", "exit_reason": "input_not_landed", "message": message,
              "logical_date": job["logical_date"], "error": None, "failing_cell": None, "output_uri": None,
              "ended_at": utc_now().isoformat()}
    record["notifications"] = notify_failure(job["spec"], record)
    return {"status": "failed", "exit_reason": "input_not_landed", "message": message, "output_path": None}


def _recorded_before(job: dict[str, Any]) -> dict[str, Any]:
    """The attempt's folder already holds a run (the database lost it, e.g. it was deleted):
    that run is the outcome, as it was recorded, and its notices were sent back then."""
    folder = AttemptFolder(job["store"], job["spec"]["name"], job["run_id"], job["attempt"])
    record_path = f"{folder.path}/record.json"
    if not folder.fs.exists(record_path):
        return {"status": "lost", "exit_reason": "server_lost", "output_path": None,
                "message": "An earlier attempt with this number stopped before it was recorded."}
    record = json.loads(folder.fs.cat_file(record_path).decode("utf-8"))
    return {"status": record["status"], "exit_reason": record["exit_reason"], "recorded_before": True,
            "message": f"Recorded before in the run store: {record['message']}", "output_path": record.get("output_uri")}


def run_job(job: dict[str, Any]) -> dict[str, Any]:
    logical_date = datetime.fromisoformat(job["logical_date"])
    for name in job["overrides"] or {}:  # each becomes a line of code in the injected cell
        try:
            check_parameter_name(name)
        except ParameterNameError as error:
            return {"status": "refused", "exit_reason": "invalid_parameters", "output_path": None,
                    "message": f"The run was not started: {error}"}
    try:
        wait_until_landed(job["spec"], Path(job["workspace"]), logical_date)
    except NotLanded as error:
        return _not_landed(job, str(error))
    try:
        result = run_notebook(job["spec"], workspace=job["workspace"], logical_date=logical_date,
                              trigger=job["trigger"], run_id=job["run_id"], attempt=job["attempt"], store=job["store"],
                              parameter_overrides=job["overrides"], allow_unsandboxed=job["allow_unsandboxed"])
    except RunAlreadyRecorded:
        return _recorded_before(job)
    record = result.record
    return {"status": result.status, "exit_reason": record["exit_reason"], "message": record["message"],
            "output_path": result.output_uri}


def main(argv: list[str]) -> int:
    job_path, server_pid = argv[0], int(argv[1])
    _die_with_server(server_pid)
    _stop_on_sigterm()
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    try:
        outcome = run_job(job)
    except Exception as error:  # a bad spec or store: the run fails with the reason, never silently
        outcome = {"status": "failed", "exit_reason": "worker_error",
                   "message": f"The run could not start: {type(error).__name__}: {error}", "output_path": None}
    _write_outcome(job["outcome_path"], outcome)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
