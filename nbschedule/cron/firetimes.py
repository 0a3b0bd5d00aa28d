"""Next fire times of a cron expression in a time zone, as Airflow's CronTriggerTimetable
fires them, so the wizard, the embedded scheduler and a generated DAG share one calendar
(docs/AIRFLOW.md). Each fire time follows from the one before:

- the cron is matched against local wall-clock time: the next fire is the first wall
  time after the previous fire's wall time (read without its DST fold);
- a daily-or-rarer cron turns that wall time into an instant; a wall time repeated by a
  fall-back fires once, in its second pass; one inside a spring-forward gap fires
  once, shifted forward by the gap;
- a cron that fires every hour (hour field '*') moves on by the wall-clock step added
  to the previous instant: in a fall-back it runs in both passes of the repeated hour,
  as real hours pass.
"""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from croniter import croniter
from croniter.croniter import CroniterBadDateError

from .syntax import CronSyntaxError, check_cron

_MAX_STEPS = 10_000


class UnknownTimezoneError(ValueError):
    """A time zone name that is not in the IANA database."""


def zone_for(name: str) -> ZoneInfo:
    if name not in _known_zones():
        raise UnknownTimezoneError(f"Unknown time zone '{name}'; use an IANA name like 'Europe/Berlin'.")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise UnknownTimezoneError(f"Unknown time zone '{name}'.") from error


_ZONES: frozenset[str] | None = None


def _known_zones() -> frozenset[str]:
    global _ZONES
    if _ZONES is None:
        _ZONES = frozenset(available_timezones() | {"UTC"})
    return _ZONES


def timezone_names() -> list[str]:
    return sorted(_known_zones())


def _instant(wall: datetime, zone: ZoneInfo) -> datetime:
    """The UTC instant of a daily-or-rarer cron's wall time (Airflow's make_aware with fold=1)."""
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    if first.utcoffset() == second.utcoffset():
        return first.astimezone(timezone.utc)
    if first.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) != wall:
        # In a spring-forward gap: fold=0 reads the wall time with the offset before the
        # change, which lands the run just after the gap.
        return first.astimezone(timezone.utc)
    return second.astimezone(timezone.utc)


def _wall(instant: datetime, zone: ZoneInfo) -> datetime:
    return instant.astimezone(zone).replace(tzinfo=None, fold=0)


@lru_cache(maxsize=4096)
def _parsed(expression: str) -> croniter:
    """Parsing an expression costs far more than a step; each iteration copies a parsed one."""
    return croniter(expression, datetime(2000, 1, 1))


def _iterator(expression: str, wall: datetime) -> croniter:
    iterator = copy.copy(_parsed(expression))
    iterator.set_current(wall, force=True)
    return iterator


@lru_cache(maxsize=4096)
def _checked(cron: str, year: int) -> str:
    return check_cron(cron)  # its verdict depends on the expression and the year only


def covers_every_hour(expression: str) -> bool:
    """Whether the cron fires in every hour (croniter normalises such an hour field to '*')."""
    return _parsed(expression).expanded[1] == ["*"]


def next_fire_times(cron: str, zone_name: str, after: datetime, count: int) -> list[datetime]:
    """The next `count` fire instants strictly after `after`, in the schedule's zone."""
    expression = _checked(cron, datetime.now(timezone.utc).year) if isinstance(cron, str) else check_cron(cron)
    zone = zone_for(zone_name)
    if after.tzinfo is None:
        raise ValueError("'after' must be timezone-aware")
    hourly = covers_every_hour(expression)
    instant = after.astimezone(timezone.utc)
    wall = _wall(instant, zone)
    iterator = _iterator(expression, wall)
    found: list[datetime] = []
    for _ in range(_MAX_STEPS):
        try:
            next_wall = iterator.get_next(datetime)
        except CroniterBadDateError as error:
            raise CronSyntaxError("This expression never fires (no such date).") from error
        instant = instant + (next_wall - wall) if hourly else _instant(next_wall, zone)
        found.append(instant)
        if len(found) == count:
            break
        wall = _wall(instant, zone)
        if wall != next_wall:
            # A DST change moved the wall clock: go on from the fire's real wall time.
            iterator = _iterator(expression, wall)
    else:
        if not found:
            raise CronSyntaxError("This expression never fires.")
    return [t.astimezone(zone) for t in found]
