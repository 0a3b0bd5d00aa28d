"""A workflow run's node and item runs in the run history REST API, on a real server with
the embedded scheduler and real sandboxed kernels: listed under their parent, each with
its record, and an item re-run on its own (with what needs it)."""

from __future__ import annotations

import asyncio
import json
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from jupyter_api import fetch  # noqa: E402

DEMO = Path(__file__).resolve().parents[2] / "demo" / "workflow"


@pytest.fixture
def jp_server_config(jp_server_config):
    return {
        "ServerApp": {"jpserver_extensions": {"nbschedule": True}},
        "NbScheduleScheduler": {"tick_seconds": 0.05, "reload_seconds": 0.05},
    }


@pytest.fixture
def workspace(jp_root_dir):
    shutil.copytree(DEMO, jp_root_dir / "workflow")
    demo = json.loads((DEMO / "regional_reports.json").read_text(encoding="utf-8"))
    regional, report = demo["nodes"][2], demo["nodes"][3]
    # eu fails its first try (the demo's flaky region) and may not retry: the run fails.
    regional = {**regional, "needs": [], "retries": 0, "foreach": [{"region": "us"}, {"region": "eu"}]}
    spec = {**demo, "name": "regions", "catchup": "none", "notebook": regional["notebook"], "nodes": [regional, report]}
    (jp_root_dir / "schedules").mkdir()
    (jp_root_dir / "regions.json").write_text(json.dumps(spec))
    (jp_root_dir / "regions.json").rename(jp_root_dir / "schedules" / "regions.json")
    return jp_root_dir


async def until(jp_fetch, predicate, *path, **params):
    for _ in range(1800):
        code, body = await fetch(jp_fetch, *path, **params)
        if code == 200 and predicate(body):
            return body
        await asyncio.sleep(0.1)
    raise AssertionError(f"never true: {body}")


def finished(run: dict) -> bool:
    return run["status"] not in ("queued", "running")


def states(children: list[dict]) -> list[tuple]:
    return [(c["node"], c["item_label"], c["status"], c["attempts"], c["trigger"]) for c in children]


@pytest.mark.timeout(240)
async def test_items_are_listed_under_their_workflow_run_and_one_item_is_re_run(jp_fetch, workspace):
    await until(jp_fetch, lambda body: body["schedules"], "schedules")
    code, parent = await fetch(jp_fetch, "schedules", "regions", "runs", method="POST", body={})
    assert code == 201
    parent = await until(jp_fetch, finished, "runs", str(parent["id"]))
    assert parent["status"] == "failed" and parent["parent"] is None

    code, page = await fetch(jp_fetch, "runs")
    assert [run["id"] for run in page["runs"]] == [parent["id"]] and "children" not in page["runs"][0]
    # Item runs are not the schedule's runs: its last run and its run counts are the workflow run's.
    code, listed = await fetch(jp_fetch, "schedules")
    assert listed["schedules"][0]["last_run"]["id"] == parent["id"]
    metrics = (await jp_fetch("nbschedule", "metrics")).body.decode()
    assert 'nbschedule_runs_total{schedule="regions",status="failed"} 1.0' in metrics
    assert 'schedule="regions",status="success"' not in metrics
    code, page = await fetch(jp_fetch, "runs", children="include")
    [listed] = page["runs"]
    assert states(listed["children"]) == [
        ("report_region", "region=us", "success", 1, "workflow"),
        ("report_region", "region=eu", "failed", 1, "workflow"),
        ("report", None, "upstream_failed", 0, "workflow"),
    ]
    us, eu, report = listed["children"]
    assert {c["parent"] for c in listed["children"]} == {parent["id"]}
    assert (us["item_index"], eu["item_index"], report["item_index"]) == (0, 1, None)
    assert eu["run_id"] == f"{parent['run_id']}.report_region.1"
    code, failed = await fetch(jp_fetch, "runs", parent=str(parent["id"]), status="failed")
    assert [run["id"] for run in failed["runs"]] == [eu["id"]] and failed["next_cursor"] is None
    code, first = await fetch(jp_fetch, "runs", parent=str(parent["id"]), limit="2")
    code, rest = await fetch(jp_fetch, "runs", parent=str(parent["id"]), cursor=first["next_cursor"])
    assert [r["id"] for r in first["runs"] + rest["runs"]] == [report["id"], eu["id"], us["id"]]

    # The item in full: its record (failing cell, parameters) and output, as any run's.
    code, detail = await fetch(jp_fetch, "runs", str(eu["id"]))
    assert detail["record"]["parameters"] == {"region": "eu"}
    assert detail["record"]["failing_cell"] is not None and detail["record"]["error"]["ename"] == "TimeoutError"
    assert detail["output_path"].endswith(f"{eu['run_id']}/attempt-1/output.ipynb")
    assert [a["status"] for a in detail["attempt_list"]] == ["failed"]
    code, copy = await fetch(jp_fetch, "runs", str(eu["id"]), "debug", method="POST", body={})
    assert code == 201 and copy["path"] == f"workflow/report_region.debug-{eu['run_id']}.ipynb"
    assert copy["failing_cell"] is not None

    code, refused = await fetch(jp_fetch, "runs", str(eu["id"]), "cancel", method="POST", body={})
    assert (code, refused["field"]) == (409, "id") and f"workflow run {parent['id']}" in refused["message"]
    code, queued = await fetch(jp_fetch, "runs", str(eu["id"]), "rerun", method="POST", body={})
    assert (code, queued["status"], queued["parent"], queued["next_try_at"]) == (202, "queued", parent["id"], None)

    parent = await until(jp_fetch, lambda run: finished(run) and run["attempts"] == 2, "runs", str(parent["id"]))
    assert parent["status"] == "success", parent["message"]
    code, page = await fetch(jp_fetch, "runs", children="include")
    # Only eu ran again, and report, which needs it; us kept its first attempt.
    assert states(page["runs"][0]["children"]) == [
        ("report_region", "region=us", "success", 1, "workflow"),
        ("report_region", "region=eu", "success", 2, "workflow"),
        ("report", None, "success", 1, "workflow"),
    ]
    code, detail = await fetch(jp_fetch, "runs", str(eu["id"]))
    assert [(a["number"], a["reason"], a["status"]) for a in detail["attempt_list"]] == [
        (1, "first", "failed"),
        (2, "retry", "success"),
    ]


@pytest.mark.parametrize(
    "params, field", [({"parent": "first"}, "parent"), ({"parent": "0"}, "parent"), ({"children": "all"}, "children")]
)
async def test_bad_workflow_queries_are_400_naming_the_field(jp_fetch, params, field):
    code, body = await fetch(jp_fetch, "runs", **params)
    assert (code, body["field"]) == (400, field) and "Traceback" not in body["message"]
