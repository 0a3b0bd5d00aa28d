"""REST routes of lite runs (see openapi.yaml): the check, a run's two halves, the Pyodide core, wheels."""

from __future__ import annotations

import dataclasses

import tornado
from jupyter_server.base.handlers import FileFindHandler

from ..lite.config import lite_settings
from ..lite.distribution import CORE_FOLDER, KERNEL_FOLDER, CoreMissing, load_distribution
from ..lite.report import CellReport, LiteOutcome, ReportInvalid
from ..lite.runs import LiteRunConflict, LiteRuns, NotLiteError
from ..lite.wheels import WheelRefused, served_wheels, wheel_imports, wheel_path
from ..operator.notebook_file import InvalidNotebook
from ..review import TRIAL_RUNS_KEY
from ..spec.paths import PathRefused, inside_root
from .base import JsonHandler
from .errors import ApiError
from .spec_body import posted_spec

RUNS_KEY = "nbschedule_lite_runs"


class _LiteHandler(JsonHandler):
    @property
    def lite_runs(self) -> LiteRuns:
        if RUNS_KEY not in self.settings:
            config = lite_settings(self.settings)
            trial_runs = self.settings.get(TRIAL_RUNS_KEY)
            # Finished lite runs join the test-run history as server test runs do.
            self.settings[RUNS_KEY] = LiteRuns(
                self.settings["server_root_dir"],
                lambda: dataclasses.replace(
                    load_distribution(full=bool(config.pyodide_url)), wheels=wheel_imports(config.wheels_folder)
                ),
                config.max_staged_bytes,
                trial_runs.on_finished if trial_runs is not None else None,
            )
        return self.settings[RUNS_KEY]

    def core_url(self) -> str:
        """Where the browser loads Pyodide from: the configured distribution, else this server."""
        own = f"{self.base_url.rstrip('/')}/nbschedule/lite/pyodide/"
        return lite_settings(self.settings).pyodide_url or own

    def kernel_url(self) -> str:
        return f"{self.base_url.rstrip('/')}/nbschedule/lite/kernel/nbschedule_lite.py"

    def wheels_url(self) -> str:
        return f"{self.base_url.rstrip('/')}/nbschedule/lite/wheels/"


class LiteCheckHandler(_LiteHandler):
    @tornado.web.authenticated
    async def post(self) -> None:
        body = await self.json_object()
        notebook = body.get("notebook")
        try:
            inside_root(self.lite_runs.root, notebook)
            problems = await self.in_thread(self.lite_runs.check, notebook)
        except PathRefused as refused:
            raise ApiError(400, str(refused), "notebook") from None
        except (OSError, InvalidNotebook) as error:
            raise ApiError(
                400, f"The notebook cannot be read: {getattr(error, 'strerror', None) or error}", "notebook"
            ) from None
        except CoreMissing as error:
            raise ApiError(503, str(error), "notebook") from None
        self.reply(
            {
                "lite": not problems,
                "problems": [p.to_json() for p in problems],
                "pyodide_url": self.core_url(),
                "kernel_url": self.kernel_url(),
                "wheels_url": self.wheels_url(),
                "full": bool(lite_settings(self.settings).pyodide_url),
            }
        )


class LiteRunsHandler(_LiteHandler):
    @tornado.web.authenticated
    async def post(self) -> None:
        spec = await posted_spec(self, self.lite_runs.root)
        try:
            run = await self.in_thread(self.lite_runs.start, spec)
        except NotLiteError as error:
            # The wizard falls back to the server test run and shows these reasons.
            raise ApiError(409, str(error), "/notebook", problems=[p.to_json() for p in error.problems]) from None
        except LiteRunConflict as error:
            raise ApiError(409, str(error), "spec") from None
        except CoreMissing as error:
            raise ApiError(503, str(error), "spec") from None
        self.set_header("Location", self.request.path.rstrip("/") + "/" + run.id)
        self.reply(run.to_json(), 201)


class LiteRunHandler(_LiteHandler):
    def _run(self, run_id: str):
        run = self.lite_runs.runs.get(run_id)
        if run is None:
            raise ApiError(404, f"There is no lite run {run_id[:80]} (it may have been cancelled).", "id")
        return run

    @tornado.web.authenticated
    async def post(self, run_id: str) -> None:
        """The browser's report: every cell it ran, in order, and how the run ended."""
        run = self._run(run_id)
        if run.attempt.finished:
            raise ApiError(409, f"The lite run {run_id[:80]} has already finished.", "id")
        body = await self.json_object()
        cells = body.get("cells")
        if not isinstance(cells, list):
            raise ApiError(400, "The report needs the cells it ran as 'cells'.", "cells")
        total = len(run.attempt.nb.cells)
        try:
            if len(cells) > total:
                raise ReportInvalid("cells", f"The notebook has {total} cells; the report lists {len(cells)}.")
            reports = [CellReport.read(cell, f"cells/{index}") for index, cell in enumerate(cells)]
            outcome = LiteOutcome.read(body, total, len(reports), run.attempt.spec["cell_timeout_seconds"])
            await self.in_thread(self.lite_runs.finish, run, reports, outcome)
        except ReportInvalid as error:
            raise ApiError(400, str(error), error.field) from None
        self.reply(run.to_json())

    @tornado.web.authenticated
    def get(self, run_id: str) -> None:
        self.reply(self._run(run_id).to_json())

    @tornado.web.authenticated
    def delete(self, run_id: str) -> None:
        if not self.lite_runs.cancel(run_id):
            raise ApiError(404, f"There is no lite run {run_id[:80]}.", "id")
        self.set_status(204)
        self.finish()


class PyodideCoreHandler(FileFindHandler):
    """The Pyodide core copied from the npm package at build time; fetched only by a lite run."""

    def initialize(self) -> None:
        super().initialize(path=str(CORE_FOLDER))


class LiteKernelHandler(FileFindHandler):
    """The Python module the worker runs cells with (nbschedule_lite.py)."""

    def initialize(self) -> None:
        super().initialize(path=str(KERNEL_FOLDER))


class LiteWheelsHandler(_LiteHandler):
    """GET lite/wheels/: the served wheels and their modules; GET lite/wheels/<file>: one wheel."""

    @tornado.web.authenticated
    async def get(self, file: str = "") -> None:
        folder = lite_settings(self.settings).wheels_folder
        if not file:
            wheels = await self.in_thread(served_wheels, folder)
            self.reply({"wheels": [wheel.to_json() for wheel in wheels]})
            return
        try:
            path = await self.in_thread(wheel_path, folder, file)
        except WheelRefused as refused:
            raise ApiError(400, str(refused), "file") from None
        except FileNotFoundError:
            raise ApiError(404, f"This server serves no wheel {file[:80]!r}.", "file") from None
        self.set_header("Content-Type", "application/octet-stream")
        self.finish(await self.in_thread(path.read_bytes))
