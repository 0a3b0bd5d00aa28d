"""Schedules: the active list (with next fire time, last run, load errors), backfill, manual run."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import tornado

from ..cron import FireCalendar, ParameterNameError, check_parameter_name
from .errors import ApiError
from .inputs import instant
from .scheduler_base import SchedulerHandler

_EPSILON = timedelta(microseconds=1)
MAX_OVERRIDES = 100


class SchedulesHandler(SchedulerHandler):
    @tornado.web.authenticated
    async def get(self) -> None:
        scheduler = self.scheduler()
        self.reply(await self.in_thread(scheduler.overview))


class _OneScheduleHandler(SchedulerHandler):
    def active_spec(self, scheduler, name: str) -> dict[str, Any]:
        spec = scheduler.spec_of(name)
        if spec is None:
            raise ApiError(404, f"There is no active schedule named '{name}'.", "name")
        return spec


class BackfillHandler(_OneScheduleHandler):
    """One run per fire time in [start, end], claimed like scheduled runs (so never twice)."""

    @tornado.web.authenticated
    async def post(self, name: str) -> None:
        scheduler = self.scheduler()
        body = await self.json_object()
        spec = self.active_spec(scheduler, name)
        for field in ("start", "end"):
            if field not in body:
                raise ApiError(400, f"'{field}' is required (an ISO 8601 date or date-time).", field)
        start, end = instant(body["start"], "start"), instant(body["end"], "end")
        now = scheduler.now()
        if start > end:
            raise ApiError(400, "'start' must not be after 'end'.", "start")
        if end > now:
            raise ApiError(400, "'end' is in the future; a backfill only covers fire times that have passed.", "end")
        limit = scheduler.config.max_backfill_runs
        dates = await self.in_thread(lambda: FireCalendar(spec).between(start - _EPSILON, end, limit + 1))
        if len(dates) > limit:
            raise ApiError(
                400, f"The range holds more than {limit} fire times; backfill at most {limit} runs per request.", "end"
            )
        if not dates:
            raise ApiError(400, f"No fire time of '{name}' falls between 'start' and 'end'.", "start")
        created = await self.in_thread(scheduler.claim_backfill, spec, dates, now)
        self.reply(
            {
                "created": [d.isoformat() for d in dates if d in created],
                "existing": [d.isoformat() for d in dates if d not in created],
            },
            201,
        )


def checked_overrides(body: dict[str, Any]) -> dict[str, Any] | None:
    """The 'parameters' of a manual run: each name becomes a line of the injected cell, so
    each must be a plain identifier (ApiError 400 otherwise)."""
    overrides = body.get("parameters")
    if overrides is None:
        return None
    if not isinstance(overrides, dict):
        raise ApiError(400, "'parameters' must be a JSON object of parameter name to value.", "parameters")
    if len(overrides) > MAX_OVERRIDES:
        raise ApiError(400, f"'parameters' holds more than {MAX_OVERRIDES} parameters.", "parameters")
    for name in overrides:
        try:
            check_parameter_name(name)
        except ParameterNameError as error:
            raise ApiError(400, str(error), "parameters") from None
    return overrides


class ManualRunHandler(_OneScheduleHandler):
    """Run a schedule now; its logical date is now and its trigger 'manual'."""

    @tornado.web.authenticated
    async def post(self, name: str) -> None:
        scheduler = self.scheduler()
        body = await self.json_object()
        spec = self.active_spec(scheduler, name)
        unknown = sorted(set(body) - {"parameters"})
        if unknown:
            raise ApiError(
                400, f"Unknown field '{unknown[0][:40]}'; a manual run takes only 'parameters'.", unknown[0][:40]
            )
        overrides = checked_overrides(body)
        self.reply(await self.in_thread(scheduler.add_manual_run, spec, overrides), 201)
