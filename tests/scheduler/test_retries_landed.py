"""Retries with their delay, and wait-until-landed against a real SQLite table."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

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


def test_a_failing_run_is_retried_after_its_delay_then_fails_with_a_notice(root, schedulers):
    write_notebook(root, "raise ValueError('boom')")
    spec = quiet_spec("flaky", retries=1, retry_delay_seconds=2)
    write_spec(root, spec)
    scheduler = Scheduler(root, fast_config())
    schedulers.append(scheduler)
    scheduler.tick()
    backfill(scheduler, spec, 1)
    tick_until(scheduler, all_finished, timeout=60)
    [run] = all_runs(scheduler)
    first, second = all_attempts(scheduler)
    assert (run["status"], run["exit_reason"], run["attempts"]) == ("failed", "cell_error", 2)
    assert (first["status"], second["status"], second["reason"]) == ("failed", "failed", "retry")
    assert second["started_at"] - first["ended_at"] >= timedelta(seconds=2)
    # Each record says what started its attempt, as under Airflow.
    records = [json.loads((Path(a["attempt_dir"]) / "record.json").read_text()) for a in (first, second)]
    assert [r["trigger"] for r in records] == ["backfill", "retry"]
    with scheduler.db.read() as connection:
        notices = connection.execute(select(NoticeRow.__table__)).all()
    assert [(n.schedule, n.status, n.attempt) for n in notices] == [("flaky", "failed", 2)]  # once, at the end


def landing_workspace(root, landed_day: str) -> dict:
    (root / ".nbschedule").mkdir(exist_ok=True)
    (root / ".nbschedule" / "connections.json").write_text(json.dumps({"landing": "sqlite:///landing.db"}))
    with sqlite3.connect(root / "landing.db") as connection:
        connection.execute("CREATE TABLE events (day DATE, amount INTEGER)")
        connection.execute("INSERT INTO events VALUES (?, 1)", (landed_day,))
    write_notebook(root, "print('inputs are there')")
    check = {"date_column": "day", "timeout_seconds": 2, "poke_interval_seconds": 1}
    return quiet_spec("landed", inputs=[{"connection": "landing", "table": "events", "wait_until_landed": check}])


def test_wait_until_landed_runs_when_the_day_is_there_and_fails_when_it_never_lands(root, schedulers):
    spec = landing_workspace(root, "2025-01-01")  # backfill() makes 2025-01-01 and 2025-01-02
    write_spec(root, spec)
    scheduler = Scheduler(root, fast_config())
    schedulers.append(scheduler)
    scheduler.tick()
    backfill(scheduler, spec, 2)
    tick_until(scheduler, all_finished, timeout=60)
    landed, missing = all_runs(scheduler)
    assert landed["status"] == "success"
    assert (missing["status"], missing["exit_reason"]) == ("failed", "input_not_landed")
    assert "landing:events had no rows with day = 2025-01-02 after 2 s" in missing["message"]
