"""URL table of the REST API."""

from __future__ import annotations

from jupyter_server.utils import url_path_join

from .cron_handlers import NextFireTimesHandler, TimezonesHandler
from .review_handlers import GitHubProxyHandler, LocalBranchHandler, ReviewConfigHandler
from .test_run_handlers import TestRunHandler, TestRunsHandler
from .spec_handlers import SpecCheckHandler, ZonesHandler

NAMESPACE = "nbschedule"


def setup_handlers(web_app) -> None:
    base_url = web_app.settings["base_url"]
    routes = [
        ("cron/next", NextFireTimesHandler),
        ("timezones", TimezonesHandler),
        ("test-runs", TestRunsHandler),
        (r"test-runs/([A-Za-z0-9._:+-]+)", TestRunHandler),
        ("review/config", ReviewConfigHandler),
        ("review/local-branch", LocalBranchHandler),
        ("github/(.*)", GitHubProxyHandler),
        ("zones", ZonesHandler),
        ("spec/check", SpecCheckHandler),
    ]
    web_app.add_handlers(
        ".*$", [(url_path_join(base_url, NAMESPACE, path), handler) for path, handler in routes]
    )
