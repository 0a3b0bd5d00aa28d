"""URL table of the REST API."""

from __future__ import annotations

from jupyter_server.utils import url_path_join

from .cron_handlers import NextFireTimesHandler, TimezonesHandler
from .debug_handlers import DebugCopyHandler
from .lite_handlers import (
    LiteCheckHandler,
    LiteKernelHandler,
    LiteRunHandler,
    LiteRunsHandler,
    LiteWheelsHandler,
    PyodideCoreHandler,
)
from .notifications_handlers import NotificationsHandler
from .ops_handlers import HealthHandler, MetricsHandler, ModeHandler
from .review_handlers import GitHubProxyHandler, LocalBranchHandler, ReviewConfigHandler
from .runs_handlers import RunActionHandler, RunHandler, RunsHandler
from .schedule_state_handlers import (
    FireTimesHandler,
    PauseHandler,
    RetireHandler,
    ScheduleDetailHandler,
    ScheduleStatesHandler,
)
from .schedules_handlers import BackfillHandler, ManualRunHandler, SchedulesHandler
from .spec_handlers import SpecCheckHandler, ZonesHandler
from .trial_run_handlers import TrialRunHandler, TrialRunsHandler

NAMESPACE = "nbschedule"

# (path under /nbschedule, handler); each path is documented in openapi.yaml.
ROUTES = [
    ("cron/next", NextFireTimesHandler),
    ("timezones", TimezonesHandler),
    ("runs", RunsHandler),
    (r"runs/(\d+)", RunHandler),
    (r"runs/(\d+)/(rerun|cancel)", RunActionHandler),
    ("schedules", SchedulesHandler),
    (r"schedules/([a-z][a-z0-9_]{0,62})/backfill", BackfillHandler),
    (r"schedules/([a-z][a-z0-9_]{0,62})/runs", ManualRunHandler),
    ("notifications", NotificationsHandler),
    (r"runs/(\d+)/debug", DebugCopyHandler),
    ("test-runs", TrialRunsHandler),
    (r"test-runs/([A-Za-z0-9._:+-]+)", TrialRunHandler),
    ("review/config", ReviewConfigHandler),
    ("review/local-branch", LocalBranchHandler),
    ("github/(.*)", GitHubProxyHandler),
    ("zones", ZonesHandler),
    ("spec/check", SpecCheckHandler),
    ("schedule-states", ScheduleStatesHandler),
    (r"schedules/([a-z][a-z0-9_]{0,62})/pause", PauseHandler),
    (r"schedules/([a-z][a-z0-9_]{0,62})/fire-times", FireTimesHandler),
    (r"schedules/([a-z][a-z0-9_]{0,62})/retire", RetireHandler),
    (r"schedules/([a-z][a-z0-9_]{0,62})/detail", ScheduleDetailHandler),
    ("metrics", MetricsHandler),
    ("health", HealthHandler),
    ("scheduler/(pause|drain|resume)", ModeHandler),
    ("lite/check", LiteCheckHandler),
    ("lite/runs", LiteRunsHandler),
    (r"lite/runs/([A-Za-z0-9._:+-]+)", LiteRunHandler),
    ("lite/pyodide/(.*)", PyodideCoreHandler),
    ("lite/kernel/(.*)", LiteKernelHandler),
    ("lite/wheels", LiteWheelsHandler),
    ("lite/wheels/(.*)", LiteWheelsHandler),
]


def setup_handlers(web_app) -> None:
    base_url = web_app.settings["base_url"]
    web_app.add_handlers(".*$", [(url_path_join(base_url, NAMESPACE, path), handler) for path, handler in ROUTES])
