"""What the Schedules view needs to tell each schedule's state: the overview, pause
state, and the latest run outcomes; the UI derives the state from these facts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from .engine import Scheduler
from .history_of_test_runs import TEST_TRIGGER
from .models import KEYED_TRIGGERS, RunRow
from .overview import schedule_overview
from .pauses import pause_states

runs = RunRow.__table__
RECENT_RUNS = 10


def recent_runs(connection, limit: int = RECENT_RUNS) -> dict[str, list[dict[str, Any]]]:
    """Each schedule's latest `limit` runs, newest first; test runs are not the schedule's runs."""
    order = func.row_number().over(partition_by=runs.c.schedule,
                                   order_by=(runs.c.logical_date.desc(), runs.c.id.desc())).label("position")
    ranked = select(runs.c.id, runs.c.schedule, runs.c.status, runs.c.trigger, runs.c.logical_date,
                    order).where(runs.c.trigger != TEST_TRIGGER).subquery()
    rows = connection.execute(select(ranked).where(ranked.c.position <= limit)
                              .order_by(ranked.c.schedule, ranked.c.position)).all()
    by_schedule: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_schedule.setdefault(row.schedule, []).append({
            "id": row.id, "status": row.status, "trigger": row.trigger,
            "logical_date": row.logical_date.isoformat()})
    return by_schedule


def schedule_states(scheduler: Scheduler) -> dict[str, Any]:
    overview = schedule_overview(scheduler)
    with scheduler.db.read() as connection:
        recent = recent_runs(connection)
        paused = pause_states(connection)
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
