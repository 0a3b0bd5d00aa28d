"""Fire-time preview for the wizard: the server is the one place that computes them."""

from __future__ import annotations

from datetime import datetime, timezone

import tornado

from ..scheduler import (
    CronSyntaxError,
    UnknownTimezoneError,
    next_fire_times,
    timezone_names,
)
from .base import JsonHandler

MAX_COUNT = 50


class NextFireTimesHandler(JsonHandler):
    @tornado.web.authenticated
    def get(self) -> None:
        cron = self.get_query_argument("cron", "")
        zone = self.get_query_argument("timezone", "UTC")
        count_text = self.get_query_argument("count", "5")
        after_text = self.get_query_argument("after", "")
        if not count_text.isdigit() or not 1 <= int(count_text) <= MAX_COUNT:
            return self.fail(400, f"'count' must be a whole number from 1 to {MAX_COUNT}.", "count")
        try:
            after = datetime.fromisoformat(after_text) if after_text else datetime.now(timezone.utc)
        except ValueError:
            return self.fail(400, f"'after' is not an ISO 8601 date-time: '{after_text}'.", "after")
        if after.tzinfo is None:
            return self.fail(400, "'after' needs a UTC offset, e.g. 2026-03-29T00:00:00+00:00.", "after")
        try:
            times = next_fire_times(cron, zone, after, int(count_text))
        except CronSyntaxError as error:
            return self.fail(400, str(error), "cron")
        except UnknownTimezoneError as error:
            return self.fail(400, str(error), "timezone")
        self.reply({"cron": " ".join(cron.split()), "timezone": zone, "next": [t.isoformat() for t in times]})


class TimezonesHandler(JsonHandler):
    @tornado.web.authenticated
    def get(self) -> None:
        self.reply({"timezones": timezone_names()})
