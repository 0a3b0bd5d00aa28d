"""The standalone scheduler starts work another process commits (a Run now through a Jupyter
server, here the facade from the test process) without waiting for its next tick, and an
idle one does not tick for nothing."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from scheduler_helpers import all_runs, make_spec, write_notebook, write_spec

from nbschedule.scheduler.config import NbScheduleScheduler
from nbschedule.scheduler.engine import Scheduler
from nbschedule.scheduler.facade import SchedulerFacade
from nbschedule.scheduler.health import workspace_health

REPO = Path(__file__).resolve().parents[2]
# Far longer than the test may take: whatever the daemon does after its first tick, a wake made it.
TICK_SECONDS = 3600


def wait_for(condition, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


def test_a_run_committed_by_another_process_starts_without_waiting_for_the_tick(root):
    write_notebook(root, "x = 1")
    spec = make_spec("wake")
    write_spec(root, spec)
    reader = Scheduler(root, NbScheduleScheduler(enabled=False))  # another process's view of the database
    daemon = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nbschedule.scheduler.standalone",
            str(root),
            "--tick-seconds",
            str(TICK_SECONDS),
            "--lease-seconds",
            str(2 * TICK_SECONDS),
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        holder = wait_for(lambda: workspace_health(reader.db)["lease"], 60)
        assert holder["pid"] == daemon.pid
        first_tick = holder["last_tick"]

        # Idle: nobody writes, so the daemon sleeps (its tick interval is an hour).
        time.sleep(1)
        assert workspace_health(reader.db)["lease"]["last_tick"] == first_tick

        SchedulerFacade(reader).add_manual_run(spec, {})
        wait_for(lambda: all_runs(reader)[0]["status"] == "success", 90)
        assert workspace_health(reader.db)["lease"]["last_tick"] != first_tick
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(30)
        reader.shutdown()
