"""Base of the handlers that read or change the embedded scheduler's state."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from typing import Any, Callable, TypeVar

from ..scheduler.details import run_details
from ..scheduler.engine import Scheduler
from ..scheduler.server import SETTINGS_KEY
from .base import JsonHandler

T = TypeVar("T")


class SchedulerHandler(JsonHandler):
    def scheduler_or_fail(self) -> Scheduler | None:
        """The running scheduler, or None after replying 503."""
        scheduler = self.settings.get(SETTINGS_KEY)
        if scheduler is None:
            self.fail(503, "The embedded scheduler is disabled on this server (NbScheduleScheduler.enabled).")
        return scheduler

    async def in_thread(self, work: Callable[..., T], *args: Any) -> T:
        """Database work off the event loop: a write may wait for the scheduler's lock."""
        return await asyncio.to_thread(work, *args)

    async def load_run(self, scheduler: Scheduler, run_pk: str) -> dict[str, Any] | None:
        """The run in full (record, attempts, lineage), or None after replying 404."""

        def load():
            with scheduler.db.read() as connection:
                return run_details(connection, int(run_pk), scheduler.root)

        detail = await self.in_thread(load)
        if detail is None:
            self.fail(404, f"There is no run with id {run_pk}.", "id")
        return detail

    def instant_argument(self, name: str) -> tuple[bool, datetime | None]:
        """(ok, value) of an optional ISO 8601 query argument with a UTC offset; replies 400 when not ok."""
        text = self.get_query_argument(name, "")
        if not text:
            return True, None
        return parse_instant(self, text, name)


def parse_instant(handler: JsonHandler, text: Any, field: str) -> tuple[bool, datetime | None]:
    """Dates (YYYY-MM-DD, taken as UTC midnight) or date-times with an offset."""
    if not isinstance(text, str):
        handler.fail(400, f"'{field}' must be an ISO 8601 date or date-time string.", field)
        return False, None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        handler.fail(400, f"'{field}' is not an ISO 8601 date or date-time: '{text}'.", field)
        return False, None
    if value.tzinfo is None:
        if len(text) == 10:
            return True, value.replace(tzinfo=timezone.utc)
        handler.fail(400, f"'{field}' needs a UTC offset, e.g. 2026-03-29T00:00:00+00:00.", field)
        return False, None
    return True, value
