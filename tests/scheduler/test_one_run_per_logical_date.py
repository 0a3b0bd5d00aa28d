"""A scheduled run and a backfill of the same logical date are one run: the unique
(schedule, logical date) index decides, whichever trigger claims first."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from scheduler_helpers import make_spec, write_spec
from sqlalchemy import select
from test_timing_dst import run_clock, timer_for

from nbschedule.scheduler.run_rows import claim_runs, runs

FIRE = datetime(2026, 5, 1, 6, 0, tzinfo=timezone.utc)


def rows(timer) -> list[tuple]:
    with timer.db.read() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                select(runs.c.schedule, runs.c.trigger, runs.c.logical_date).order_by(runs.c.id)
            )
        ]


def claim(timer, spec, trigger: str, dates: list[datetime]) -> list[datetime]:
    with timer.db.write() as connection:
        return claim_runs(connection, spec, trigger, dates, FIRE + timedelta(hours=1))


def test_a_backfill_of_a_scheduled_date_creates_no_second_run(root):
    spec = make_spec("daily", cron="0 6 * * *", start_date="2026-05-01")
    write_spec(root, spec)
    timer = timer_for(root)
    run_clock(timer, FIRE, FIRE + timedelta(minutes=2), timedelta(minutes=1))
    assert rows(timer) == [("daily", "scheduled", FIRE)]

    assert claim(timer, spec, "backfill", [FIRE - timedelta(days=1), FIRE]) == [FIRE - timedelta(days=1)]
    assert rows(timer) == [("daily", "scheduled", FIRE), ("daily", "backfill", FIRE - timedelta(days=1))]


@pytest.mark.parametrize("first, second", [("backfill", "scheduled"), ("scheduled", "backfill")])
def test_whichever_trigger_claims_a_date_first_owns_it(root, first, second):
    spec = make_spec("daily")
    timer = timer_for(root)
    assert claim(timer, spec, first, [FIRE]) == [FIRE]
    assert claim(timer, spec, second, [FIRE]) == []
    assert rows(timer) == [("daily", first, FIRE)]


def test_the_same_date_of_another_schedule_is_its_own_run(root):
    timer = timer_for(root)
    assert claim(timer, make_spec("daily"), "scheduled", [FIRE]) == [FIRE]
    assert claim(timer, make_spec("weekly"), "backfill", [FIRE]) == [FIRE]
    assert rows(timer) == [("daily", "scheduled", FIRE), ("weekly", "backfill", FIRE)]
