"""Test runs land in the run history as their own kind, never as a schedule's runs."""

from __future__ import annotations

import asyncio
import json

from jupyter_api import fetch
from test_trial_runs import SPEC, follow, start, write_notebook


async def history(jp_fetch, **params) -> list[dict]:
    for _ in range(100):
        code, body = await fetch(jp_fetch, "runs", **params)
        assert code == 200
        if body["runs"]:
            return body["runs"]
        await asyncio.sleep(0.1)
    return []


async def test_a_finished_test_run_is_in_the_history_as_kind_test_only(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir, "answer = 42", "assert answer == 41, 'wrong answer'")
    (jp_root_dir / "schedules").mkdir()
    # Catch-up off: the only run of this schedule is the test run.
    (jp_root_dir / "schedules" / "daily_report.json").write_text(json.dumps({**SPEC, "catchup": "none"}))
    started = await start(jp_fetch)
    final = (await follow(jp_fetch, started["id"]))[-1]
    assert final["status"] == "failed"

    [run] = await history(jp_fetch, trigger="test")
    assert (run["run_id"], run["schedule"], run["trigger"]) == (started["id"], "daily_report", "test")
    assert run["status"] == "failed" and run["owner"] == "ada@example.com"
    assert run["output_path"] and run["output_path"].endswith("output.ipynb")
    for trigger in ("scheduled", "backfill", "manual"):
        code, body = await fetch(jp_fetch, "runs", trigger=trigger)
        assert code == 200 and body["runs"] == []

    # A failed test run does not make the schedule failing, nor is it its last run.
    code, states = await fetch(jp_fetch, "schedule-states")
    [daily] = [item for item in states["schedules"] if item["name"] == "daily_report"]
    assert daily["outcomes"] == []
    code, listed = await fetch(jp_fetch, "schedules")
    assert listed["schedules"][0]["last_run"] is None
    code, notices = await fetch(jp_fetch, "notifications", after="0")
    assert code == 200 and notices["notices"] == []


async def test_a_cancelled_test_run_leaves_no_history(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir, "import time", "time.sleep(60)")
    started = await start(jp_fetch)
    await jp_fetch("nbschedule", "test-runs", started["id"], method="DELETE")
    await asyncio.sleep(1)
    code, body = await fetch(jp_fetch, "runs", trigger="test")
    assert code == 200 and body["runs"] == []
