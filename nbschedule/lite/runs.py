"""The server's lite runs, by id, from preparation to the browser's report."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..operator.notebook_file import read_notebook
from .attempt import LiteAttempt, TooLarge
from .check import NotLite, lite_problems
from .distribution import Distribution

KEEP = 50  # lite runs remembered; an abandoned one is forgotten after this many more


class LiteRunConflict(Exception):
    """A lite run of the same schedule is already under way."""


class NotLiteError(Exception):
    def __init__(self, problems: list[NotLite]):
        self.problems = problems
        super().__init__("The notebook is not lite: " + "; ".join(f"cell {p.cell + 1} {p.reason}" for p in problems))


@dataclass
class LiteRun:
    """A lite run as the wizard follows it: the shape of a server test run, plus what to execute."""

    attempt: LiteAttempt
    root: Path
    created_at: datetime

    @property
    def id(self) -> str:
        return self.attempt.record["run_id"]

    @property
    def schedule(self) -> str:
        return self.attempt.spec["name"]

    @property
    def owner(self) -> str:
        return self.attempt.spec.get("owner", "")

    @property
    def record(self) -> dict[str, Any] | None:
        return self.attempt.record if self.attempt.record["status"] else None

    @property
    def status(self) -> str:
        return self.attempt.record["status"] or "running"

    @property
    def message(self) -> str | None:
        return self.attempt.record["message"]

    @property
    def output_uri(self) -> str | None:
        return self.attempt.record["output_uri"]

    def output_path(self) -> str | None:
        if self.output_uri is None or "://" in self.output_uri:
            return None
        path, root = Path(self.output_uri).resolve(), self.root.resolve()
        return path.relative_to(root).as_posix() if path.is_relative_to(root) else None

    def to_json(self) -> dict[str, Any]:
        total = len(self.attempt.nb.cells) if self.attempt.nb is not None else 0
        body: dict[str, Any] = {
            "id": self.id,
            "schedule": self.schedule,
            "status": self.status,
            "lite": True,
            "cells_done": total if self.record else 0,
            "cells_total": total,
            "current_cell": None,
            "message": self.message,
        }
        if self.record is not None:
            body["record"] = self.record
            body["output_path"] = self.output_path()
        elif self.attempt.nb is not None:
            body["run"] = self.attempt.for_browser()
        return body


class LiteRuns:
    def __init__(
        self,
        root: str,
        distribution: Callable[[], Distribution],
        max_staged_bytes: int,
        on_finished: Callable[[LiteRun], None] | None,
    ):
        self.root = Path(root).resolve()
        self.distribution, self.max_staged_bytes, self.on_finished = distribution, max_staged_bytes, on_finished
        self.runs: dict[str, LiteRun] = {}

    def check(self, notebook: str) -> list[NotLite]:
        """Why the notebook at `notebook` (relative to the root) is not lite. Raises
        OSError or InvalidNotebook when it cannot be read, CoreMissing without the core."""
        return lite_problems(read_notebook(self.root, notebook), self.distribution())

    def start(self, spec: dict) -> LiteRun:
        """Prepare a lite run of a valid spec (with defaults); blocking (it stages the queries).
        Raises NotLiteError, LiteRunConflict."""
        if any(run.schedule == spec["name"] and not run.attempt.finished for run in self.runs.values()):
            raise LiteRunConflict(f"A lite run of {spec['name']} is already under way; wait for it or cancel it.")
        try:
            problems = self.check(spec["notebook"])
        except OSError as error:
            problems = [NotLite(0, f"cannot be read: {error.strerror or error}")]
        if problems:
            raise NotLiteError(problems)
        attempt = LiteAttempt(spec, self.root, self.max_staged_bytes)
        try:
            attempt.prepare()
        except TooLarge as error:
            attempt.cancel()
            raise NotLiteError([NotLite(0, str(error))]) from None
        run = LiteRun(attempt, self.root, datetime.now(timezone.utc))
        self.runs[run.id] = run
        for old in list(self.runs)[: max(0, len(self.runs) - KEEP)]:
            del self.runs[old]
        if run.attempt.finished:
            self._finished(run)
        return run

    def finish(self, run: LiteRun, reports, outcome) -> None:
        run.attempt.finish(reports, outcome)
        self._finished(run)

    def cancel(self, run_id: str) -> bool:
        run = self.runs.pop(run_id, None)
        if run is None:
            return False
        if not run.attempt.finished:
            run.attempt.cancel()
        return True

    def _finished(self, run: LiteRun) -> None:
        if self.on_finished is not None:
            self.on_finished(run)
