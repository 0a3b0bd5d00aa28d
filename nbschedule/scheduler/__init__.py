"""Scheduling: when schedules fire."""

from .cron_syntax import CronSyntaxError, check_cron
from .firetimes import UnknownTimezoneError, next_fire_times, timezone_names, zone_for

__all__ = [
    "CronSyntaxError",
    "UnknownTimezoneError",
    "check_cron",
    "next_fire_times",
    "timezone_names",
    "zone_for",
]
