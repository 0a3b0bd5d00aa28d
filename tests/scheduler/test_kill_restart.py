"""kill -9 of a scheduler process in the middle of a run, then a restart: 0 lost, 0 duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from scheduler_helpers import all_attempts, all_runs, make_spec, wait_until_kernel_runs, write_notebook, write_spec

from nbschedule.scheduler.config import NbScheduleScheduler
from nbschedule.scheduler.engine import Scheduler
from nbschedule.scheduler.processes import is_alive

REPO = Path(__file__).resolve().parents[2]


def start_scheduler(root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nbschedule.scheduler.standalone",
            str(root),
            "--tick-seconds",
            "0.1",
            "--lease-seconds",
            "3",
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def wait_for(condition, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_sigkill_mid_run_then_restart_loses_nothing_and_duplicates_nothing(root):
    write_notebook(root, "import time\ntime.sleep(4)")
    # Yearly with catch-up 'latest': each scheduler start sees the same one missed fire time.
    write_spec(root, make_spec("yearly", cron="0 0 1 1 *", start_date="2024-01-01", catchup="latest"))
    reader = Scheduler(root, NbScheduleScheduler(enabled=False))  # only reads the shared database
    first = start_scheduler(root)
    try:
        attempt = wait_for(lambda: [a for a in all_attempts(reader) if a["worker_pid"]], 60)[0]
        kernel_side = wait_until_kernel_runs(attempt["worker_pid"])  # mid-run
        first.send_signal(signal.SIGKILL)
        first.wait()
        wait_for(lambda: not is_alive(attempt["worker_pid"], attempt["worker_birth"]), 10)  # died with its server
        wait_for(lambda: not any(os.path.exists(f"/proc/{pid}") for pid in kernel_side), 10)  # and its kernel
        second = start_scheduler(root)
        try:
            wait_for(lambda: all_runs(reader)[0]["status"] == "success", 90)
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(30)
    finally:
        if first.poll() is None:
            first.kill()
    runs = all_runs(reader)
    per_date = Counter(run["logical_date"] for run in runs)
    assert set(per_date.values()) == {1}  # no duplicates
    assert [run["status"] for run in runs] == ["success"]  # nothing lost
    assert [(a["number"], a["status"], a["reason"]) for a in all_attempts(reader)] == [
        (1, "lost", "first"),
        (2, "success", "recovery"),
    ]
    reader.shutdown()
