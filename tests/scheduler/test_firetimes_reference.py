"""next_fire_times against a brute-force reference, minute by minute.

The reference follows the rule of docs/AIRFLOW.md with its own small matcher
(independent of croniter): from each fire, walk the wall clock minute by minute to the
next matching wall time; an hourly cron adds that wall-clock step to the previous
instant, any other cron fires at the last real minute showing that wall time, or, when
a spring-forward gap hides it, as far past the gap's start as the wall time lies.
"""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from nbschedule.cron import next_fire_times

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
    return (
        wall.minute in field_values(minute, 0, 59)
        and wall.hour in field_values(hour, 0, 23)
        and wall.day in field_values(day, 1, 31)
        and wall.month in field_values(month, 1, 12)
        and (wall.isoweekday() % 7) in field_values(weekday, 0, 6)
    )


def wall_of(instant: datetime, zone: ZoneInfo) -> datetime:
    return instant.astimezone(zone).replace(tzinfo=None, fold=0)


def instant_of(wall: datetime, zone: ZoneInfo, near: datetime) -> datetime:
    """The last real minute within three hours of `near` whose wall clock shows `wall`,
    or, in a gap, the last minute before it plus the rest of the way to `wall`."""
    near = near.replace(second=0, microsecond=0)
    minutes = [near + timedelta(minutes=k) for k in range(-180, 24 * 60 + 180)]
    showing = [m for m in minutes if wall_of(m, zone) == wall]
    if showing:
        return showing[-1]
    before = [m for m in minutes if wall_of(m, zone) < wall and wall - wall_of(m, zone) < timedelta(hours=3)]
    return before[-1] + (wall - wall_of(before[-1], zone))


def reference(cron: str, zone_name: str, after: datetime, count: int) -> list[datetime]:
    zone = ZoneInfo(zone_name)
    found, instant = [], after
    while len(found) < count:
        start = wall_of(instant, zone)
        wall = start.replace(second=0, microsecond=0) + timedelta(minutes=1)
        while not matches(cron, wall):
            wall += timedelta(minutes=1)
        if cron.split()[1] == "*":
            instant = instant + (wall - start)
        else:
            instant = instant_of(wall, zone, instant)
        found.append(instant)
    return found


@pytest.mark.parametrize(("zone", "start"), FALL_BACKS, ids=[zone for zone, _ in FALL_BACKS])
@pytest.mark.parametrize("cron", CRONS)
def test_matches_the_minute_by_minute_reference(cron, zone, start):
    for minutes in range(0, 8 * 60, 37):
        after = start + timedelta(minutes=minutes, seconds=13)
        got = [instant.astimezone(timezone.utc) for instant in next_fire_times(cron, zone, after, 3)]
        assert got == reference(cron, zone, after, 3), (cron, zone, after.isoformat())
