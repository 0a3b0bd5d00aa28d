"""Run history: list with filters and keyset pagination, one run in full, re-run, cancel."""

from __future__ import annotations

import tornado

from ..scheduler.facade import RUN_STATUSES, TRIGGERS, BadCursor, RunFilter
from .airflow_rerun import rerun_on_airflow
from .errors import ApiError
from .inputs import MAX_ROW_ID, instant, row_id, whole_number
from .scheduler_base import SchedulerHandler

MAX_LIMIT = 200
MAX_TEXT = 200


class RunsHandler(SchedulerHandler):
    def _choices(self, name: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
        values = tuple(v for v in self.get_query_argument(name, "").split(",") if v)
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise ApiError(
                400, f"'{name}' has unknown value '{unknown[0][:40]}'; use any of {', '.join(allowed)}.", name
            )
        return values

    def _text(self, name: str) -> str | None:
        value = self.get_query_argument(name, "").strip()
        if len(value) > MAX_TEXT:
            raise ApiError(400, f"'{name}' is longer than {MAX_TEXT} characters.", name)
        return value or None

    def _instant(self, name: str):
        text = self.get_query_argument(name, "")
        return instant(text, name) if text else None

    @tornado.web.authenticated
    async def get(self) -> None:
        scheduler = self.scheduler()
        limit = whole_number(self.get_query_argument("limit", "50"), "limit", 1, MAX_LIMIT)
        statuses, triggers = self._choices("status", RUN_STATUSES), self._choices("trigger", TRIGGERS)
        since, until = self._instant("since"), self._instant("until")
        if since and until and since >= until:
            raise ApiError(400, "'since' must be before 'until'.", "since")
        parent_text = self.get_query_argument("parent", "")
        parent = whole_number(parent_text, "parent", 1, MAX_ROW_ID) if parent_text else None
        children = self._choices("children", ("include",)) == ("include",)
        where = RunFilter(self._text("schedule"), statuses, triggers, since, until, self._text("q"), parent)
        cursor = self._text("cursor")
        try:
            items, next_cursor = await self.in_thread(scheduler.runs_page, where, cursor, limit, children)
        except BadCursor as error:
            raise ApiError(400, str(error), "cursor") from None
        self.reply({"runs": items, "next_cursor": next_cursor})


class RunHandler(SchedulerHandler):
    @tornado.web.authenticated
    async def get(self, run_pk: str) -> None:
        scheduler = self.scheduler()
        self.reply(await self.load_run(scheduler, run_pk))


class RunActionHandler(SchedulerHandler):
    """POST runs/<id>/rerun or runs/<id>/cancel."""

    @tornado.web.authenticated
    async def post(self, run_pk: str, action: str) -> None:
        scheduler = self.scheduler()
        number = row_id(run_pk)
        now = scheduler.now()
        before, after = await self.in_thread(scheduler.act_on_run, number, action, now)
        if before is None:
            raise ApiError(404, f"There is no run with id {number}.", "id")
        if before["engine"] != "embedded" and action == "rerun":
            self.reply(await rerun_on_airflow(self, scheduler, before), 202)
            return
        if before["engine"] != "embedded":
            raise ApiError(
                409,
                f"Run {number} ran on Airflow, which owns its DAG runs; cancel it there "
                "(in Airflow's UI, or with 'airflow dags' commands).",
                "id",
            )
        if after is None and before["parent"] is not None:
            reason = (
                f"Run {number} is an item of workflow run {before['parent']}, which has not finished; "
                "re-run the item once it has."
                if action == "rerun"
                else f"Run {number} is an item of workflow run {before['parent']}; cancel that run instead."
            )
            raise ApiError(409, reason, "id")
        if after is None:
            reason = (
                f"Run {number} is {before['status']}; only a finished run can be re-run (cancel it first)."
                if action == "rerun"
                else f"Run {number} already ended ({before['status']}); there is nothing to cancel."
            )
            raise ApiError(409, reason, "id")
        self.reply(after, 202)
