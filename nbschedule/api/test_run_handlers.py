"""Test runs for the wizard's review step: start one, follow it cell by cell, cancel it."""

from __future__ import annotations

from pathlib import Path

import tornado

from ..review import TEST_RUNS_KEY, TestRunConflict, TestRuns, spec_problems
from ..spec import SpecInvalid, with_defaults
from .base import JsonHandler


class _TestRunHandler(JsonHandler):
    @property
    def test_runs(self) -> TestRuns:
        return self.settings[TEST_RUNS_KEY]


class TestRunsHandler(_TestRunHandler):
    @tornado.web.authenticated
    def post(self) -> None:
        body = self.json_body()
        if body is None:
            return None
        spec = body.get("spec") if isinstance(body, dict) else None
        if not isinstance(spec, dict):
            return self.fail(400, "The request needs the schedule spec as 'spec'.", "spec")
        problems = spec_problems(spec, Path(self.test_runs.root))
        if problems:
            # Every problem with its JSON pointer, so the wizard can mark each field.
            return self.reply({"message": f"The schedule spec is not valid: {SpecInvalid(problems)}",
                               "field": problems[0].path, "errors": [p.to_json() for p in problems]}, 400)
        try:
            run = self.test_runs.start(with_defaults(spec))
        except TestRunConflict as error:
            return self.fail(409, str(error))
        self.set_header("Location", self.request.path.rstrip("/") + "/" + run.id)
        self.reply(run.to_json(), 202)


class TestRunHandler(_TestRunHandler):
    @tornado.web.authenticated
    def get(self, run_id: str) -> None:
        run = self.test_runs.runs.get(run_id)
        if run is None:
            return self.fail(404, f"There is no test run {run_id} (it may have been cancelled).")
        self.reply(run.to_json())

    @tornado.web.authenticated
    def delete(self, run_id: str) -> None:
        if not self.test_runs.cancel(run_id):
            return self.fail(404, f"There is no test run {run_id}.")
        self.set_status(204)
        self.finish()
