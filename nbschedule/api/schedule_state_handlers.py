"""The Schedules view's REST side: every schedule's state facts, pause/resume, backfill preview, retire."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

import tornado

from ..cron import FireCalendar
from ..review import CONFIG_KEY, LocalGitError
from ..review.pending import pending_local_reviews
from ..review.retire import retire_on_branch
from .errors import ApiError
from .inputs import instant
from .scheduler_base import SchedulerHandler

_EPSILON = timedelta(microseconds=1)


class ScheduleStatesHandler(SchedulerHandler):
    """Active schedules as rows (pause state, latest run outcomes), spec errors, and pending local reviews."""

    @tornado.web.authenticated
    async def get(self) -> None:
        scheduler = self.scheduler()
        review = self.settings[CONFIG_KEY]
        # In GitHub mode the browser asks GitHub (through the proxy) for pull request states.
        if review.mode == "local":
            # The database and git answer at the same time.
            states, reviews = await asyncio.gather(
                self.in_thread(scheduler.states_json),
                self.in_thread(pending_local_reviews, self.settings["server_root_dir"]),
            )
        else:
            states = await self.in_thread(scheduler.states_json)
            reviews = {"branch": review.base_branch, "pending": []}
        # The facts stay text (see schedule_states_json): the review joins them as one more member.
        self.reply_text(f'{states[:-1]},"review":{json.dumps({"mode": review.mode, **reviews})}}}')


class ScheduleDetailHandler(SchedulerHandler):
    """GET: one active schedule's spec, pause state and latest runs in full (the list has only outcomes)."""

    @tornado.web.authenticated
    async def get(self, name: str) -> None:
        scheduler = self.scheduler()
        detail = await self.in_thread(scheduler.detail, name)
        if detail is None:
            raise ApiError(404, f"There is no active schedule named '{name}'.", "name")
        self.reply(detail)


class PauseHandler(SchedulerHandler):
    """POST pauses, DELETE resumes; both answer the schedule's pause state."""

    async def _set(self, name: str, paused: bool) -> None:
        scheduler = self.scheduler()
        if scheduler.spec_of(name) is None:
            raise ApiError(404, f"There is no active schedule named '{name}'.", "name")
        user = self.current_user.username if self.current_user else ""
        state = await self.in_thread(scheduler.set_paused, name, paused, user)
        self.reply({"name": name, **state})

    @tornado.web.authenticated
    async def post(self, name: str) -> None:
        await self._set(name, True)

    @tornado.web.authenticated
    async def delete(self, name: str) -> None:
        await self._set(name, False)


class FireTimesHandler(SchedulerHandler):
    """GET ?start&end: the fire times a backfill of [start, end] would cover, and which already have a run."""

    @tornado.web.authenticated
    async def get(self, name: str) -> None:
        scheduler = self.scheduler()
        spec = scheduler.spec_of(name)
        if spec is None:
            raise ApiError(404, f"There is no active schedule named '{name}'.", "name")
        bounds = {}
        for field in ("start", "end"):
            text = self.get_query_argument(field, "")
            if not text:
                raise ApiError(400, f"'{field}' is required (an ISO 8601 date or date-time).", field)
            bounds[field] = instant(text, field)
        if bounds["start"] > bounds["end"]:
            raise ApiError(400, "'start' must not be after 'end'.", "start")
        limit = scheduler.config.max_backfill_runs

        def plan():
            dates = FireCalendar(spec).between(bounds["start"] - _EPSILON, bounds["end"], limit + 1)
            return dates, scheduler.taken_fire_times(name, dates)

        dates, taken = await self.in_thread(plan)
        self.reply(
            {
                "fire_times": [d.isoformat() for d in dates[:limit]],
                "existing": [d.isoformat() for d in taken],
                "more": len(dates) > limit,
                "limit": limit,
                "now": scheduler.now().isoformat(),
            }
        )


class RetireHandler(SchedulerHandler):
    """POST: a review that removes the schedule's spec and DAG (local-git mode)."""

    @tornado.web.authenticated
    async def post(self, name: str) -> None:
        review = self.settings[CONFIG_KEY]
        if review.mode != "local":
            raise ApiError(
                409,
                "Retiring through a GitHub pull request is not available yet: remove "
                f"schedules/{name}.json and schedules/{name}_dag.py in a pull request.",
                "name",
            )
        try:
            result = await self.in_thread(
                lambda: retire_on_branch(self.settings["server_root_dir"], name, base_branch=review.base_branch)
            )
        except LocalGitError as error:
            raise ApiError(error.status, str(error), error.field) from None
        self.reply(result.to_json(), 201)
