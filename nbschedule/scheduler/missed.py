"""Counting missed fire times: those a catch-up policy skipped after the scheduler was
down or paused. A schedule's fire times before its first run are not missed (it did not
exist yet, or its start date lies in the past), so only schedules with a run count."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection
from sqlalchemy.dialects.sqlite import insert

from ..cron.calendar import FireCalendar
from .ops_tables import missed
from .run_rows import last_keyed_logical_date


def skipped_fire_times(
    calendar: FireCalendar, policy: str, after: datetime, now: datetime, claimed: int, limit: int
) -> int:
    """Fire times in (after, now] that the policy left unclaimed (at most `limit` are counted)."""
    if policy == "all":
        return 0  # everything is claimed, a batch at a time
    return max(0, len(calendar.between(after, now, limit)) - claimed)


def record_missed(connection: Connection, schedule: str, count: int, now: datetime) -> None:
    if count <= 0 or last_keyed_logical_date(connection, schedule) is None:
        return
    connection.execute(
        insert(missed)
        .values(schedule=schedule, count=count, last_missed_at=now)
        .on_conflict_do_update(
            index_elements=["schedule"], set_={"count": missed.c.count + count, "last_missed_at": now}
        )
    )
