"""Cancelling a running run kills its worker's whole process group."""

from __future__ import annotations

import time

from scheduler_helpers import (
    all_attempts,
    all_finished,
    all_runs,
    backfill,
    fast_config,
    quiet_spec,
    tick_until,
    wait_until_kernel_runs,
    write_notebook,
    write_spec,
)

from nbschedule.scheduler.engine import Scheduler
from nbschedule.scheduler.processes import is_alive
from nbschedule.scheduler.run_rows import request_cancel


def alive(pid: int) -> bool:
    return is_alive(pid, None)


def test_cancel_stops_the_worker_and_marks_the_run_cancelled(root, schedulers):
    write_notebook(root, "import time\ntime.sleep(120)")
    spec = quiet_spec("long", retries=2)
    write_spec(root, spec)
    scheduler = Scheduler(root, fast_config())
    schedulers.append(scheduler)
    scheduler.tick()
    backfill(scheduler, spec, 1)
    attempt = tick_until(scheduler, lambda s: [a for a in all_attempts(s) if a["worker_pid"]], timeout=30)[0]
    started_processes = wait_until_kernel_runs(attempt["worker_pid"])
    with scheduler.db.write() as connection:
        assert request_cancel(connection, attempt["run_pk"], scheduler.clock()) == "running"
    started = time.monotonic()
    tick_until(scheduler, all_finished, timeout=30)
    assert time.monotonic() - started < 20  # not the notebook's two minutes
    [run] = all_runs(scheduler)
    [ended] = all_attempts(scheduler)
    assert (run["status"], ended["status"]) == ("cancelled", "cancelled")
    assert not is_alive(attempt["worker_pid"], attempt["worker_birth"])
    deadline = time.monotonic() + 10  # the sandbox dies with its parent, the kernel with the sandbox
    while [pid for pid in started_processes if alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [(pid, open(f"/proc/{pid}/cmdline").read()) for pid in started_processes if alive(pid)] == []


def test_cancelling_a_queued_run_ends_it_before_it_starts(root, schedulers):
    spec = quiet_spec("waiting")
    write_spec(root, spec)
    scheduler = Scheduler(root, fast_config())
    schedulers.append(scheduler)
    scheduler.tick()
    backfill(scheduler, spec, 1)
    run_pk = all_runs(scheduler)[0]["id"]
    with scheduler.db.write() as connection:
        assert request_cancel(connection, run_pk, scheduler.clock()) == "cancelled"
        assert request_cancel(connection, run_pk, scheduler.clock()) is None  # already over
    scheduler.tick()
    assert all_runs(scheduler)[0]["status"] == "cancelled" and all_attempts(scheduler) == []
