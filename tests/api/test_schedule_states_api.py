"""The Schedules view's endpoints on a real server: state facts, pause/resume with the
scheduler's clock driven by the test, and local reviews pending until merged in real git."""

from __future__ import annotations

import asyncio
import json
import subprocess
from datetime import datetime, timedelta, timezone

import pytest
from jupyter_api import fetch

SPEC = {
    "version": 1,
    "name": "daily",
    "notebook": "missing.ipynb",
    "cron": "0 6 * * *",
    "timezone": "UTC",
    "start_date": "2026-03-01",
    "zone": "analytics",
    "owner": "ada@example.com",
    "catchup": "all",
}


class MovableClock:
    """The scheduler's clock, moved by the test."""

    def __init__(self, now: datetime):
        self.now = now


@pytest.fixture
def clock():
    return MovableClock(datetime(2026, 3, 1, 5, 59, tzinfo=timezone.utc))


@pytest.fixture
def jp_server_config(jp_server_config, clock):
    # A function, not the object: the server's config is a deep copy, and functions are copied as themselves.
    def now() -> datetime:
        return clock.now

    return {**jp_server_config, "NbScheduleScheduler": {"tick_seconds": 0.05, "reload_seconds": 0.05, "clock": now}}


def git(root, *args: str) -> str:
    return subprocess.run(
        ["git", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
        env={
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@localhost",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@localhost",
            "HOME": str(root),
        },
    ).stdout


async def states_when(jp_fetch, predicate):
    for _ in range(200):
        code, body = await fetch(jp_fetch, "schedule-states")
        if code == 200 and predicate(body):
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"never true: {body}")


def named(body, name):
    return next((item for item in body["schedules"] if item["name"] == name), None)


async def scheduled_runs(jp_fetch) -> list[str]:
    code, body = await fetch(jp_fetch, "runs", trigger="scheduled")
    assert code == 200
    return sorted(run["logical_date"] for run in body["runs"])


async def ticks(seconds: float = 0.5) -> None:
    await asyncio.sleep(seconds)  # tick_seconds is 0.05: many ticks


async def test_paused_schedule_lets_its_fire_time_pass_and_resumes_without_catching_up(jp_fetch, jp_root_dir, clock):
    (jp_root_dir / "schedules").mkdir()
    (jp_root_dir / "schedules" / "daily.json").write_text(json.dumps(SPEC))
    body = await states_when(jp_fetch, lambda b: named(b, "daily") and named(b, "daily")["next_fire_time"])
    daily = named(body, "daily")
    # A row: what it shows, no spec and no run details.
    assert daily == {
        "name": "daily",
        "notebook": "missing.ipynb",
        "cron": "0 6 * * *",
        "timezone": "UTC",
        "owner": "ada@example.com",
        "zone": "analytics",
        "next_fire_time": "2026-03-01T06:00:00+00:00",
        "pause": None,
        "outcomes": [],
    }

    code, paused = await fetch(jp_fetch, "schedules", "daily", "pause", method="POST", body={})
    assert code == 200 and paused["paused"] is True and paused["changed_at"] == clock.now.isoformat()
    clock.now = datetime(2026, 3, 1, 6, 0, 20, tzinfo=timezone.utc)
    await ticks()
    assert await scheduled_runs(jp_fetch) == []
    body = await states_when(jp_fetch, lambda b: named(b, "daily")["pause"])
    assert named(body, "daily")["pause"]["paused"] is True
    code, detail = await fetch(jp_fetch, "schedules", "daily", "detail")
    assert code == 200 and detail["pause"]["paused"] is True and detail["spec"]["cron"] == "0 6 * * *"

    clock.now += timedelta(minutes=5)
    code, resumed = await fetch(jp_fetch, "schedules", "daily", "pause", method="DELETE")
    assert code == 200 and resumed["paused"] is False
    await ticks()
    assert await scheduled_runs(jp_fetch) == []  # catchup "all", yet the paused 06:00 stays skipped
    clock.now = datetime(2026, 3, 2, 6, 0, 5, tzinfo=timezone.utc)
    await ticks()
    assert await scheduled_runs(jp_fetch) == ["2026-03-02T06:00:00+00:00"]
    body = await states_when(jp_fetch, lambda b: named(b, "daily")["outcomes"])
    daily = named(body, "daily")
    assert daily["pause"] is None and body["now"] == clock.now.isoformat()
    code, detail = await fetch(jp_fetch, "schedules", "daily", "detail")
    assert code == 200 and detail["pause"] is None and detail["now"] == clock.now.isoformat()
    [run] = detail["recent_runs"]
    assert daily["outcomes"] == [[run["id"], run["status"]]] and run["trigger"] == "scheduled"
    assert run["logical_date"] == "2026-03-02T06:00:00+00:00"


async def test_recent_runs_are_the_latest_ten_newest_first(jp_fetch, jp_root_dir, clock):
    (jp_root_dir / "schedules").mkdir()
    (jp_root_dir / "schedules" / "daily.json").write_text(json.dumps({**SPEC, "catchup": "none"}))
    await states_when(jp_fetch, lambda b: named(b, "daily"))
    clock.now = datetime(2026, 3, 20, 12, tzinfo=timezone.utc)
    code, created = await fetch(
        jp_fetch,
        "schedules",
        "daily",
        "backfill",
        method="POST",
        body={"start": "2026-03-01", "end": "2026-03-12T00:00:00+00:00"},
    )
    assert code == 201 and len(created["created"]) == 11
    body = await states_when(jp_fetch, lambda b: len(named(b, "daily")["outcomes"]) == 10)
    code, detail = await fetch(jp_fetch, "schedules", "daily", "detail")
    assert code == 200 and detail["name"] == "daily" and detail["spec"]["zone"] == "analytics"
    dates = [run["logical_date"][:10] for run in detail["recent_runs"]]
    assert dates == [f"2026-03-{day:02d}" for day in range(11, 1, -1)]
    assert named(body, "daily")["outcomes"] == [[run["id"], run["status"]] for run in detail["recent_runs"]]


async def test_the_detail_of_an_unknown_schedule_is_404_naming_it(jp_fetch, jp_root_dir):
    (jp_root_dir / "schedules").mkdir()
    (jp_root_dir / "schedules" / "daily.json").write_text(json.dumps(SPEC))
    await states_when(jp_fetch, lambda b: named(b, "daily"))
    for name in ("nope", "daily_x"):
        code, body = await fetch(jp_fetch, "schedules", name, "detail")
        assert (code, body["field"]) == (404, "name") and f"'{name}'" in body["message"]


@pytest.mark.parametrize("method", ["POST", "DELETE"])
async def test_pausing_an_unknown_schedule_is_404_naming_it(jp_fetch, method):
    code, body = await fetch(
        jp_fetch, "schedules", "nope", "pause", method=method, **({"body": {}} if method == "POST" else {})
    )
    assert (code, body["field"]) == (404, "name") and "'nope'" in body["message"]


async def test_broken_spec_files_are_reported_with_their_error(jp_fetch, jp_root_dir):
    (jp_root_dir / "schedules").mkdir()
    # Written whole (as editors save): the scheduler must not read it half-written.
    draft = jp_root_dir / "broken.json.tmp"
    draft.write_text('{"version": 1, "name": "Bad Name"}')
    draft.rename(jp_root_dir / "schedules" / "broken.json")
    body = await states_when(jp_fetch, lambda b: b["errors"])
    [error] = body["errors"]
    assert error["file"] == "broken.json" and "not a valid schedule spec" in error["message"]


async def test_a_local_review_is_pending_until_merged_then_the_schedule_is_active(jp_fetch, jp_root_dir):
    git(jp_root_dir, "init", "--quiet", "--initial-branch=main")
    git(jp_root_dir, "commit", "--quiet", "--allow-empty", "-m", "start")
    code, _ = await fetch(
        jp_fetch,
        "review",
        "local-branch",
        method="POST",
        body={
            "branch": "nbschedule/daily",
            "message": "Schedule daily",
            "files": {"schedules/daily.json": json.dumps(SPEC)},
        },
    )
    assert code == 201
    body = await states_when(jp_fetch, lambda b: b["review"]["pending"])
    assert body["review"]["mode"] == "local" and body["review"]["branch"] == "main"
    [pending] = body["review"]["pending"]
    assert pending["name"] == "daily" and pending["branch"] == "nbschedule/daily"
    assert pending["spec"]["cron"] == "0 6 * * *" and pending["error"] is None
    assert named(body, "daily") is None

    git(jp_root_dir, "merge", "--quiet", "--no-ff", "-m", "Merge", "nbschedule/daily")
    body = await states_when(
        jp_fetch, lambda b: named(b, "daily") and named(b, "daily")["next_fire_time"] and not b["review"]["pending"]
    )
    assert named(body, "daily")["next_fire_time"] == "2026-03-01T06:00:00+00:00"


async def test_a_review_branch_without_its_spec_says_so(jp_fetch, jp_root_dir):
    git(jp_root_dir, "init", "--quiet", "--initial-branch=main")
    git(jp_root_dir, "commit", "--quiet", "--allow-empty", "-m", "start")
    git(jp_root_dir, "branch", "nbschedule/ghost")
    git(jp_root_dir, "commit", "--quiet", "--allow-empty", "-m", "later")
    git(jp_root_dir, "checkout", "--quiet", "nbschedule/ghost")
    git(jp_root_dir, "commit", "--quiet", "--allow-empty", "-m", "unmerged")
    git(jp_root_dir, "checkout", "--quiet", "main")
    body = await states_when(jp_fetch, lambda b: b["review"]["pending"])
    [pending] = body["review"]["pending"]
    assert pending["spec"] is None and "schedules/ghost.json" in pending["error"]


async def test_without_a_git_repository_nothing_is_pending(jp_fetch):
    code, body = await fetch(jp_fetch, "schedule-states")
    assert code == 200 and body["review"] == {"mode": "local", "branch": None, "pending": []}


async def test_fire_times_preview_counts_a_backfill_and_what_it_would_skip(jp_fetch, jp_root_dir, clock):
    (jp_root_dir / "schedules").mkdir()
    # Catch-up off: moving the clock claims nothing, so only the backfill makes runs.
    (jp_root_dir / "schedules" / "daily.json").write_text(json.dumps({**SPEC, "catchup": "none"}))
    await states_when(jp_fetch, lambda b: named(b, "daily"))
    clock.now = datetime(2026, 3, 10, tzinfo=timezone.utc)
    code, _ = await fetch(
        jp_fetch,
        "schedules",
        "daily",
        "backfill",
        method="POST",
        body={"start": "2026-03-02", "end": "2026-03-02T23:00:00+00:00"},
    )
    assert code == 201
    code, preview = await fetch(
        jp_fetch, "schedules", "daily", "fire-times", start="2026-03-01", end="2026-03-03T23:59:00+00:00"
    )
    assert code == 200 and preview["more"] is False
    assert [t[:10] for t in preview["fire_times"]] == ["2026-03-01", "2026-03-02", "2026-03-03"]
    assert preview["existing"] == ["2026-03-02T06:00:00+00:00"]


@pytest.mark.parametrize(
    "params, code, field",
    [
        ({"end": "2026-03-02"}, 400, "start"),
        ({"start": "2026-03-02"}, 400, "end"),
        ({"start": "yesterday", "end": "2026-03-02"}, 400, "start"),
        ({"start": "2026-03-02T00:00:00", "end": "2026-03-03"}, 400, "start"),
        ({"start": "2026-03-05", "end": "2026-03-02"}, 400, "start"),
    ],
)
async def test_fire_times_preview_rejects_bad_ranges_naming_the_field(jp_fetch, jp_root_dir, params, code, field):
    (jp_root_dir / "schedules").mkdir()
    (jp_root_dir / "schedules" / "daily.json").write_text(json.dumps(SPEC))
    await states_when(jp_fetch, lambda b: named(b, "daily"))
    got, body = await fetch(jp_fetch, "schedules", "daily", "fire-times", **params)
    assert (got, body["field"]) == (code, field) and "Traceback" not in body["message"]


async def test_fire_times_of_an_unknown_schedule_is_404(jp_fetch):
    got, body = await fetch(jp_fetch, "schedules", "nope", "fire-times", start="2026-03-01", end="2026-03-02")
    assert (got, body["field"]) == (404, "name")


async def test_retire_is_a_review_that_removes_spec_and_dag_then_the_schedule_stops(jp_fetch, jp_root_dir):
    git(jp_root_dir, "init", "--quiet", "--initial-branch=main")
    git(jp_root_dir, "commit", "--quiet", "--allow-empty", "-m", "start")
    code, _ = await fetch(
        jp_fetch,
        "review",
        "local-branch",
        method="POST",
        body={
            "branch": "nbschedule/daily",
            "message": "Schedule daily",
            "files": {"schedules/daily.json": json.dumps(SPEC), "schedules/daily_dag.py": "# dag\n"},
        },
    )
    git(jp_root_dir, "merge", "--quiet", "--no-ff", "-m", "Merge", "nbschedule/daily")
    await states_when(jp_fetch, lambda b: named(b, "daily"))

    code, retired = await fetch(jp_fetch, "schedules", "daily", "retire", method="POST", body={})
    assert code == 201 and retired["branch"] == "nbschedule/daily"
    changed = git(jp_root_dir, "diff", "--name-status", "main", "nbschedule/daily").split("\n")
    assert sorted(filter(None, changed)) == ["D\tschedules/daily.json", "D\tschedules/daily_dag.py"]
    assert git(jp_root_dir, "status", "--porcelain", "--untracked-files=no") == ""  # the working tree is untouched
    body = await states_when(jp_fetch, lambda b: b["review"]["pending"])
    assert named(body, "daily") is not None  # still active until merged

    code, again = await fetch(jp_fetch, "schedules", "daily", "retire", method="POST", body={})
    assert (code, again["field"]) == (409, "name") and "not merged yet" in again["message"]

    git(jp_root_dir, "merge", "--quiet", "--no-ff", "-m", "Retire", "nbschedule/daily")
    await states_when(jp_fetch, lambda b: named(b, "daily") is None and not b["review"]["pending"])


async def test_retiring_a_schedule_that_was_never_merged_is_404(jp_fetch, jp_root_dir):
    git(jp_root_dir, "init", "--quiet", "--initial-branch=main")
    git(jp_root_dir, "commit", "--quiet", "--allow-empty", "-m", "start")
    code, body = await fetch(jp_fetch, "schedules", "ghost", "retire", method="POST", body={})
    assert (code, body["field"]) == (404, "name") and "no merged schedule 'ghost'" in body["message"]
