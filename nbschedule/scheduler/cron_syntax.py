"""Cron validation lives in ``nbschedule.cron``; re-exported for this package's importers."""

from ..cron import CronSyntaxError, check_cron

__all__ = ["CronSyntaxError", "check_cron"]
