"""Faults of the scheduler's SQLite file: deleted or replaced while running, and fire times
the run store already holds after the database forgot them."""

from __future__ import annotations

import os

from scheduler_helpers import (
    all_attempts,
    all_finished,
    all_runs,
    backfill,
    fast_config,
    quiet_spec,
    tick_until,
    write_notebook,
    write_spec,
)
from sqlalchemy import select

from nbschedule.scheduler.engine import Scheduler
from nbschedule.scheduler.models import NoticeRow
from nbschedule.scheduler.run_rows import add_manual_run

notices = NoticeRow.__table__


def remove_database(scheduler) -> None:
    for suffix in ("", "-wal", "-shm"):
        path = f"{scheduler.db.path}{suffix}"
        if os.path.exists(path):
            os.remove(path)


def notice_count(scheduler) -> int:
    with scheduler.db.read() as connection:
        return len(connection.execute(select(notices)).all())


def test_a_deleted_database_is_noticed_reopened_and_what_follows_survives_a_restart(root, schedulers):
    write_spec(root, quiet_spec("report"))
    scheduler = Scheduler(root, fast_config())
    schedulers.append(scheduler)
    scheduler.tick()
    remove_database(scheduler)
    scheduler.tick()  # notices the missing file and opens a new one
    assert scheduler.db.path.exists() and scheduler.db_problem() is None
    with scheduler.db.write() as connection:
        add_manual_run(connection, scheduler.spec_of("report"), scheduler.clock(), None)
    scheduler.shutdown()
    schedulers.remove(scheduler)
    restarted = Scheduler(root, fast_config())
    schedulers.append(restarted)
    assert [run["trigger"] for run in all_runs(restarted)] == ["manual"]  # in the file on disk, not an unlinked one
    restarted.tick()
    assert restarted.spec_of("report") is not None


def test_a_database_replaced_by_garbage_stops_the_scheduler_with_the_cause_and_the_fix(root, schedulers):
    write_spec(root, quiet_spec("report"))
    scheduler = Scheduler(root, fast_config())
    schedulers.append(scheduler)
    scheduler.tick()
    remove_database(scheduler)
    scheduler.db.path.write_bytes(b"this is not a database" * 100)
    scheduler.tick()
    problem = scheduler.db_problem()
    assert problem and "file is not a database" in problem and "Move that file" in problem
    scheduler.tick()  # stays stopped, quietly
    assert scheduler.db_problem() == problem


def test_fire_times_the_run_store_already_holds_are_done_not_failed_again_and_send_no_notice(root, schedulers):
    write_notebook(root, "raise ValueError('boom')")
    spec = quiet_spec("flaky")
    write_spec(root, spec)
    scheduler = Scheduler(root, fast_config())
    schedulers.append(scheduler)
    scheduler.tick()
    backfill(scheduler, spec, 1)
    tick_until(scheduler, all_finished, timeout=90)
    [first] = all_runs(scheduler)
    assert (first["status"], notice_count(scheduler)) == ("failed", 1)

    remove_database(scheduler)  # the history is gone; the run store still holds the attempt
    scheduler.tick()
    backfill(scheduler, spec, 1)  # the same fire time is claimed again
    tick_until(scheduler, all_finished, timeout=90)
    [again] = all_runs(scheduler)
    assert (again["run_id"], again["status"], again["exit_reason"]) == (first["run_id"], "failed", "cell_error")
    assert again["message"].startswith("Recorded before in the run store")
    assert [a["number"] for a in all_attempts(scheduler)] == [1]
    assert notice_count(scheduler) == 0
