"""The runs panel's own endpoints: a debug copy of a run, and text search of run history."""

from __future__ import annotations

import tornado

from ..runs import NoRecord, search_runs, write_debug_copy
from ..scheduler.details import run_details
from ..scheduler.history import RUN_STATUSES, BadCursor, RunFilter
from .runs_handlers import MAX_LIMIT
from .scheduler_handler import SchedulerHandler


class DebugCopyHandler(SchedulerHandler):
    """POST runs/<id>/debug: write (or find) the run's debug copy next to its notebook."""

    @tornado.web.authenticated
    async def post(self, run_pk: str) -> None:
        scheduler = self.scheduler_or_fail()
        if scheduler is None:
            return

        def load():
            with scheduler.db.read() as connection:
                return run_details(connection, int(run_pk), scheduler.root)

        detail = await self.in_thread(load)
        if detail is None:
            return self.fail(404, f"There is no run with id {run_pk}.", "id")
        if detail["record"] is None:
            return self.fail(409, f"Run {run_pk} is {detail['status']} and has no run record yet; "
                             "there is nothing to debug from.", "id")
        try:
            copy = await self.in_thread(write_debug_copy, scheduler.root, detail["record"])
        except NoRecord as error:
            return self.fail(409, str(error), "id")
        self.reply(copy.to_json(), 201 if copy.created else 200)


class RunSearchHandler(SchedulerHandler):
    """GET run-search?q=TEXT[&schedule&status&since&until&cursor&limit]."""

    @tornado.web.authenticated
    async def get(self) -> None:
        scheduler = self.scheduler_or_fail()
        if scheduler is None:
            return
        text = self.get_query_argument("q", "").strip()
        if not text:
            return self.fail(400, "'q' must hold the text to search for.", "q")
        limit_text = self.get_query_argument("limit", "50")
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_LIMIT:
            return self.fail(400, f"'limit' must be a whole number from 1 to {MAX_LIMIT}.", "limit")
        statuses = tuple(v for v in self.get_query_argument("status", "").split(",") if v)
        unknown = [v for v in statuses if v not in RUN_STATUSES]
        if unknown:
            return self.fail(400, f"'status' has unknown value '{unknown[0]}'.", "status")
        ok_since, since = self.instant_argument("since")
        ok_until, until = self.instant_argument("until") if ok_since else (False, None)
        if not ok_until:
            return
        where = RunFilter(self.get_query_argument("schedule", "") or None, statuses, (), since, until)

        def page():
            with scheduler.db.read() as connection:
                return search_runs(connection, text, where, self.get_query_argument("cursor", "") or None,
                                   int(limit_text), scheduler.root)

        try:
            items, next_cursor = await self.in_thread(page)
        except BadCursor as error:
            return self.fail(400, str(error), "cursor")
        self.reply({"runs": items, "next_cursor": next_cursor})
