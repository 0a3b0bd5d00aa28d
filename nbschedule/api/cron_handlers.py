"""Fire-time preview for the wizard: the server is the one place that computes them."""

from __future__ import annotations

from datetime import datetime, timezone

import tornado

from ..cron import (
    CronSyntaxError,
    UnknownTimezoneError,
    next_fire_times,
    timezone_names,
)
from .base import JsonHandler
from .errors import ApiError
from .inputs import instant, whole_number

MAX_COUNT = 50


class NextFireTimesHandler(JsonHandler):
    @tornado.web.authenticated
    def get(self) -> None:
        cron = self.get_query_argument("cron", "")
        zone = self.get_query_argument("timezone", "UTC")
        count = whole_number(self.get_query_argument("count", "5"), "count", 1, MAX_COUNT)
        after_text = self.get_query_argument("after", "")
        after = instant(after_text, "after", date_is_utc_midnight=False) if after_text else datetime.now(timezone.utc)
        try:
            times = next_fire_times(cron, zone, after, count)
        except CronSyntaxError as error:
            raise ApiError(400, str(error), "cron") from None
        except UnknownTimezoneError as error:
            raise ApiError(400, str(error), "timezone") from None
        except OverflowError:
            raise ApiError(
                400, "'after' is too close to the end of the supported range for this cron.", "after"
            ) from None
        self.reply({"cron": " ".join(cron.split()), "timezone": zone, "next": [t.isoformat() for t in times]})


class TimezonesHandler(JsonHandler):
    @tornado.web.authenticated
    def get(self) -> None:
        self.reply({"timezones": timezone_names()})
