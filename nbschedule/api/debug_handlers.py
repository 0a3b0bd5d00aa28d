"""The runs panel's own endpoint: a debug copy of a run."""

from __future__ import annotations

import tornado

from ..runs import NoRecord, write_debug_copy
from ..spec.paths import PathRefused
from .errors import ApiError
from .scheduler_base import SchedulerHandler


class DebugCopyHandler(SchedulerHandler):
    """POST runs/<id>/debug: write (or find) the run's debug copy next to its notebook."""

    @tornado.web.authenticated
    async def post(self, run_pk: str) -> None:
        scheduler = self.scheduler()
        detail = await self.load_run(scheduler, run_pk)
        if detail["record"] is None:
            raise ApiError(
                409,
                f"Run {run_pk} is {detail['status']} and has no run record yet; there is nothing to debug from.",
                "id",
            )
        # An Airflow run's staged inputs are in the shared store: copied in first, so the copy replays them.
        record, warnings = await self.in_thread(scheduler.with_local_inputs, detail["record"])
        try:
            copy = await self.in_thread(write_debug_copy, scheduler.root, record)
        except PathRefused as refused:
            raise ApiError(400, f"Run {run_pk}'s notebook cannot get a debug copy: {refused}", "notebook") from None
        except NoRecord as error:
            raise ApiError(409, str(error), "id") from None
        copy.warnings[:0] = warnings
        self.reply(copy.to_json(), 201 if copy.created else 200)
