"""A workflow run through the embedded scheduler, with the demo notebooks in real
sandboxed kernels: the failed item fails the workflow run (which is not retried whole),
and a re-run of that run (what POST runs/<id>/rerun does) runs only the items that did
not succeed, then what they blocked."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scheduler"))

from scheduler_helpers import (
    all_attempts,
    all_finished,
    all_runs,
    backfill,
    fast_config,
    quiet_spec,  # noqa: E402
    tick_until,
    write_spec,
)

from nbschedule.scheduler.engine import Scheduler  # noqa: E402
from nbschedule.scheduler.run_rows import requeue  # noqa: E402

DEMO = Path(__file__).resolve().parents[2] / "demo" / "workflow"


def top_level(scheduler) -> list[dict]:
    return [run for run in all_runs(scheduler) if run["parent_id"] is None]


def items_of(scheduler, parent: dict) -> list[tuple]:
    """Each item row of `parent` as (node, index, label, status, attempts), in the graph's order."""
    return [
        (run["node"], run["item_index"], run["item_label"], run["status"], run["attempts"])
        for run in sorted(all_runs(scheduler), key=lambda run: run["id"])
        if run["parent_id"] == parent["id"]
    ]


@pytest.fixture
def root():
    # Short: kernel ipc sockets live below it, and Unix socket paths are short.
    folder = Path(tempfile.mkdtemp(prefix="nbs-wf-", dir="/tmp"))
    shutil.copytree(DEMO, folder / "workflow")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_rerun_of_a_workflow_run_runs_only_what_did_not_succeed(root):
    demo = json.loads((DEMO / "regional_reports.json").read_text(encoding="utf-8"))
    regional, report = demo["nodes"][2], demo["nodes"][3]
    # eu fails on its first try and may not retry; the workflow's own retries are its items' default.
    spec = quiet_spec(
        "regions",
        retries=2,
        retry_delay_seconds=0,
        notebook=regional["notebook"],
        nodes=[{**regional, "needs": [], "retries": 0, "foreach": [{"region": "us"}, {"region": "eu"}]}, report],
    )
    write_spec(root, spec)
    scheduler = Scheduler(root, fast_config())
    try:
        scheduler.tick()
        backfill(scheduler, spec, 1)
        tick_until(scheduler, all_finished, timeout=300)
        [run] = top_level(scheduler)
        assert (run["status"], run["exit_reason"], run["attempts"]) == ("failed", "node_failed", 1), run
        assert run["message"] == "2 of 3 runs did not succeed: report_region[region=eu], report."
        assert items_of(scheduler, run) == [
            ("report_region", 0, "region=us", "success", 1),
            ("report_region", 1, "region=eu", "failed", 1),
            ("report", None, None, "upstream_failed", 0),
        ]

        with scheduler.db.write() as connection:
            assert requeue(connection, run["id"], scheduler.clock())
        tick_until(scheduler, all_finished, timeout=300)
        [run] = top_level(scheduler)
        assert (run["status"], run["attempts"]) == ("success", 2), run
        assert items_of(scheduler, run) == [
            ("report_region", 0, "region=us", "success", 1),
            ("report_region", 1, "region=eu", "success", 2),
            ("report", None, None, "success", 1),
        ]
        assert [a["reason"] for a in all_attempts(scheduler)] == ["first", "rerun"]
    finally:
        scheduler.shutdown()

    runs = Path(scheduler.store) / "regions"
    tried = {
        path.name.removeprefix(run["run_id"]): sorted(p.name for p in path.iterdir())
        for path in runs.iterdir()
        if path.name.startswith(f"{run['run_id']}.")
    }
    assert tried == {
        ".report_region.0": ["attempt-1"],
        ".report_region.1": ["attempt-1", "attempt-2"],
        ".report": ["attempt-1"],
    }
    record = json.loads((runs / f"{run['run_id']}.report_region.1" / "attempt-2" / "record.json").read_text())
    assert (record["status"], record["trigger"], record["parameters"]) == ("success", "retry", {"region": "eu"})
    assert record["workflow"] == {
        "parent_run_id": run["run_id"],
        "node": "report_region",
        "item": 1,
        "item_label": "region=eu",
    }
