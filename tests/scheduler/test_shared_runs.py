"""Runs recorded in a shared run store by another engine become rows of the history.

The store here is a local folder; test_airflow_end_to_end.py does the same on S3 with
records written by Airflow workers.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from scheduler_helpers import all_attempts, all_runs, fast_config, make_spec, tick_until, write_notebook, write_spec

from nbschedule.operator.store import AttemptFolder
from nbschedule.scheduler.database import Database
from nbschedule.scheduler.engine import Scheduler
from nbschedule.scheduler.run_rows import add_manual_run

FIRE = datetime(2024, 3, 11, 5, 30, tzinfo=timezone.utc)


def write_attempt(store, schedule: str, run_id: str, attempt: int, trigger: str, status: str) -> None:
    folder = AttemptFolder(str(store), schedule, run_id, attempt)
    folder.claim()
    started = FIRE + timedelta(minutes=attempt)
    folder.write_record(
        {
            "schedule": schedule,
            "notebook": "report.ipynb",
            "owner": "ada@example.com",
            "run_id": run_id,
            "attempt": attempt,
            "trigger": trigger,
            "logical_date": FIRE.isoformat(),
            "status": status,
            "exit_reason": "completed" if status == "success" else "cell_error",
            "message": f"attempt {attempt}",
            "started_at": started.isoformat(),
            "ended_at": (started + timedelta(seconds=5)).isoformat(),
            "output_uri": folder.uri("output.ipynb"),
        }
    )


def test_records_of_another_engine_are_imported_once_and_follow_new_attempts(root, schedulers, tmp_path):
    shared = tmp_path / "shared"
    write_attempt(shared, "sales", "scheduled__2024-03-11T05:30:00+00:00", 1, "scheduled", "failed")
    write_attempt(shared, "sales", "manual__2024-03-12T08:00:00+00:00", 1, "manual", "success")
    scheduler = Scheduler(root, fast_config(shared_store=str(shared), shared_store_sync_seconds=0.01))
    schedulers.append(scheduler)
    tick_until(scheduler, lambda s: len(all_runs(s)) == 2, timeout=10)

    # Airflow retries the failed run; the next sync adds the attempt to the same run.
    write_attempt(shared, "sales", "scheduled__2024-03-11T05:30:00+00:00", 2, "retry", "success")
    tick_until(scheduler, lambda s: len(all_attempts(s)) == 3, timeout=10)
    for _ in range(3):
        scheduler.tick()

    runs = {run["run_id"]: run for run in all_runs(scheduler)}
    assert len(runs) == 2 and len(all_attempts(scheduler)) == 3
    retried = runs["scheduled__2024-03-11T05:30:00+00:00"]
    assert (retried["engine"], retried["trigger"], retried["status"], retried["attempts"]) == (
        "airflow",
        "scheduled",
        "success",
        2,
    )
    assert retried["message"] == "attempt 2" and retried["output_path"].endswith("attempt-2/output.ipynb")
    manual = runs["manual__2024-03-12T08:00:00+00:00"]
    assert (manual["engine"], manual["trigger"], manual["status"]) == ("airflow", "manual", "success")
    assert {a["server_id"] for a in all_attempts(scheduler)} == {"airflow"}


def test_runs_of_this_server_in_the_same_store_are_not_imported_twice(root, schedulers):
    # The embedded scheduler writes to its own store; pointing the shared store at it too
    # must not list its runs a second time.
    write_notebook(root, "print('hello')")
    write_spec(root, make_spec("local"))
    scheduler = Scheduler(
        root,
        fast_config(shared_store=str(root / "nbschedule-runs"), shared_store_sync_seconds=0.01, allow_unsandboxed=True),
    )
    schedulers.append(scheduler)
    scheduler.tick()
    with scheduler.db.write() as connection:
        add_manual_run(connection, make_spec("local"), scheduler.clock(), None)
    tick_until(scheduler, lambda s: [r["status"] for r in all_runs(s)] == ["success"], timeout=60)
    for _ in range(3):
        scheduler.tick()
    [run] = all_runs(scheduler)
    assert run["engine"] == "embedded" and len(all_attempts(scheduler)) == 1


def test_a_database_from_before_engines_gains_the_column(tmp_path):
    path = tmp_path / "old.db"
    Database(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("ALTER TABLE runs DROP COLUMN engine")  # as the file was before
        connection.execute(
            "INSERT INTO runs (run_id, schedule, owner, trigger, logical_date, status, attempts, "
            "failed_attempts, lost_attempts, next_try_at, next_reason, created_at, cancel_requested) "
            "VALUES ('m', 's', 'o', 'manual', '2024-01-01', 'success', 1, 0, 0, '2024-01-01', "
            "'first', '2024-01-01', 0)"
        )
    Database(path).close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT engine FROM runs").fetchall() == [("embedded",)]
