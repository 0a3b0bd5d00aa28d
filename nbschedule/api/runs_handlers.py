"""Run history: list with filters and keyset pagination, one run in full, re-run, cancel."""

from __future__ import annotations

import tornado

from ..scheduler.history import RUN_STATUSES, TRIGGERS, BadCursor, RunFilter, list_runs, run_json
from ..scheduler.models import RunRow
from ..scheduler.runstore import request_cancel, requeue
from .scheduler_handler import SchedulerHandler

MAX_LIMIT = 200
runs = RunRow.__table__


class RunsHandler(SchedulerHandler):
    def _choices(self, name: str, allowed: tuple[str, ...]) -> tuple[str, ...] | None:
        values = tuple(v for v in self.get_query_argument(name, "").split(",") if v)
        unknown = [v for v in values if v not in allowed]
        if unknown:
            self.fail(400, f"'{name}' has unknown value '{unknown[0]}'; use any of {', '.join(allowed)}.", name)
            return None
        return values

    @tornado.web.authenticated
    async def get(self) -> None:
        scheduler = self.scheduler_or_fail()
        if scheduler is None:
            return
        limit_text = self.get_query_argument("limit", "50")
        if not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_LIMIT:
            return self.fail(400, f"'limit' must be a whole number from 1 to {MAX_LIMIT}.", "limit")
        statuses = self._choices("status", RUN_STATUSES)
        triggers = None if statuses is None else self._choices("trigger", TRIGGERS)
        if triggers is None:
            return
        ok_since, since = self.instant_argument("since")
        ok_until, until = self.instant_argument("until") if ok_since else (False, None)
        if not ok_until:
            return
        if since and until and since >= until:
            return self.fail(400, "'since' must be before 'until'.", "since")
        where = RunFilter(self.get_query_argument("schedule", "") or None, statuses, triggers, since, until,
                          self.get_query_argument("q", "").strip() or None)

        def page():
            with scheduler.db.read() as connection:
                return list_runs(connection, where, self.get_query_argument("cursor", "") or None, int(limit_text),
                                 scheduler.root)

        try:
            items, next_cursor = await self.in_thread(page)
        except BadCursor as error:
            return self.fail(400, str(error), "cursor")
        self.reply({"runs": items, "next_cursor": next_cursor})


class RunHandler(SchedulerHandler):
    @tornado.web.authenticated
    async def get(self, run_pk: str) -> None:
        scheduler = self.scheduler_or_fail()
        if scheduler is None:
            return
        detail = await self.load_run(scheduler, run_pk)
        if detail is not None:
            self.reply(detail)


class RunActionHandler(SchedulerHandler):
    """POST runs/<id>/rerun or runs/<id>/cancel."""

    @tornado.web.authenticated
    async def post(self, run_pk: str, action: str) -> None:
        scheduler = self.scheduler_or_fail()
        if scheduler is None:
            return
        now = scheduler.clock()

        def act():
            with scheduler.db.write() as connection:
                row = connection.execute(runs.select().where(runs.c.id == int(run_pk))).first()
                if row is None or row.engine != "embedded":
                    return row, None
                done = requeue(connection, row.id, now) if action == "rerun" else request_cancel(connection, row.id, now)
                return row, connection.execute(runs.select().where(runs.c.id == row.id)).first() if done else None

        before, after = await self.in_thread(act)
        if before is None:
            return self.fail(404, f"There is no run with id {run_pk}.", "id")
        if after is None and before.engine != "embedded":
            return self.fail(409, f"Run {run_pk} ran on Airflow, which owns its DAG runs; {action} it there "
                             "(in Airflow's UI, or with 'airflow dags trigger').", "id")
        if after is None:
            reason = (f"Run {run_pk} is {before.status}; only a finished run can be re-run (cancel it first)."
                      if action == "rerun" else f"Run {run_pk} already ended ({before.status}); there is nothing to cancel.")
            return self.fail(409, reason, "id")
        self.reply(run_json(after, scheduler.root), 202)
