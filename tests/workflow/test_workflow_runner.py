"""The embedded workflow runner's graph rules: which items run, when, how often.

Trigger rules, max_parallel and retries per item are checked with a launcher that
records each attempt instead of starting a kernel; test_workflow_scheduled.py runs
workflows in real kernels through the scheduler.
"""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timezone

from nbschedule.workflow.runner import run_workflow

BASE = {
    "version": 1,
    "name": "graph",
    "notebook": "a.ipynb",
    "cron": "0 2 * * *",
    "timezone": "UTC",
    "start_date": "2024-01-01",
    "zone": "analytics",
    "owner": "ada@example.com",
    "retry_delay_seconds": 0,
}
WHEN = datetime(2024, 5, 1, 2, tzinfo=timezone.utc)


class Recorder:
    """Launches nothing: answers each attempt as `fails` says and notes what ran when."""

    def __init__(self, fails: dict[str, int]):
        self.fails, self.lock = fails, threading.Lock()
        self.attempts: list[tuple[str, dict, int]] = []
        self.running: dict[str, int] = {}
        self.most: dict[str, int] = {}

    def __call__(self, job: dict) -> dict:
        node = job["workflow"]["node"]
        key = f"{node}[{job['workflow']['item_label'] or ''}]"
        with self.lock:
            self.attempts.append((key, job["overrides"], job["attempt"]))
            self.running[node] = self.running.get(node, 0) + 1
            self.most[node] = max(self.most.get(node, 0), self.running[node])
        time.sleep(0.05)
        with self.lock:
            self.running[node] -= 1
        failed = job["attempt"] <= self.fails.get(key, 0)
        return {
            "status": "failed" if failed else "success",
            "exit_reason": "cell_error" if failed else "completed",
            "message": "",
            "output_uri": None,
            "published": {} if failed else {"n": len(key)},
        }


def test_a_failed_item_blocks_only_what_needs_it(tmp_path):
    spec = {
        **BASE,
        "retries": 1,
        "nodes": [
            {"id": "a", "notebook": "a.ipynb"},
            {
                "id": "fan",
                "notebook": "f.ipynb",
                "needs": ["a"],
                "max_parallel": 2,
                "foreach": [{"region": region} for region in ("us", "eu", "apac", "fr", "de")],
            },
            {"id": "strict", "notebook": "s.ipynb", "needs": ["fan"]},
            {"id": "after_strict", "notebook": "s.ipynb", "needs": ["strict"], "trigger_rule": "all_done"},
            {
                "id": "lenient",
                "notebook": "l.ipynb",
                "needs": ["fan", "a"],
                "trigger_rule": "all_done",
                "from": [{"parameter": "n", "node": "a", "value": "n"}],
            },
            {"id": "apart", "notebook": "p.ipynb", "needs": ["a"], "retries": 0},
        ],
    }
    recorder = Recorder({"fan[region=eu]": 5, "fan[region=us]": 1, "apart[]": 1})
    summary = run_workflow(
        spec,
        workspace=str(tmp_path),
        logical_date=WHEN,
        run_id="manual__x",
        store=str(tmp_path),
        launch=recorder,
        max_workers=4,
    )
    states = {f"{i['node']}[{i['label']}]": (i["status"], i["attempts"]) for i in summary["items"]}
    assert states == {
        "a[]": ("success", 1),
        # Retried on its own: us fails once and succeeds; eu fails both tries; the others once each.
        "fan[region=us]": ("success", 2),
        "fan[region=eu]": ("failed", 2),
        "fan[region=apac]": ("success", 1),
        "fan[region=fr]": ("success", 1),
        "fan[region=de]": ("success", 1),
        "strict[]": ("upstream_failed", 0),
        "after_strict[]": ("success", 1),  # all_done: runs once strict is settled, even as upstream_failed
        "lenient[]": ("success", 1),
        "apart[]": ("failed", 1),  # its own retries (0), not the workflow's
    }
    assert summary["status"] == "failed" and "fan[region=eu]" in summary["message"]
    assert recorder.most["fan"] == 2  # max_parallel
    # The published value of `a` reached `lenient` as its parameter.
    assert [overrides for key, overrides, _ in recorder.attempts if key == "lenient[]"] == [{"n": 3}]
    assert ("fan[region=apac]", {"region": "apac"}, 1) in recorder.attempts


def record_attempt(store, run_id: str, attempt: int, status: str) -> None:
    """An attempt as the run store holds it once it ended (only what a re-run reads)."""
    folder = store / "graph" / run_id / f"attempt-{attempt}"
    folder.mkdir(parents=True)
    record = {"attempt": attempt, "status": status, "output_uri": None, "message": status, "published": {}}
    (folder / "record.json").write_text(json.dumps(record))


def test_a_re_run_of_one_item_runs_it_and_what_needs_it_whatever_its_last_state(tmp_path):
    spec = {
        **BASE,
        "nodes": [
            {"id": "fan", "notebook": "f.ipynb", "foreach": [{"region": "us"}, {"region": "eu"}]},
            {"id": "after", "notebook": "a.ipynb", "needs": ["fan"]},
            {"id": "apart", "notebook": "p.ipynb"},
        ],
    }
    record_attempt(tmp_path, "manual__x.fan.0", 1, "success")
    record_attempt(tmp_path, "manual__x.fan.1", 1, "failed")
    record_attempt(tmp_path, "manual__x.apart", 1, "failed")

    def rerun(only: list[str]) -> dict[str, tuple]:
        recorder = Recorder({})
        summary = run_workflow(
            spec,
            rerun=True,
            only=only,
            workspace=str(tmp_path),
            logical_date=WHEN,
            run_id="manual__x",
            store=str(tmp_path),
            launch=recorder,
        )
        for key, _, attempt in recorder.attempts:  # what ran, as the store would then hold it
            item = next(i for i in summary["items"] if f"{i['node']}[{i['label']}]" == key)
            record_attempt(tmp_path, item["run_id"], attempt, "success")
        return {f"{i['node']}[{i['label']}]": (i["status"], i["attempts"]) for i in summary["items"]}

    # us succeeded and runs again when asked; eu stays failed, so what needs both is blocked.
    assert rerun(["manual__x.fan.0"]) == {
        "fan[region=us]": ("success", 2),
        "fan[region=eu]": ("failed", 1),
        "after[]": ("upstream_failed", 0),
        "apart[]": ("failed", 1),
    }
    # eu now: it runs, then `after`; us and the failed `apart`, not asked for, stand.
    assert rerun(["manual__x.fan.1"]) == {
        "fan[region=us]": ("success", 2),
        "fan[region=eu]": ("success", 2),
        "after[]": ("success", 1),
        "apart[]": ("failed", 1),
    }
