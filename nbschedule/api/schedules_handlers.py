"""Schedules: the active list (with next fire time, last run, load errors), backfill, manual run."""

from __future__ import annotations

from datetime import timedelta

import tornado

from ..scheduler.calendar import FireCalendar
from ..scheduler.history import run_json
from ..scheduler.models import RunRow
from ..scheduler.overview import schedule_overview
from ..scheduler.runstore import add_manual_run, claim_runs
from .scheduler_handler import SchedulerHandler, parse_instant

runs = RunRow.__table__
_EPSILON = timedelta(microseconds=1)


class SchedulesHandler(SchedulerHandler):
    @tornado.web.authenticated
    async def get(self) -> None:
        scheduler = self.scheduler_or_fail()
        if scheduler is not None:
            self.reply(await self.in_thread(schedule_overview, scheduler))


class _OneScheduleHandler(SchedulerHandler):
    def spec_or_fail(self, scheduler, name: str):
        spec = scheduler.spec_of(name)
        if spec is None:
            self.fail(404, f"There is no active schedule named '{name}'.", "name")
        return spec


class BackfillHandler(_OneScheduleHandler):
    """One run per fire time in [start, end], claimed like scheduled runs (so never twice)."""

    @tornado.web.authenticated
    async def post(self, name: str) -> None:
        scheduler = self.scheduler_or_fail()
        body = None if scheduler is None else self.json_body()
        if body is None:
            return
        if not isinstance(body, dict):
            return self.fail(400, "The request body must be a JSON object with 'start' and 'end'.")
        spec = self.spec_or_fail(scheduler, name)
        if spec is None:
            return
        for field in ("start", "end"):
            if field not in body:
                return self.fail(400, f"'{field}' is required (an ISO 8601 date or date-time).", field)
        ok, start = parse_instant(self, body["start"], "start")
        ok, end = parse_instant(self, body["end"], "end") if ok else (False, None)
        if not ok:
            return
        now = scheduler.clock()
        if start > end:
            return self.fail(400, "'start' must not be after 'end'.", "start")
        if end > now:
            return self.fail(400, "'end' is in the future; a backfill only covers fire times that have passed.", "end")
        limit = scheduler.config.max_backfill_runs
        dates = FireCalendar(spec).between(start - _EPSILON, end, limit + 1)
        if len(dates) > limit:
            return self.fail(400, f"The range holds more than {limit} fire times; backfill at most {limit} runs "
                                  "per request.", "end")
        if not dates:
            return self.fail(400, f"No fire time of '{name}' falls between 'start' and 'end'.", "start")

        def claim():
            with scheduler.db.write() as connection:
                return claim_runs(connection, spec, "backfill", dates, now)

        created = set(await self.in_thread(claim))
        self.reply({"created": [d.isoformat() for d in dates if d in created],
                    "existing": [d.isoformat() for d in dates if d not in created]}, 201)


class ManualRunHandler(_OneScheduleHandler):
    """Run a schedule now; its logical date is now and its trigger 'manual'."""

    @tornado.web.authenticated
    async def post(self, name: str) -> None:
        scheduler = self.scheduler_or_fail()
        body = None if scheduler is None else (self.json_body() if self.request.body else {})
        if body is None:
            return
        spec = self.spec_or_fail(scheduler, name)
        if spec is None:
            return
        overrides = body.get("parameters") if isinstance(body, dict) else None
        if not isinstance(body, dict) or not isinstance(overrides, (dict, type(None))):
            return self.fail(400, "'parameters' must be a JSON object of parameter name to value.", "parameters")

        def add():
            with scheduler.db.write() as connection:
                run_pk = add_manual_run(connection, spec, scheduler.clock(), overrides)
                return connection.execute(runs.select().where(runs.c.id == run_pk)).first()

        self.reply(run_json(await self.in_thread(add), scheduler.root), 201)
