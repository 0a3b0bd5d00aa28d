"""The run history and scheduling REST API on a real server with the scheduler enabled."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, timedelta, timezone

import pytest
from busy_worker import occupy_the_only_worker, release_the_worker
from jupyter_api import fetch
from quiet_cron import DAILY_CRON, FIRE_HOUR, fire_time

SPEC = {
    "version": 1,
    "name": "daily",
    "notebook": "missing.ipynb",
    "cron": DAILY_CRON,
    "timezone": "UTC",
    "start_date": "2026-01-01",
    "zone": "analytics",
    "owner": "ada@example.com",
    "catchup": "none",
}


@pytest.fixture
def jp_server_config(jp_server_config):
    return {
        **jp_server_config,
        "NbScheduleScheduler": {"tick_seconds": 0.05, "reload_seconds": 0.05, "max_backfill_runs": 5, "max_workers": 1},
    }


@pytest.fixture
def schedules(jp_root_dir):
    folder = jp_root_dir / "schedules"
    folder.mkdir()
    # Each written whole (as editors save), so the scheduler never reads one half-written.
    for name, text in (("daily.json", json.dumps(SPEC)), ("broken.json", '{"version": 1, "name": "Bad Name"}')):
        (jp_root_dir / name).write_text(text)
        (jp_root_dir / name).rename(folder / name)
    return folder


async def wait_for(jp_fetch, predicate, *path, **params):
    for _ in range(400):
        code, body = await fetch(jp_fetch, *path, **params)
        if code == 200 and predicate(body):
            return body
        await asyncio.sleep(0.1)
    raise AssertionError(f"never true: {body}")


@pytest.mark.parametrize(
    "path, params, field",
    [
        (("runs",), {"limit": "0"}, "limit"),
        (("runs",), {"status": "exploded"}, "status"),
        (("runs",), {"trigger": "cron"}, "trigger"),
        (("runs",), {"cursor": "!!"}, "cursor"),
        (("runs",), {"since": "yesterday"}, "since"),
        (("runs",), {"since": "2026-01-01T00:00:00"}, "since"),
        (("runs",), {"since": "2026-02-01", "until": "2026-01-01"}, "since"),
        (("notifications",), {"after": "latest"}, "after"),
    ],
)
async def test_bad_queries_are_400_with_one_sentence_and_the_field(jp_fetch, schedules, path, params, field):
    code, body = await fetch(jp_fetch, *path, **params)
    assert code == 400 and body["field"] == field
    assert body["message"].endswith(".") and "Traceback" not in body["message"]


@pytest.mark.parametrize(
    "path, body, code, field, words",
    [
        (("runs", "999", "rerun"), None, 404, "id", "no run with id 999"),
        (("runs", "999", "cancel"), None, 404, "id", "no run with id 999"),
        (("schedules", "nope", "backfill"), {"start": "2026-01-01", "end": "2026-01-02"}, 404, "name", "no active"),
        (("schedules", "daily", "backfill"), {"start": "2026-01-01"}, 400, "end", "'end' is required"),
        (("schedules", "daily", "backfill"), {"start": "2026-01-01", "end": "2026-03-01"}, 400, "end", "more than 5"),
        (("schedules", "daily", "backfill"), {"start": "2026-01-01", "end": "2199-01-01"}, 400, "end", "future"),
        (("schedules", "daily", "backfill"), {"start": "2026-01-03", "end": "2026-01-01"}, 400, "start", "after"),
        (("schedules", "daily", "runs"), {"parameters": [1]}, 400, "parameters", "JSON object"),
    ],
)
async def test_bad_actions_are_4xx_with_a_clear_message(jp_fetch, schedules, path, body, code, field, words):
    await wait_for(jp_fetch, lambda b: b["schedules"], "schedules")
    got, reply = await fetch(jp_fetch, *path, method="POST", body=body if body is not None else {})
    assert (got, reply["field"]) == (code, field)
    assert words in reply["message"]


async def test_schedules_show_next_fire_time_and_spec_errors(jp_fetch, schedules):
    # Until the first tick's catch-up, the entry is the first fire time since the start date.
    body = await wait_for(
        jp_fetch,
        lambda b: (
            b["schedules"] and datetime.fromisoformat(b["schedules"][0]["next_fire_time"]) > datetime.now(timezone.utc)
        ),
        "schedules",
    )
    [daily] = body["schedules"]
    assert daily["name"] == "daily" and daily["last_run"] is None
    next_fire = datetime.fromisoformat(daily["next_fire_time"])
    assert next_fire > datetime.now(timezone.utc) and next_fire.hour == FIRE_HOUR
    [error] = body["errors"]
    assert error["file"] == "broken.json" and "not a valid schedule spec" in error["message"]


async def test_backfilled_runs_fail_notify_page_and_rerun(jp_fetch, schedules):
    await wait_for(jp_fetch, lambda b: b["schedules"], "schedules")
    code, start = await fetch(jp_fetch, "notifications")
    assert code == 200 and start["notices"] == []
    code, created = await fetch(
        jp_fetch,
        "schedules",
        "daily",
        "backfill",
        method="POST",
        body={"start": "2026-01-01", "end": fire_time("2026-01-02")},
    )
    assert code == 201 and created["created"] == [fire_time("2026-01-01"), fire_time("2026-01-02")]
    code, again = await fetch(
        jp_fetch,
        "schedules",
        "daily",
        "backfill",
        method="POST",
        body={"start": "2026-01-01", "end": fire_time("2026-01-02")},
    )
    assert code == 201 and again == {"created": [], "existing": created["created"]}

    failed = await wait_for(jp_fetch, lambda b: len(b["runs"]) == 2, "runs", status="failed,lost,refused")
    assert [r["logical_date"][:10] for r in failed["runs"]] == ["2026-01-02", "2026-01-01"]  # newest first
    notices = await wait_for(jp_fetch, lambda b: len(b["notices"]) == 2, "notifications", after=str(start["cursor"]))
    assert {(n["schedule"], n["exit_reason"]) for n in notices["notices"]} == {("daily", "bad_notebook")}
    code, later = await fetch(jp_fetch, "notifications", after=str(notices["cursor"]))
    assert later["notices"] == []  # a poll after a poll repeats nothing

    code, first_page = await fetch(jp_fetch, "runs", limit="1")
    code, second_page = await fetch(jp_fetch, "runs", limit="1", cursor=first_page["next_cursor"])
    assert [first_page["runs"][0]["id"], second_page["runs"][0]["id"]] == [r["id"] for r in failed["runs"]]
    assert second_page["next_cursor"] is None
    code, newest = await fetch(jp_fetch, "runs", q="20260102", limit="1")
    assert code == 200 and [r["id"] for r in newest["runs"]] == [failed["runs"][0]["id"]]
    code, first_match = await fetch(jp_fetch, "runs", q="DAILY", limit="1")  # ASCII letters in either case
    code, second_match = await fetch(jp_fetch, "runs", q="DAILY", limit="1", cursor=first_match["next_cursor"])
    assert [first_match["runs"][0]["id"], second_match["runs"][0]["id"]] == [r["id"] for r in failed["runs"]]
    for text in [
        '"',
        'daily"',
        "dai*",
        "NEAR(daily",
        "daily NEAR x",
        "-daily",
        "(daily)",
        "daily OR x",
        "^daily",
        "daily:",
        "{run_id}: x",
        "dai%",
        "ünï",
        "日本語",
        "x" * 200,
    ]:  # text, never query syntax
        code, none = await fetch(jp_fetch, "runs", q=text)
        assert (code, none["runs"]) == (200, []), text
    code, unfiltered = await fetch(jp_fetch, "runs", q="")
    assert [r["id"] for r in unfiltered["runs"]] == [r["id"] for r in failed["runs"]]

    run_id = failed["runs"][0]["id"]
    code, detail = await fetch(jp_fetch, "runs", str(run_id))
    assert code == 200 and detail["record"]["exit_reason"] == "bad_notebook"
    assert [event["eventType"] for event in detail["lineage"]] == ["START", "FAIL"]
    assert detail["output_path"].startswith("nbschedule-runs/daily/") and detail["output_path"].endswith(".ipynb")

    busy = await occupy_the_only_worker(jp_fetch, schedules.parent)
    code, rerun = await fetch(jp_fetch, "runs", str(run_id), "rerun", method="POST", body={})
    assert code == 202 and rerun["status"] == "queued"
    code, cancelled = await fetch(jp_fetch, "runs", str(run_id), "cancel", method="POST", body={})
    assert code == 202 and cancelled["status"] == "cancelled"  # still queued behind the busy run
    await release_the_worker(jp_fetch, busy)
    stopped = await wait_for(jp_fetch, lambda b: b["status"] == "cancelled", "runs", str(busy))
    assert stopped["exit_reason"] == "cancelled"
    code, refused = await fetch(jp_fetch, "runs", str(failed["runs"][1]["id"]), "cancel", method="POST", body={})
    assert code == 409 and "already ended" in refused["message"]


async def test_a_manual_run_is_added_with_its_own_key(jp_fetch, schedules):
    await wait_for(jp_fetch, lambda b: b["schedules"], "schedules")
    code, run = await fetch(jp_fetch, "schedules", "daily", "runs", method="POST", body={"parameters": {"n": 2}})
    assert code == 201 and run["trigger"] == "manual" and run["run_id"].startswith("manual__")
    assert datetime.fromisoformat(run["logical_date"]) > datetime.now(timezone.utc) - timedelta(minutes=1)
