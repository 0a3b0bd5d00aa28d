"""Base of the handlers that read or change the embedded scheduler's state."""

from __future__ import annotations

from typing import Any

from ..scheduler.facade import SETTINGS_KEY, START_ERROR_KEY, SchedulerFacade
from .base import JsonHandler
from .errors import ApiError
from .inputs import row_id


class SchedulerHandler(JsonHandler):
    def scheduler(self) -> SchedulerFacade:
        """The running scheduler; ApiError 503 with the cause when there is none."""
        engine = self.settings.get(SETTINGS_KEY)
        if engine is not None:
            scheduler = SchedulerFacade(engine)
            problem = scheduler.problem()
            if problem is None:
                return scheduler
            raise ApiError(503, problem, "scheduler")
        cause = self.settings.get(START_ERROR_KEY)
        if cause:
            raise ApiError(503, cause, "scheduler")
        raise ApiError(
            503, "The embedded scheduler is disabled on this server (NbScheduleScheduler.enabled).", "scheduler"
        )

    async def load_run(self, scheduler: SchedulerFacade, run_pk: str) -> dict[str, Any]:
        """The run in full (record, attempts, lineage); ApiError 404 when there is none."""
        number = row_id(run_pk)
        detail = await self.in_thread(scheduler.run, number)
        if detail is None:
            raise ApiError(404, f"There is no run with id {number}.", "id")
        return detail
