"""Trial runs (`/test-runs`) for the wizard's review step: start one, follow it cell by cell, cancel it."""

from __future__ import annotations

import tornado

from ..review import TRIAL_RUNS_KEY, TrialRunConflict, TrialRuns
from .base import JsonHandler
from .errors import ApiError
from .spec_body import posted_spec


class _TrialRunHandler(JsonHandler):
    @property
    def trial_runs(self) -> TrialRuns:
        return self.settings[TRIAL_RUNS_KEY]


class TrialRunsHandler(_TrialRunHandler):
    @tornado.web.authenticated
    async def post(self) -> None:
        prepared = await posted_spec(self, self.trial_runs.root)
        try:
            run = self.trial_runs.start(prepared)
        except TrialRunConflict as error:
            raise ApiError(409, str(error), "spec") from None
        self.set_header("Location", self.request.path.rstrip("/") + "/" + run.id)
        self.reply(run.to_json(), 202)


class TrialRunHandler(_TrialRunHandler):
    @tornado.web.authenticated
    def get(self, run_id: str) -> None:
        run = self.trial_runs.runs.get(run_id)
        if run is None:
            raise ApiError(404, f"There is no test run {run_id[:80]} (it may have been cancelled).", "id")
        self.reply(run.to_json())

    @tornado.web.authenticated
    def delete(self, run_id: str) -> None:
        if not self.trial_runs.cancel(run_id):
            raise ApiError(404, f"There is no test run {run_id[:80]}.", "id")
        self.set_status(204)
        self.finish()
