"""Catch-up after downtime: none, latest and all, bounded by the start date."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from scheduler_helpers import make_spec, write_spec
from test_timing_dst import logical_dates, run_clock, timer_for

UP = datetime(2026, 5, 1, 6, 0, 10, tzinfo=timezone.utc)  # first start: the 06:00 run is on time
BACK = datetime(2026, 5, 5, 12, 0, tzinfo=timezone.utc)  # restart after missing 2nd..5th May 06:00


def downtime(root, catchup: str) -> list[str]:
    write_spec(root, make_spec("daily", cron="0 6 * * *", start_date="2026-05-01", catchup=catchup))
    run_clock(timer_for(root), UP, UP + timedelta(minutes=5), timedelta(minutes=1))
    restarted = timer_for(root)
    run_clock(restarted, BACK, BACK + timedelta(minutes=5), timedelta(minutes=1))
    return [d.date().isoformat() for d in logical_dates(restarted)]


@pytest.mark.parametrize(
    "catchup, expected",
    [
        ("none", ["2026-05-01"]),
        ("latest", ["2026-05-01", "2026-05-05"]),
        ("all", ["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05"]),
    ],
)
def test_missed_runs_follow_the_catchup_policy(root, catchup, expected):
    assert downtime(root, catchup) == expected


def test_catchup_all_on_a_new_schedule_starts_at_its_start_date(root):
    write_spec(root, make_spec("daily", cron="0 6 * * *", start_date="2026-05-03", catchup="all"))
    run_clock(timer_for(root), BACK, BACK, timedelta(minutes=1))
    assert [d.day for d in logical_dates(timer_for(root))] == [3, 4, 5]


def test_catchup_all_is_claimed_in_chunks_and_completes(root):
    write_spec(root, make_spec("minutely", cron="* * * * *", start_date="2026-05-05", catchup="all"))
    timer = timer_for(root)
    timer.limit = 100
    now = datetime(2026, 5, 5, 5, 0, 30, tzinfo=timezone.utc)  # 301 fire times since midnight
    timer.reload(now)
    for _ in range(4):  # 100 per tick, the next entry already due: four ticks finish it
        timer.claim_due(now)
    dates = logical_dates(timer)
    assert len(dates) == 301 and len(set(dates)) == 301
    assert dates[0] == datetime(2026, 5, 5, tzinfo=timezone.utc) and dates[-1] == now.replace(second=0)
