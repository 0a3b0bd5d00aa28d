"""Fire timing through the real Timer (spec folder, heap, SQLite claims) at chosen instants."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from scheduler_helpers import make_spec, write_spec

from nbschedule.scheduler.database import Database
from nbschedule.scheduler.run_rows import runs
from nbschedule.scheduler.specfiles import SpecFolder
from nbschedule.scheduler.timer import Timer

BERLIN = "Europe/Berlin"


def timer_for(root, grace_seconds: float = 60) -> Timer:
    return Timer(
        Database(root / "state.db"),
        SpecFolder(root / "schedules", 0),
        timedelta(seconds=grace_seconds),
        1000,
        logging.getLogger("test"),
    )


def logical_dates(timer: Timer, schedule: str | None = None) -> list[datetime]:
    with timer.db.read() as connection:
        query = runs.select().order_by(runs.c.logical_date)
        if schedule:
            query = query.where(runs.c.schedule == schedule)
        return [row.logical_date for row in connection.execute(query)]


def run_clock(timer: Timer, start: datetime, end: datetime, step: timedelta) -> None:
    now = start
    while now <= end:
        timer.reload(now)
        timer.claim_due(now)
        now += step


def test_daily_schedule_fires_once_per_day_across_spring_forward_and_fall_back(root):
    # 02:30 Berlin does not exist on 2026-03-29 and happens twice on 2026-10-25.
    write_spec(root, make_spec("spring", cron="30 2 * * *", timezone=BERLIN, start_date="2026-03-27"))
    write_spec(root, make_spec("autumn", cron="30 2 * * *", timezone=BERLIN, start_date="2026-10-23"))
    timer = timer_for(root)
    step = timedelta(minutes=10)
    run_clock(timer, datetime(2026, 3, 27, tzinfo=timezone.utc), datetime(2026, 3, 31, 12, tzinfo=timezone.utc), step)
    run_clock(timer, datetime(2026, 10, 23, tzinfo=timezone.utc), datetime(2026, 10, 27, 12, tzinfo=timezone.utc), step)

    def zone_days(name: str, month: int) -> list[str]:
        return [d.isoformat() for d in logical_dates(timer, name) if d.month == month]

    assert zone_days("spring", 3) == [
        "2026-03-27T01:30:00+00:00",
        "2026-03-28T01:30:00+00:00",
        "2026-03-29T01:30:00+00:00",  # shifted past the gap: 03:30 CEST
        "2026-03-30T00:30:00+00:00",
        "2026-03-31T00:30:00+00:00",
    ]
    assert zone_days("autumn", 10) == [
        "2026-10-23T00:30:00+00:00",
        "2026-10-24T00:30:00+00:00",
        "2026-10-25T01:30:00+00:00",  # the second pass of the repeated hour only, as in Airflow
        "2026-10-26T01:30:00+00:00",
        "2026-10-27T01:30:00+00:00",
    ]


def test_ticks_do_not_claim_a_fire_time_twice(root):
    write_spec(root, make_spec("hourly", cron="0 * * * *", start_date="2026-01-01"))
    timer = timer_for(root)
    start = datetime(2026, 1, 1, 0, 0, 30, tzinfo=timezone.utc)
    run_clock(timer, start, start + timedelta(hours=3), timedelta(seconds=20))
    assert [d.hour for d in logical_dates(timer)] == [0, 1, 2, 3]  # 00:00 is within the grace: on time


def test_a_restarted_timer_continues_after_the_last_recorded_run(root):
    write_spec(root, make_spec("hourly", cron="0 * * * *", start_date="2026-01-01", catchup="all"))
    first = timer_for(root)
    run_clock(
        first,
        datetime(2026, 1, 1, 0, 0, 10, tzinfo=timezone.utc),
        datetime(2026, 1, 1, 2, 0, 10, tzinfo=timezone.utc),
        timedelta(minutes=1),
    )
    assert len(logical_dates(first)) == 3
    second = timer_for(root)  # same database: a server restart
    run_clock(
        second,
        datetime(2026, 1, 1, 2, 30, tzinfo=timezone.utc),
        datetime(2026, 1, 1, 3, 0, 10, tzinfo=timezone.utc),
        timedelta(minutes=1),
    )
    assert [d.hour for d in logical_dates(second)] == [0, 1, 2, 3]
