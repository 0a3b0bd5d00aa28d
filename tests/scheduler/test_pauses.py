"""Paused schedules claim nothing, and resuming never catches up the paused spell, even after a restart."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from scheduler_helpers import make_spec, write_spec
from test_timing_dst import logical_dates, run_clock, timer_for

from nbschedule.scheduler.pauses import pause_states, set_paused

UP = datetime(2026, 5, 1, 6, 0, 10, tzinfo=timezone.utc)
MINUTE = timedelta(minutes=1)


def pause(timer, name: str, paused: bool, now: datetime) -> None:
    with timer.db.write() as connection:
        set_paused(connection, name, paused, now, "ada")


def days(timer) -> list[int]:
    return [d.day for d in logical_dates(timer)]


def test_a_paused_schedule_fires_nothing_and_resumes_without_catching_up(root):
    write_spec(root, make_spec("daily", cron="0 6 * * *", start_date="2026-05-01", catchup="all"))
    timer = timer_for(root)
    run_clock(timer, UP, UP, MINUTE)
    pause(timer, "daily", True, UP + MINUTE)
    run_clock(timer, UP + MINUTE, UP + timedelta(days=2, minutes=5), timedelta(minutes=30))
    assert days(timer) == [1]

    resumed = UP + timedelta(days=2, hours=1)
    pause(timer, "daily", False, resumed)
    run_clock(timer, resumed, resumed + timedelta(hours=1), MINUTE)
    assert days(timer) == [1]
    run_clock(timer, UP + timedelta(days=3), UP + timedelta(days=3, minutes=2), MINUTE)
    assert days(timer) == [1, 4]


def test_after_a_restart_the_paused_spell_stays_skipped_under_catchup_all(root):
    write_spec(root, make_spec("daily", cron="0 6 * * *", start_date="2026-05-01", catchup="all"))
    run_clock(timer_for(root), UP, UP, MINUTE)
    timer = timer_for(root)
    pause(timer, "daily", True, UP + MINUTE)
    pause(timer, "daily", False, UP + timedelta(days=3, hours=12))
    # A server restarted on the 5th: the 2nd..4th were paused, the 5th is after the resume.
    restarted = timer_for(root)
    run_clock(restarted, UP + timedelta(days=4, hours=6), UP + timedelta(days=4, hours=6), MINUTE)
    assert days(restarted) == [1, 5]


def test_a_paused_schedule_still_restarts_paused(root):
    write_spec(root, make_spec("daily", cron="0 6 * * *", start_date="2026-05-01", catchup="latest"))
    timer = timer_for(root)
    pause(timer, "daily", True, UP - timedelta(hours=1))
    run_clock(timer_for(root), UP, UP + timedelta(days=3), timedelta(hours=6))
    assert days(timer) == []


def test_pausing_twice_keeps_when_the_pause_began(root):
    timer = timer_for(root)
    pause(timer, "daily", True, UP)
    pause(timer, "daily", True, UP + MINUTE)
    with timer.db.read() as connection:
        state = pause_states(connection)["daily"]
    assert (state.paused, state.changed_at, state.changed_by) == (True, UP, "ada")
