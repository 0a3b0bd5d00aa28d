"""The schedules as the UI lists them: next fire time, last run, and spec files that failed to load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from .engine import Scheduler
from .history_of_test_runs import TEST_TRIGGER
from .models import RunRow

runs = RunRow.__table__


def schedule_overview(scheduler: Scheduler) -> dict[str, Any]:
    specs = scheduler.specs
    # Schedules the timer applied and a file still defines (both copied at once: the
    # scheduler thread changes them), so every one listed has its next fire time.
    applied, files = dict(scheduler.timer.applied), dict(specs.by_name)
    names = sorted(name for name in applied if name in files)
    with scheduler.db.read() as connection:
        # SQLite returns the other columns of the row holding max(): each schedule's latest run.
        last = {row.schedule: row for row in connection.execute(
            select(runs.c.schedule, runs.c.id, runs.c.status, func.max(runs.c.logical_date).label("logical_date"))
            .where(runs.c.trigger != TEST_TRIGGER).group_by(runs.c.schedule)).all()}
    items = []
    for name in names:
        spec = applied[name]
        next_fire = scheduler.next_fire_time(name)
        latest = last.get(name)
        items.append({
            "name": name, "file": Path(files[name]).name, "notebook": spec["notebook"],
            "cron": spec["cron"], "timezone": spec["timezone"], "owner": spec["owner"],
            "catchup": spec["catchup"], "max_active_runs": spec["max_active_runs"],
            "next_fire_time": next_fire and next_fire.isoformat(),
            "last_run": None if latest is None else {"id": latest.id, "status": latest.status,
                                                     "logical_date": latest.logical_date.isoformat()},
        })
    errors = [{"file": file_name, "message": message} for file_name, message in sorted(dict(specs.errors).items())]
    return {"schedules": items, "errors": errors}
