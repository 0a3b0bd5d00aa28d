"""Schedules view with 1,000 schedules in a real Chromium, against the runs panel in the same run.

A whole JupyterLab server on loopback (production build, default configuration, app exposed
to the page for the driver) over a workspace of 1,000 schedule specs, 100 of them paused, with
10 runs each (10,000 runs).
The browser part (bench/schedules_view_browser.js) times, from the user's command to the
painted frame:
  - first show: the Schedules view from its command (REST call, derivation, render) on a
    fresh page as soon as JupyterLab takes its splash screen away (the first moment a user
    can click), against the runs panel's first show (its first page of 100 runs);
  - the same first show on fresh pages left idle 3 s first (JupyterLab's own start-up work
    no longer shares the main thread and the server);
  - filter: typing in the Schedules filter (1,000 items filtered and re-rendered), against
    changing the runs panel's status filter.
Target: the Schedules view renders and filters 1,000 schedules in < 200 ms (p95).
Run: jlpm build:prod && .venv/bin/python bench/schedules_view.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lab_server import running_lab, wait_until_up  # noqa: E402

from nbschedule.scheduler.database import Database  # noqa: E402
from nbschedule.scheduler.models import PauseRow, RunRow  # noqa: E402

SCHEDULES = 1000
RUNS_EACH = 10
STATIC = REPO / "nbschedule" / "labextension" / "static"
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"]
START = datetime(2026, 1, 1, 6, tzinfo=timezone.utc)


def workspace(root: Path) -> None:
    folder = root / "schedules"
    folder.mkdir()
    for i in range(SCHEDULES):
        # Daily, starting in 2099: nothing fires while the bench runs.
        spec = {
            "version": 1,
            "name": f"s_{i:04d}",
            "notebook": f"notebooks/s_{i:04d}.ipynb",
            "cron": f"{i % 60} 6 * * *",
            "timezone": ZONES[i % len(ZONES)],
            "start_date": "2099-01-01",
            "zone": "analytics",
            "owner": f"team_{i % 10:02d}@example.com",
            "catchup": "none",
        }
        (folder / f"s_{i:04d}.json").write_text(json.dumps(spec), encoding="utf-8")
    database = Database(root / ".nbschedule" / "scheduler.db")
    rows = []
    for i in range(SCHEDULES):
        for k in range(RUNS_EACH):
            logical = START + timedelta(days=k)
            failed = (i % 7 == 0 and k >= RUNS_EACH - 3) or (i + k) % 13 == 0
            rows.append(
                {
                    "run_id": f"scheduled__{logical.isoformat()}",
                    "schedule": f"s_{i:04d}",
                    "owner": f"team_{i % 10:02d}@example.com",
                    "trigger": "scheduled",
                    "logical_date": logical,
                    "status": "failed" if failed else "success",
                    "next_try_at": logical,
                    "created_at": logical,
                    "attempts": 1,
                }
            )
    with database.write() as connection:
        connection.execute(insert(RunRow.__table__), rows)
        connection.execute(
            insert(PauseRow.__table__),
            [
                {"name": f"s_{i:04d}", "paused": True, "changed_at": START, "changed_by": "ada"}
                for i in range(0, SCHEDULES, 10)
            ],
        )
    database.close()


def wait_until_loaded(url: str, deadline: float) -> None:
    """Until the scheduler has loaded every spec (its start-up is not what is measured)."""
    while time.monotonic() < deadline:
        with urllib.request.urlopen(url, timeout=60) as reply:
            schedules = json.load(reply)["schedules"]
        if len(schedules) == SCHEDULES and all(item["next_fire_time"] for item in schedules):
            return
        time.sleep(1)
    raise SystemExit("The scheduler did not load the schedules in time")


def time_states(url: str, times: int = 20) -> None:
    """The REST call alone, from Python on loopback (no browser): whole request, body size."""
    took, size = [], 0
    for _ in range(times):
        started = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as reply:
            size = len(reply.read())
        took.append((time.perf_counter() - started) * 1000)
    took.sort()
    p50, p95 = took[len(took) // 2], took[min(len(took) - 1, round(0.95 * len(took)) - 1)]
    print(f"GET schedule-states alone (urllib, n={times}): p50 {p50:.1f} ms   p95 {p95:.1f} ms   {size / 1024:.0f} KiB")


def main() -> int:
    if not list(STATIC.glob("remoteEntry.*.js")):
        print("No labextension build; run `jlpm build:prod` first.", file=sys.stderr)
        return 2
    if list(STATIC.glob("*.js.map")):
        print("The labextension is a development build; run `jlpm build:prod` first.", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="nbs-bench-view-"))
    root = folder / "root"
    root.mkdir()
    workspace(root)
    with running_lab(root, folder, "--LabApp.expose_app_in_browser=True") as (port, token):
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/api/status?token={token}", time.monotonic() + 120)
        states = f"{base}/nbschedule/schedule-states?token={token}"
        wait_until_loaded(states, time.monotonic() + 600)
        time_states(states)
        driver = subprocess.run(
            ["node", str(REPO / "bench" / "schedules_view_browser.js"), base, token, str(SCHEDULES)],
            cwd=REPO / "ui-tests",
        )
        return driver.returncode


if __name__ == "__main__":
    sys.exit(main())
