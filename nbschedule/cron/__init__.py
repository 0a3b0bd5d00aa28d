"""The one validation of cron expressions and parameter names; depends on nothing else here."""

from .calendar import FireCalendar, due_fire_times
from .firetimes import UnknownTimezoneError, next_fire_times, timezone_names, zone_for
from .names import ParameterNameError, check_parameter_name
from .problems import cron_problems
from .syntax import ALIASES, CronSyntaxError, check_cron

__all__ = ["ALIASES", "CronSyntaxError", "FireCalendar", "ParameterNameError", "UnknownTimezoneError",
           "check_cron", "check_parameter_name", "cron_problems", "due_fire_times", "next_fire_times",
           "timezone_names", "zone_for"]
