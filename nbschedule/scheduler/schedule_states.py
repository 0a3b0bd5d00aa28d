"""What the Schedules view needs to tell each schedule's state: per row, what the row shows
(pause state and the latest run outcomes as [id, status] pairs); per selected schedule, its
spec and latest runs in full. The UI derives the state from these facts."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from .engine import Scheduler
from .history_of_trial_runs import TEST_TRIGGER
from .models import KEYED_TRIGGERS, RunRow
from .overview import LATEST_RUNS_SQL, latest_runs, listed_schedules
from .pauses import pause_states

runs = RunRow.__table__
RECENT_RUNS = 10


def latest_outcomes(connection: Connection, names: list[str]) -> dict[str, str]:
    """Each of `names`' latest RECENT_RUNS runs as a JSON array of [id, status], newest
    first. Read from the transaction's own DB-API cursor and kept as text: SQLAlchemy rows
    and a list per run would be 20,000 objects for 1,000 schedules, and the server's
    garbage collector walking them made one listing in ten take 130 ms instead of 30."""
    cursor = connection.connection.driver_connection.execute(
        LATEST_RUNS_SQL, {"names": json.dumps(names), "test": TEST_TRIGGER, "limit": RECENT_RUNS}
    )
    statuses: dict[str, str] = {}
    found: dict[str, list[str]] = {}
    for schedule, run_id, status, _trigger, _logical_date in cursor:
        shown = statuses.get(status)
        if shown is None:
            shown = statuses[status] = json.dumps(status)
        found.setdefault(schedule, []).append(f"[{int(run_id)},{shown}]")
    return {schedule: f"[{','.join(outcomes)}]" for schedule, outcomes in found.items()}


def schedule_states_json(scheduler: Scheduler) -> str:
    """The Schedules view's facts as JSON text, read in one transaction: every listed
    schedule's last 10 run outcomes (newest first), every pause state, the spec files'
    load errors. Only what a row shows: the spec and run details cost the browser a fetch
    and parse per schedule before the first paint; `schedule_detail` has them. Written as
    text, so the outcomes never become objects (see `latest_outcomes`)."""
    applied, _, names = listed_schedules(scheduler)
    with scheduler.db.read() as connection:
        outcomes = latest_outcomes(connection, names)
        paused = pause_states(connection)
    now = scheduler.clock()  # once: reading the clock costs more than a schedule's other facts
    rows = []
    for name in names:
        spec = applied[name]
        state = paused.get(name)
        next_fire = scheduler.timer.upcoming(name, now)
        row = json.dumps(
            {
                "name": name,
                "notebook": spec["notebook"],
                "cron": spec["cron"],
                "timezone": spec["timezone"],
                "owner": spec["owner"],
                "zone": spec.get("zone", ""),
                "next_fire_time": next_fire and next_fire.isoformat(),
                "pause": None if state is None or not state.paused else state.to_json(),
            }
        )
        rows.append(f'{row[:-1]},"outcomes":{outcomes.get(name, "[]")}}}')
    errors = [
        {"file": file_name, "message": message} for file_name, message in sorted(scheduler.timer.load_errors.items())
    ]
    return f'{{"schedules":[{",".join(rows)}],"errors":{json.dumps(errors)},"now":{json.dumps(now.isoformat())}}}'


def schedule_detail(scheduler: Scheduler, name: str) -> dict[str, Any] | None:
    """One active schedule as its detail, Run now, Edit and Backfill need it: the loaded spec,
    pause state and latest 10 runs in full; None when no active schedule has that name."""
    spec = scheduler.spec_of(name)
    if spec is None:
        return None
    with scheduler.db.read() as connection:
        recent = latest_runs(connection, [name], RECENT_RUNS).get(name, [])
        state = pause_states(connection, [name]).get(name)
    next_fire = scheduler.next_fire_time(name)
    return {
        "name": name,
        "spec": spec,
        "next_fire_time": next_fire and next_fire.isoformat(),
        "pause": None if state is None or not state.paused else state.to_json(),
        "recent_runs": recent,
        "now": scheduler.clock().isoformat(),
    }


def keyed_logical_dates(connection: Any, name: str, dates: list[datetime]) -> list[datetime]:
    """Those of `dates` that already have a scheduled or backfill run (a backfill skips them)."""
    if not dates:
        return []
    rows = connection.execute(
        select(runs.c.logical_date).where(
            runs.c.schedule == name,
            runs.c.trigger.in_(KEYED_TRIGGERS),
            runs.c.logical_date.between(dates[0], dates[-1]),
        )
    ).all()
    taken = {row.logical_date for row in rows}
    return [date for date in dates if date in taken]
