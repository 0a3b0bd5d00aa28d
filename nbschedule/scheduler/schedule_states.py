"""What the Schedules view needs to tell each schedule's state: the overview, pause
state, and the latest run outcomes; the UI derives the state from these facts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from .engine import Scheduler
from .models import KEYED_TRIGGERS, RunRow
from .overview import latest_runs, listed_schedules, schedule_overview
from .pauses import pause_states

runs = RunRow.__table__
RECENT_RUNS = 10


def schedule_states(scheduler: Scheduler) -> dict[str, Any]:
    """One read transaction: every listed schedule's last 10 runs (the latest of which is
    its last run), and every pause state."""
    _, _, names = listed_schedules(scheduler)
    with scheduler.db.read() as connection:
        recent = latest_runs(connection, names, RECENT_RUNS)
        paused = pause_states(connection)
    overview = schedule_overview(scheduler, recent)
    for item in overview["schedules"]:
        name = item["name"]
        state = paused.get(name)
        item["pause"] = None if state is None or not state.paused else state.to_json()
        item["recent_runs"] = recent.get(name, [])
        item["spec"] = scheduler.spec_of(name)
    overview["now"] = scheduler.clock().isoformat()
    return overview


def keyed_logical_dates(connection: Any, name: str, dates: list[datetime]) -> list[datetime]:
    """Those of `dates` that already have a scheduled or backfill run (a backfill skips them)."""
    if not dates:
        return []
    rows = connection.execute(select(runs.c.logical_date).where(
        runs.c.schedule == name, runs.c.trigger.in_(KEYED_TRIGGERS),
        runs.c.logical_date.between(dates[0], dates[-1]))).all()
    taken = {row.logical_date for row in rows}
    return [date for date in dates if date in taken]
