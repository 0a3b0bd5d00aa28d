"""Fire times across DST changes and the cron errors a person sees."""

from datetime import datetime, timezone

import pytest

from nbschedule.cron import (
    CronSyntaxError,
    UnknownTimezoneError,
    next_fire_times,
)

BERLIN = "Europe/Berlin"


def iso(times):
    return [t.isoformat() for t in times]


def test_daily_job_in_the_spring_forward_gap_runs_once_just_after_it():
    # 2026-03-29: Berlin jumps from 02:00 CET to 03:00 CEST; 02:30 does not exist.
    after = datetime(2026, 3, 28, 12, tzinfo=timezone.utc)
    assert iso(next_fire_times("30 2 * * *", BERLIN, after, 3)) == [
        "2026-03-29T03:30:00+02:00",
        "2026-03-30T02:30:00+02:00",
        "2026-03-31T02:30:00+02:00",
    ]


def test_daily_job_in_the_repeated_fall_back_hour_runs_once_in_the_second_pass():
    # 2026-10-25: Berlin goes back from 03:00 CEST to 02:00 CET; 02:30 happens twice.
    # Airflow's CronTriggerTimetable fires in the second pass; so does nbschedule.
    after = datetime(2026, 10, 24, 12, tzinfo=timezone.utc)
    assert iso(next_fire_times("30 2 * * *", BERLIN, after, 3)) == [
        "2026-10-25T02:30:00+01:00",
        "2026-10-26T02:30:00+01:00",
        "2026-10-27T02:30:00+01:00",
    ]


def test_hourly_job_runs_every_real_hour_through_the_fall_back():
    after = datetime(2026, 10, 24, 22, 30, tzinfo=timezone.utc)
    times = next_fire_times("0 * * * *", BERLIN, after, 4)
    assert iso(times) == [
        "2026-10-25T01:00:00+02:00",
        "2026-10-25T02:00:00+02:00",
        "2026-10-25T02:00:00+01:00",
        "2026-10-25T03:00:00+01:00",
    ]
    # Same-tzinfo subtraction in Python is wall-clock arithmetic; compare in UTC.
    instants = [t.astimezone(timezone.utc) for t in times]
    gaps = {(b - a).total_seconds() for a, b in zip(instants, instants[1:])}
    assert gaps == {3600}


def test_hourly_job_skips_no_real_hour_through_the_spring_forward():
    after = datetime(2026, 3, 28, 23, 30, tzinfo=timezone.utc)
    times = next_fire_times("0 * * * *", BERLIN, after, 3)
    assert iso(times) == [
        "2026-03-29T01:00:00+01:00",
        "2026-03-29T03:00:00+02:00",
        "2026-03-29T04:00:00+02:00",
    ]


def test_times_are_strictly_after_the_given_instant():
    after = datetime(2026, 1, 1, 6, 0, tzinfo=timezone.utc)
    assert iso(next_fire_times("0 6 * * *", "UTC", after, 1)) == ["2026-01-02T06:00:00+00:00"]


def test_southern_hemisphere_zone():
    # Sydney leaves daylight time on 2026-04-05 at 03:00 AEDT -> 02:00 AEST.
    after = datetime(2026, 4, 4, 0, tzinfo=timezone.utc)
    assert iso(next_fire_times("30 2 * * *", "Australia/Sydney", after, 2)) == [
        "2026-04-05T02:30:00+10:00",
        "2026-04-06T02:30:00+10:00",
    ]


@pytest.mark.parametrize(
    ("cron", "message"),
    [
        ("", "Enter a cron expression, e.g. '0 6 * * *' for 06:00 every day."),
        ("* * *", "A cron expression has 5 fields (minute hour day-of-month month day-of-week); this one has 3."),
        ("61 * * * *", "Field 1 (minute): 61 is out of range 0–59."),
        ("0 24 * * *", "Field 2 (hour): 24 is out of range 0–23."),
        ("0 0 * foo *", "Field 4 (month): 'foo' is not a number or a name like 'JAN'."),
        ("5-1 * * * *", "Field 1 (minute): range '5-1' runs backwards."),
        ("*/0 * * * *", "Field 1 (minute): a step of 0 never advances."),
        (
            "@every_5m",
            "'@every_5m' is not a known shortcut; use one of @hourly, @daily, @weekly, @monthly, "
            "@yearly or write five fields, e.g. '0 0 * * *'.",
        ),
        ("0 0 31 2 *", "This cron expression never fires: no date matches it within 5 years."),
        ("0 0 30 2 *", "This cron expression never fires: no date matches it within 5 years."),
        (
            "\uff11 * * * *",
            "'\uff11' (fullwidth digit one) is not allowed in a cron expression; write numbers with the digits 0-9.",
        ),
        (
            "\u0663 * * * *",
            "'\u0663' (arabic-indic digit three) is not allowed in a cron expression; write "
            "numbers with the digits 0-9.",
        ),
        (
            "\u00b2 * * * *",
            "'\u00b2' (superscript two) is not allowed in a cron expression; write numbers with the digits 0-9.",
        ),
    ],
)
def test_bad_cron_is_explained(cron, message):
    with pytest.raises(CronSyntaxError) as error:
        next_fire_times(cron, "UTC", datetime(2026, 1, 1, tzinfo=timezone.utc), 5)
    assert str(error.value) == message


@pytest.mark.parametrize(
    ("alias", "five_fields"),
    [
        ("@hourly", "0 * * * *"),
        ("@daily", "0 0 * * *"),
        ("@weekly", "0 0 * * 0"),
        ("@monthly", "0 0 1 * *"),
        ("@yearly", "0 0 1 1 *"),
    ],
)
def test_aliases_fire_like_their_five_fields(alias, five_fields):
    after = datetime(2026, 3, 28, 12, tzinfo=timezone.utc)
    assert next_fire_times(alias, BERLIN, after, 4) == next_fire_times(five_fields, BERLIN, after, 4)


def test_a_leap_day_cron_fires_within_the_horizon():
    after = datetime(2026, 1, 1, tzinfo=timezone.utc)
    assert iso(next_fire_times("0 0 29 2 *", "UTC", after, 1)) == ["2028-02-29T00:00:00+00:00"]


def test_names_in_month_and_weekday_fields():
    after = datetime(2026, 1, 1, tzinfo=timezone.utc)
    times = next_fire_times("0 9 * JAN MON-FRI", "UTC", after, 2)
    assert iso(times) == ["2026-01-01T09:00:00+00:00", "2026-01-02T09:00:00+00:00"]


def test_unknown_timezone():
    with pytest.raises(UnknownTimezoneError, match="Unknown time zone 'Mars/Olympus'"):
        next_fire_times("0 6 * * *", "Mars/Olympus", datetime.now(timezone.utc), 1)


def test_naive_after_is_rejected():
    with pytest.raises(ValueError, match="timezone-aware"):
        next_fire_times("0 6 * * *", "UTC", datetime(2026, 1, 1), 1)
