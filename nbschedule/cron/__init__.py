"""The one validation of cron expressions and parameter names; depends on nothing else here."""

from .names import ParameterNameError, check_parameter_name
from .problems import cron_problems
from .syntax import ALIASES, CronSyntaxError, check_cron

__all__ = ["ALIASES", "CronSyntaxError", "ParameterNameError", "check_cron", "check_parameter_name",
           "cron_problems"]
