"""Operating the scheduler: Prometheus metrics, health, and the operator's mode.

Metrics and health follow jupyter_server's own /metrics rule: they need a login unless
ServerApp.authenticate_prometheus is false, so a monitoring system can be allowed in.
"""

from __future__ import annotations

import tornado
from jupyter_server.auth.decorator import allow_unauthenticated

from ..metrics import metrics_text
from .errors import ApiError
from .scheduler_base import SchedulerHandler

MODE_OF_ACTION = {"pause": "paused", "drain": "draining", "resume": "running"}


class _MonitoringHandler(SchedulerHandler):
    # Scrapes and probes are not a user's activity: they must not keep an idle server from being culled.
    _track_activity = False

    def monitored_scheduler(self):
        """The scheduler, once the caller may see it; raises ApiError otherwise."""
        if self.settings.get("authenticate_prometheus", True) and not self.logged_in:
            raise ApiError(403, "Log in, or set ServerApp.authenticate_prometheus to false for monitoring.")
        return self.scheduler()


class MetricsHandler(_MonitoringHandler):
    @allow_unauthenticated
    async def get(self) -> None:
        scheduler = self.monitored_scheduler()
        body, content_type = await self.in_thread(metrics_text, scheduler.db)
        self.finish(body, set_content_type=content_type)


class HealthHandler(_MonitoringHandler):
    """200 while some process on the workspace fires schedules, else 503; the body says which."""

    @allow_unauthenticated
    async def get(self) -> None:
        scheduler = self.monitored_scheduler()
        report = await self.in_thread(scheduler.health)
        self.reply(report, 200 if report["alive"] else 503)


class ModeHandler(SchedulerHandler):
    """POST scheduler/pause, scheduler/drain or scheduler/resume: for every scheduler of the workspace."""

    @tornado.web.authenticated
    async def post(self, action: str) -> None:
        scheduler = self.scheduler()
        user = self.current_user
        who = f"rest:{getattr(user, 'username', None) or 'anonymous'}"
        self.reply(await self.in_thread(scheduler.set_mode, MODE_OF_ACTION[action], who))
