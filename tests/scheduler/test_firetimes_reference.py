"""next_fire_times against a brute-force reference: every minute, one by one.

The reference walks real minutes in UTC and checks each local wall time against the
cron's fields with its own small matcher (independent of croniter); in a repeated (fall-back) hour only an hourly cron fires in the second
pass. Spring-forward gaps are left out: there the rule shifts runs, which the
reference cannot express, and test_firetimes pins it.
"""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from nbschedule.scheduler import next_fire_times

CRONS = ["* * * * *", "*/15 * * * *", "0 * * * *", "30 2 * * *", "30 1 * * *"]
FALL_BACKS = [
    ("Europe/Berlin", datetime(2026, 10, 24, 21, 0, tzinfo=timezone.utc)),
    ("America/New_York", datetime(2026, 11, 1, 2, 0, tzinfo=timezone.utc)),
    ("Australia/Lord_Howe", datetime(2026, 4, 4, 12, 0, tzinfo=timezone.utc)),  # a 30-minute shift
    ("UTC", datetime(2026, 5, 1, tzinfo=timezone.utc)),
]


def field_values(text: str, low: int, high: int) -> set[int]:
    """'*', '*/n' and plain numbers: all that CRONS uses."""
    if text == "*":
        return set(range(low, high + 1))
    if text.startswith("*/"):
        return set(range(low, high + 1, int(text[2:])))
    return {int(text)}


def matches(cron: str, wall: datetime) -> bool:
    minute, hour, day, month, weekday = cron.split()
    return (wall.minute in field_values(minute, 0, 59) and wall.hour in field_values(hour, 0, 23)
            and wall.day in field_values(day, 1, 31) and wall.month in field_values(month, 1, 12)
            and (wall.isoweekday() % 7) in field_values(weekday, 0, 6))


def reference(cron: str, zone_name: str, after: datetime, count: int) -> list[datetime]:
    zone = ZoneInfo(zone_name)
    found, minute = [], after.replace(second=0, microsecond=0)
    while len(found) < count:
        minute += timedelta(minutes=1)
        local = minute.astimezone(zone)
        wall = local.replace(tzinfo=None)
        if not matches(cron, wall):
            continue
        repeated = wall.replace(tzinfo=zone, fold=0).utcoffset() != wall.replace(tzinfo=zone, fold=1).utcoffset()
        if repeated and local.fold == 1 and cron.split()[1] != "*":
            continue
        found.append(minute)
    return found


@pytest.mark.parametrize(("zone", "start"), FALL_BACKS, ids=[zone for zone, _ in FALL_BACKS])
@pytest.mark.parametrize("cron", CRONS)
def test_matches_the_minute_by_minute_reference(cron, zone, start):
    for minutes in range(0, 8 * 60, 37):
        after = start + timedelta(minutes=minutes, seconds=13)
        got = [instant.astimezone(timezone.utc) for instant in next_fire_times(cron, zone, after, 3)]
        assert got == reference(cron, zone, after, 3), (cron, zone, after.isoformat())
