"""Server configuration for Galata: a throwaway root dir and Galata's own test helpers."""

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821 (c is injected by the config loader)


# CI and the development machines run as root.
c.ServerApp.allow_root = True  # noqa: F821

# Scheduled runs in the runs-panel tests should not wait for the default tick.
c.NbScheduleScheduler.tick_seconds = 0.5  # noqa: F821

# The scheduler's clock, driven by tests: the system clock plus the offset in this file
# (absent: no offset). schedules-view.spec.ts moves it to just before a fire time.
import json  # noqa: E402
import os  # noqa: E402
from datetime import datetime, timedelta, timezone  # noqa: E402

CLOCK_FILE = os.path.join(c.ServerApp.root_dir, "nbschedule-test-clock.json")  # noqa: F821


def _test_clock() -> datetime:
    now = datetime.now(timezone.utc)
    try:
        with open(CLOCK_FILE, encoding="utf-8") as file:
            return now + timedelta(seconds=float(json.load(file)["offset_seconds"]))
    except (OSError, ValueError, KeyError, TypeError):
        return now


c.NbScheduleScheduler.clock = _test_clock  # noqa: F821
