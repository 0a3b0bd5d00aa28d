"""The scheduler's state as the API reports it: a broken spec file listed with its error and
gone once deleted (no restart); a corrupt database named with its cause and the fix."""

from __future__ import annotations

import json

import pytest
from input_helpers import SPEC, raw, scheduled, wait_for


def _write_whole(path, spec: dict) -> None:
    """The scheduler rereads the folder every 0.05 s: a file written in place can be read
    half-written (then listed as invalid JSON, which is not the error tested here)."""
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(spec))
    partial.replace(path)


async def test_a_broken_spec_is_listed_and_deleting_it_needs_no_restart(jp_fetch, jp_root_dir, schedules):
    _write_whole(schedules / "bad.json", {**SPEC, "name": "bad", "cron": "\u00b2 * * * *"})
    listed = await wait_for(jp_fetch, lambda b: b["errors"], "schedules")
    assert [s["name"] for s in listed["schedules"]] == ["daily"] and listed["schedules"][0]["next_fire_time"]
    [error] = listed["errors"]
    assert error["file"] == "bad.json" and "superscript two" in error["message"]
    code, body = await raw(jp_fetch, "schedules", "bad", "runs", method="POST", body=b"{}")
    assert (code, body["field"]) == (404, "name")
    (schedules / "bad.json").unlink()
    listed = await wait_for(jp_fetch, lambda b: not b["errors"], "schedules")
    assert [s["name"] for s in listed["schedules"]] == ["daily"]
    _write_whole(schedules / "bad.json", {**SPEC, "name": "bad"})
    listed = await wait_for(
        jp_fetch, lambda b: len(b["schedules"]) == 2 and all(s["next_fire_time"] for s in b["schedules"]), "schedules"
    )
    assert listed["errors"] == []


@pytest.fixture
def corrupt_database(jp_root_dir):
    (jp_root_dir / ".nbschedule").mkdir()
    (jp_root_dir / ".nbschedule" / "scheduler.db").write_bytes(b"not a database at all" * 200)


@pytest.fixture
def jp_server_config(jp_server_config, request):
    if "corrupt_database" in request.fixturenames:
        request.getfixturevalue("corrupt_database")  # before the server starts
    return jp_server_config


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("GET", ("schedules",), None),
        ("GET", ("runs",), None),
        ("GET", ("notifications",), None),
        ("POST", ("schedules", "daily", "backfill"), b'{"start": "2026-01-01", "end": "2026-01-02"}'),
        ("POST", ("runs", "1", "rerun"), b""),
    ],
)
async def test_a_corrupt_database_at_start_is_named_with_its_cause_and_fix(
    jp_fetch, corrupt_database, method, path, body
):
    code, reply = await raw(jp_fetch, *path, method=method, body=body)
    assert (code, reply["field"]) == (503, "scheduler")
    assert "file is not a database" in reply["message"] and "Move that file" in reply["message"]
    assert "scheduler.db" in reply["message"]


async def test_the_schedules_answer_normally_with_a_good_database(jp_fetch, schedules):
    listed = await scheduled(jp_fetch)
    assert [s["name"] for s in listed["schedules"]] == ["daily"]
