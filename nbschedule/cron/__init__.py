"""The one validation of cron expressions and parameter names; depends on nothing else here."""

from .calendar import FireCalendar, due_fire_times
from .firetimes import UnknownTimezoneError, next_fire_times, timezone_names, zone_for
from .names import ParameterNameError, check_parameter_name
from .problems import parameter_name_problems, timing_problems
from .syntax import ALIASES, CronSyntaxError, check_cron
from .utc import utc_now

__all__ = [
    "ALIASES",
    "CronSyntaxError",
    "FireCalendar",
    "ParameterNameError",
    "UnknownTimezoneError",
    "check_cron",
    "check_parameter_name",
    "due_fire_times",
    "next_fire_times",
    "parameter_name_problems",
    "timezone_names",
    "timing_problems",
    "utc_now",
    "zone_for",
]
