"""Wiring the scheduler into a Jupyter server: configuration, start on the server's event
loop, stop before the server shuts down."""

from __future__ import annotations

from tornado.ioloop import IOLoop

from ..metrics.default_registry import publish as publish_metrics
from .config import NbScheduleScheduler
from .database import DatabaseUnusable
from .engine import Scheduler
from .facade import CONFIG_KEY, SETTINGS_KEY, START_ERROR_KEY
from .service import SchedulerService


def start_scheduler(server_app) -> Scheduler | None:
    """Create, register (for the REST handlers) and schedule the start of the scheduler."""
    config = NbScheduleScheduler(parent=server_app)
    server_app.web_app.settings[CONFIG_KEY] = config
    if not config.enabled:
        server_app.log.info("nbschedule: the embedded scheduler is disabled")
        return None
    try:
        scheduler = Scheduler(server_app.root_dir, config, clock=config.clock, log=server_app.log)
    except DatabaseUnusable as error:
        server_app.log.error("nbschedule: the embedded scheduler did not start: %s", error)
        server_app.web_app.settings[START_ERROR_KEY] = str(error)
        return None
    service = SchedulerService(scheduler, config.tick_seconds, server_app.log)
    server_app.web_app.settings[SETTINGS_KEY] = scheduler
    publish_metrics(scheduler.db)
    IOLoop.current().add_callback(service.start)

    # Module extensions get no stop hook from jupyter_server 2 (only ExtensionApps do), so
    # the scheduler stops inside the server's own extension clean-up step.
    cleanup_extensions = server_app.cleanup_extensions

    async def stop_then_cleanup_extensions() -> None:
        await service.stop()
        await cleanup_extensions()

    server_app.cleanup_extensions = stop_then_cleanup_extensions
    return scheduler
