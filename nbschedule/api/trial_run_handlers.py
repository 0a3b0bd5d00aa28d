"""Trial runs (`/test-runs`) for the wizard's review step: start one, follow it cell by cell, cancel it."""

from __future__ import annotations

from pathlib import Path

import tornado

from ..review import TRIAL_RUNS_KEY, TrialRunConflict, TrialRuns, spec_problems
from ..spec import SpecError, SpecInvalid, with_defaults
from ..spec.paths import PathRefused, inside_root
from .base import JsonHandler
from .check_process import check_list_sizes
from .errors import ApiError


class _TrialRunHandler(JsonHandler):
    @property
    def trial_runs(self) -> TrialRuns:
        return self.settings[TRIAL_RUNS_KEY]


class TrialRunsHandler(_TrialRunHandler):
    @tornado.web.authenticated
    async def post(self) -> None:
        body = await self.json_object()
        spec = body.get("spec")
        if not isinstance(spec, dict):
            raise ApiError(400, "The request needs the schedule spec as 'spec'.", "spec")
        check_list_sizes(spec, self.limits.max_list_items)
        problems = []
        try:
            if isinstance(spec.get("notebook"), str):
                inside_root(self.trial_runs.root, spec["notebook"])
        except PathRefused as refused:  # before spec_problems, which resolves the path
            problems = [SpecError("/notebook", str(refused))]
        if not problems:  # off the event loop: a large spec takes a while to validate
            problems = await self.in_thread(spec_problems, spec, Path(self.trial_runs.root))
        if problems:
            # Every problem with its JSON pointer, so the wizard can mark each field.
            raise ApiError(
                400,
                f"The schedule spec is not valid: {SpecInvalid(problems)}",
                problems[0].path,
                errors=[p.to_json() for p in problems],
            )
        prepared = await self.in_thread(with_defaults, spec)
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
