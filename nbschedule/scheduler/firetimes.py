"""Next fire times of a cron expression in a time zone, safe across DST changes.

Cron is read as local wall-clock time; every candidate is turned into a UTC instant
and compared in UTC, so a DST change can neither skip nor duplicate a run:
- a wall time inside a spring-forward gap fires once, shifted forward by the gap;
- a wall time repeated by a fall-back fires once (the first pass), unless the hour
  field is '*': an hourly job runs in both passes of the repeated hour, as real
  hours pass.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from croniter import croniter
from croniter.croniter import CroniterBadDateError

from .cron_syntax import CronSyntaxError, check_cron

# Longer than any DST shift: how far ahead a fall-back can matter, and how far wall-clock
# order and instant order can disagree.
_LOOKBACK = timedelta(hours=3)
_MAX_CANDIDATES = 10_000


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


def _instants(wall: datetime, zone: ZoneInfo, both_passes: bool) -> list[datetime]:
    first = wall.replace(tzinfo=zone, fold=0)
    second = wall.replace(tzinfo=zone, fold=1)
    first_utc = first.astimezone(timezone.utc)
    if first.utcoffset() == second.utcoffset():
        return [first_utc]
    round_trip = first_utc.astimezone(zone).replace(tzinfo=None)
    if round_trip != wall:
        # In a spring-forward gap: fold=0 uses the offset before the change,
        # which lands the run just after the gap.
        return [first_utc]
    if both_passes:
        return [first_utc, second.astimezone(timezone.utc)]
    return [first_utc]


def _fall_back_after(instant: datetime, zone: ZoneInfo) -> timedelta:
    """How far the wall clock goes back within the next few hours; zero if it does not."""
    shift = instant.astimezone(zone).utcoffset() - (instant + _LOOKBACK).astimezone(zone).utcoffset()
    return max(shift, timedelta(0))


def next_fire_times(cron: str, zone_name: str, after: datetime, count: int) -> list[datetime]:
    """The next `count` fire instants strictly after `after`, in the schedule's zone."""
    expression = check_cron(cron)
    zone = zone_for(zone_name)
    if after.tzinfo is None:
        raise ValueError("'after' must be timezone-aware")
    after_utc = after.astimezone(timezone.utc)
    hourly = expression.split()[1] == "*"
    # Only a fall-back ahead repeats wall times, some of them earlier than `after`'s own:
    # look back by the size of that shift, and not at all otherwise.
    start_wall = (after_utc.astimezone(zone) - _fall_back_after(after_utc, zone)).replace(tzinfo=None)
    iterator = croniter(expression, start_wall)
    found: list[datetime] = []
    seen: set[datetime] = set()
    for _ in range(_MAX_CANDIDATES):
        try:
            wall = iterator.get_next(datetime)
        except CroniterBadDateError as error:
            raise CronSyntaxError("This expression never fires (no such date).") from error
        instants = _instants(wall, zone, hourly)
        for instant in instants:
            if instant > after_utc and instant not in seen:
                seen.add(instant)
                found.append(instant)
        # Wall order and instant order differ only by a fall-back's shift, so once a
        # candidate lies that far past the count-th earliest, no earlier one can follow.
        if len(found) >= count:
            kth = sorted(found)[count - 1]
            if instants[0] - kth > _fall_back_after(kth, zone):
                break
    else:
        if not found:
            raise CronSyntaxError("This expression never fires.")
    found.sort()
    return [instant.astimezone(zone) for instant in found[:count]]
