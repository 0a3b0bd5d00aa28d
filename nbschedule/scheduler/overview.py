"""The schedules as the UI lists them: next fire time, last run, and spec files that failed to load."""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, text

from .engine import Scheduler
from .history_of_trial_runs import TEST_TRIGGER

# Each listed schedule's latest `limit` runs through the (schedule, logical_date, id) index:
# the cost follows the schedules listed, not the length of their history.
LATEST_RUNS_SQL = """
    SELECT listed.value, run.id, run.status, run."trigger", run.logical_date
    FROM json_each(:names) AS listed
    JOIN runs AS run ON run.id IN (
        SELECT id FROM runs
        WHERE schedule = listed.value AND "trigger" != :test AND parent_id IS NULL
        ORDER BY logical_date DESC, id DESC LIMIT :limit)
    ORDER BY listed.value, run.logical_date DESC, run.id DESC"""


class _Instants:
    """Stored logical dates (naive UTC text) as ISO 8601 with offset; runs share few
    dates, so each is converted once."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}

    def __call__(self, stored: str) -> str:
        shown = self.seen.get(stored)
        if shown is None:
            shown = self.seen[stored] = datetime.fromisoformat(stored).replace(tzinfo=timezone.utc).isoformat()
        return shown


def latest_runs(connection: Connection, names: list[str], limit: int) -> dict[str, list[dict[str, Any]]]:
    """Each of `names`' latest `limit` runs, newest first; test runs and a workflow run's item
    runs are not the schedule's runs."""
    instant = _Instants()
    found: dict[str, list[dict[str, Any]]] = {}
    rows = connection.execute(text(LATEST_RUNS_SQL), {"names": json.dumps(names), "test": TEST_TRIGGER, "limit": limit})
    for schedule, run_id, status, trigger, logical_date in rows:
        found.setdefault(schedule, []).append(
            {"id": run_id, "status": status, "trigger": trigger, "logical_date": instant(logical_date)}
        )
    return found


def listed_schedules(scheduler: Scheduler) -> tuple[dict[str, dict], dict[str, str], list[str]]:
    """(applied specs, files, names): the schedules the timer applied and a file still defines.
    Both are copied at once (the scheduler thread changes them), so each listed one has its next fire time."""
    applied, files = dict(scheduler.timer.applied), dict(scheduler.specs.by_name)
    return applied, files, sorted(name for name in applied if name in files)


def schedule_overview(scheduler: Scheduler) -> dict[str, Any]:
    applied, files, names = listed_schedules(scheduler)
    with scheduler.db.read() as connection:
        recent = latest_runs(connection, names, 1)
    items = []
    for name in names:
        spec = applied[name]
        next_fire = scheduler.next_fire_time(name)
        latest = recent.get(name)
        items.append(
            {
                "name": name,
                "file": os.path.basename(files[name]),
                "notebook": spec["notebook"],
                "cron": spec["cron"],
                "timezone": spec["timezone"],
                "owner": spec["owner"],
                "catchup": spec["catchup"],
                "max_active_runs": spec["max_active_runs"],
                "next_fire_time": next_fire and next_fire.isoformat(),
                "last_run": None if not latest else {key: latest[0][key] for key in ("id", "status", "logical_date")},
            }
        )
    errors = [
        {"file": file_name, "message": message} for file_name, message in sorted(scheduler.timer.load_errors.items())
    ]
    return {"schedules": items, "errors": errors}
