"""Wiring the scheduler into a Jupyter server: configuration, start on the server's event
loop; the server extension (nbschedule/extension.py) stops it."""

from __future__ import annotations

from typing import Any

from tornado.ioloop import IOLoop

from ..metrics.default_registry import publish as publish_metrics
from .config import NbScheduleScheduler
from .database import DatabaseUnusable
from .engine import Scheduler
from .facade import CONFIG_KEY, SETTINGS_KEY, START_ERROR_KEY
from .service import SchedulerService

__all__ = ["SETTINGS_KEY", "START_ERROR_KEY", "start_scheduler"]


def start_scheduler(server_app, settings: dict[str, Any]) -> SchedulerService | None:
    """Create, register in `settings` (for the REST handlers) and schedule the start of the
    scheduler; answers its service, which the caller stops, or None when it is not running."""
    # Parented by the server, so c.NbScheduleScheduler in any server config file applies.
    config = NbScheduleScheduler(parent=server_app)
    settings[CONFIG_KEY] = config
    if not config.enabled:
        server_app.log.info("nbschedule: the embedded scheduler is disabled")
        return None
    try:
        scheduler = Scheduler(server_app.root_dir, config, clock=config.clock, log=server_app.log)
    except DatabaseUnusable as error:
        server_app.log.error("nbschedule: the embedded scheduler did not start: %s", error)
        settings[START_ERROR_KEY] = str(error)
        return None
    service = SchedulerService(scheduler, config.tick_seconds, server_app.log)
    settings[SETTINGS_KEY] = scheduler
    publish_metrics(scheduler.db)
    IOLoop.current().add_callback(service.start)
    return service
