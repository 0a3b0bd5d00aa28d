"""POST runs/<id>/debug and searching runs (GET runs?q=) on a real server with the embedded scheduler."""

from __future__ import annotations

import asyncio
import json

import nbformat
import pytest
from busy_worker import occupy_the_only_worker, release_the_worker
from jupyter_api import fetch
from runs_helpers import failing_notebook, make_spec


@pytest.fixture
def jp_server_config(jp_server_config):
    return {
        "ServerApp": {"jpserver_extensions": {"nbschedule": True}},
        "NbScheduleScheduler": {"tick_seconds": 0.05, "reload_seconds": 0.05, "max_workers": 1},
    }


@pytest.fixture
def workspace(jp_root_dir, shop):
    (jp_root_dir / ".nbschedule").mkdir(exist_ok=True)
    (jp_root_dir / ".nbschedule" / "connections.json").write_text(json.dumps({"shop": f"sqlite:///{shop}"}))
    nbformat.write(failing_notebook(), jp_root_dir / "report.ipynb")
    (jp_root_dir / "schedules").mkdir(exist_ok=True)
    (jp_root_dir / "schedules" / "sales_check.json").write_text(json.dumps(make_spec()))
    return jp_root_dir


async def finished_run(jp_fetch, run_pk: int) -> dict:
    for _ in range(1200):
        code, run = await fetch(jp_fetch, "runs", str(run_pk))
        if code == 200 and run["status"] not in ("queued", "running"):
            return run
        await asyncio.sleep(0.1)
    raise AssertionError(f"run {run_pk} never finished: {run}")


@pytest.mark.timeout(180)
async def test_debug_copy_of_a_failed_manual_run(jp_fetch, workspace):
    for _ in range(100):
        code, body = await fetch(jp_fetch, "schedules")
        if body.get("schedules"):
            break
        await asyncio.sleep(0.1)
    busy = await occupy_the_only_worker(jp_fetch, workspace)
    code, run = await fetch(
        jp_fetch, "schedules", "sales_check", "runs", method="POST", body={"parameters": {"day": "2024-01-03"}}
    )
    assert code == 201
    code, early = await fetch(jp_fetch, "runs", str(run["id"]), "debug", method="POST", body={})
    assert (code, early["field"]) == (409, "id")  # queued behind the busy run: no record yet
    assert early["message"] == (f"Run {run['id']} is queued and has no run record yet; there is nothing to debug from.")
    await release_the_worker(jp_fetch, busy)
    failed = await finished_run(jp_fetch, run["id"])
    assert failed["status"] == "failed", failed["message"]

    code, copy = await fetch(jp_fetch, "runs", str(run["id"]), "debug", method="POST", body={})

    assert code == 201 and copy["path"] == f"report.debug-{run['run_id']}.ipynb"
    nb = nbformat.read(workspace / copy["path"], as_version=4)
    assert nb.cells[copy["failing_cell"]["index"]].source.startswith("total = float")
    assert 'day = "2024-01-03"' in nb.cells[2].source
    assert "read_parquet" in nb.cells[3].source or "read_csv" in nb.cells[3].source
    code, again = await fetch(jp_fetch, "runs", str(run["id"]), "debug", method="POST", body={})
    assert code == 200 and again["created"] is False

    code, found = await fetch(jp_fetch, "runs", q=run["run_id"][-6:])
    assert code == 200 and [r["id"] for r in found["runs"]] == [run["id"]]
    code, by_trigger = await fetch(jp_fetch, "runs", q=run["run_id"][-6:], trigger="scheduled")
    assert code == 200 and by_trigger["runs"] == []  # the text combines with every other filter
    code, none = await fetch(jp_fetch, "runs", q="no_such_schedule")
    assert code == 200 and none["runs"] == []
    code, wildcard = await fetch(jp_fetch, "runs", q="%")
    assert code == 200 and wildcard["runs"] == []  # LIKE's wildcards are matched literally


@pytest.mark.parametrize(
    "path, method, params, code, field",
    [
        (("runs", "999", "debug"), "POST", {}, 404, "id"),
        (("runs",), "GET", {"q": "x", "cursor": "!!"}, 400, "cursor"),
    ],
)
async def test_bad_requests_get_one_sentence_and_the_field(jp_fetch, workspace, path, method, params, code, field):
    got, body = await fetch(jp_fetch, *path, method=method, body={} if method == "POST" else None, **params)
    assert (got, body["field"]) == (code, field)
    assert body["message"].endswith(".")
