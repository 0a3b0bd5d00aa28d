"""Running a workflow run: every node, and every fan-out item of a node, is its own run
with its own output notebook and its own retries.

Follows Airflow's rules so both engines end a workflow run alike: a node starts once all
its upstream runs ended; with ``all_success`` any upstream run that did not succeed marks
it ``upstream_failed`` (only what needs the failure is blocked), with ``all_done`` it runs
anyway. A re-run of a workflow run keeps the items whose last attempt succeeded and runs
the others again, each with its full retries, attempt numbers going on from the last.

The run store is the state: an item's attempts are the records under its run id
(``<parent run id>.<node>[.<item index>]``), whichever engine wrote them.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import fsspec

from ..server_secrets import worker_environment
from ..spec import with_defaults
from .graph import item_label, items_of, node_run_id, node_spec, run_order

TERMINAL = ("success", "failed", "upstream_failed")
POLL_SECONDS = 0.2


@dataclass
class Item:
    node: str
    index: int | None
    parameters: dict[str, Any]
    label: str
    run_id: str
    status: str = "pending"
    attempts: int = 0
    tries_allowed: int = 1
    output_uri: str | None = None
    published: dict[str, Any] = field(default_factory=dict)
    message: str | None = None
    not_before: float = 0.0


# Process groups of the attempts under way, stopped when the workflow run is (SIGTERM to
# the worker): the pool's threads cannot be interrupted, their children can.
_LIVE: set[int] = set()

Launch = Callable[[dict[str, Any]], dict[str, Any]]


def launch_process(job: dict[str, Any]) -> dict[str, Any]:
    """One attempt in ``python -m nbschedule.workflow.item``, in its own process group so a
    cancelled workflow run stops it with everything it started.

    Its output goes to files, not pipes: a kernel that failed to start may outlive the item's
    process with its stdout inherited, and reading a pipe to its end would wait for that kernel.
    What is left of the group once the item's process ended is stopped."""
    with tempfile.TemporaryFile("w+") as stdout_file, tempfile.TemporaryFile("w+") as stderr_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "nbschedule.workflow.item"],
            stdin=subprocess.PIPE,
            stdout=stdout_file,
            stderr=stderr_file,
            cwd=job["workspace"],
            env=worker_environment(),
            start_new_session=True,
            text=True,
        )
        _LIVE.add(process.pid)
        try:
            process.communicate(json.dumps(job))
        finally:
            _LIVE.discard(process.pid)
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        stdout_file.seek(0)
        stderr_file.seek(0)
        stdout, stderr = stdout_file.read(), stderr_file.read()
    marker = "NBSCHEDULE-ITEM "
    line = next((line for line in stdout.splitlines() if line.startswith(marker)), None)
    if line is None:
        return {
            "status": "failed",
            "exit_reason": "worker_died",
            "output_uri": None,
            "published": {},
            "message": f"The item's process ended (exit code {process.returncode}) before the run was "
            f"recorded: {stderr[-300:]}",
        }
    return json.loads(line[len(marker) :])


def recorded_attempts(store: str, schedule: str, run_id: str) -> list[dict[str, Any]]:
    """The records of a run's attempts in the store, oldest first."""
    fs, root = fsspec.core.url_to_fs(store)
    folder = f"{root.rstrip('/')}/{schedule}/{run_id}"
    found = []
    for path in fs.glob(f"{folder}/attempt-*/record.json"):
        record = json.loads(fs.cat_file(path).decode("utf-8"))
        found.append(record)
    return sorted(found, key=lambda record: record["attempt"])


class WorkflowRun:
    def __init__(
        self,
        spec: dict[str, Any],
        *,
        workspace: str,
        logical_date: datetime,
        run_id: str,
        store: str,
        trigger: str = "manual",
        allow_unsandboxed: bool = False,
        max_workers: int = 4,
        launch: Launch = launch_process,
    ):
        self.spec = with_defaults(spec)
        self.nodes = {node["id"]: node for node in self.spec["nodes"]}
        self.order = run_order(self.spec["nodes"])
        self.workspace, self.logical_date, self.run_id, self.store = workspace, logical_date, run_id, store
        self.trigger, self.allow_unsandboxed = trigger, allow_unsandboxed
        self.max_workers, self.launch = max_workers, launch
        self.items: dict[str, list[Item]] = {}
        for node_id in self.order:
            node = self.nodes[node_id]
            fanned_out = bool(node.get("foreach"))
            self.items[node_id] = [
                Item(
                    node_id,
                    index if fanned_out else None,
                    parameters,
                    item_label(parameters),
                    node_run_id(run_id, node_id, index if fanned_out else None),
                    tries_allowed=node_spec(self.spec, node)["retries"] + 1,
                )
                for index, parameters in enumerate(items_of(node))
            ]

    def resume_from_store(self, only: list[str] | None = None) -> None:
        """A re-run: items whose last recorded attempt succeeded stand; the others run again.
        With `only` (run ids of items), those items and everything downstream of them run
        again, whatever their last attempt; every other item stands as it ended."""
        again = self.downstream_of(only) if only is not None else None
        for item in self.all_items():
            records = recorded_attempts(self.store, self.spec["name"], item.run_id)
            last = records[-1] if records else None
            if last is not None:
                item.attempts = last["attempt"]
                item.tries_allowed += item.attempts
            succeeded = last is not None and last["status"] == "success"
            if (item.run_id in again) if again is not None else not succeeded:
                continue  # runs again
            if succeeded:
                item.status, item.output_uri, item.message = "success", last["output_uri"], last["message"]
                item.published = last.get("published") or {}
            elif last is not None:
                item.status, item.output_uri, item.message = "failed", last["output_uri"], last["message"]
            else:
                item.status, item.message = "upstream_failed", "Not run: an upstream run did not succeed."

    def downstream_of(self, run_ids: list[str]) -> set[str]:
        """The run ids of the items `run_ids` names and of every item of a node that needs one of them."""
        chosen = {item.run_id for item in self.all_items() if item.run_id in run_ids}
        nodes = {item.node for item in self.all_items() if item.run_id in chosen}
        for node_id in self.order:  # run order: a node's upstream nodes were looked at before it
            if any(upstream in nodes for upstream in self.nodes[node_id].get("needs", [])):
                nodes.add(node_id)
                chosen.update(item.run_id for item in self.items[node_id])
        return chosen

    def all_items(self) -> list[Item]:
        return [item for node_id in self.order for item in self.items[node_id]]

    # -- deciding -----------------------------------------------------------------------------
    def upstream_items(self, node_id: str) -> list[Item]:
        return [item for upstream in self.nodes[node_id].get("needs", []) for item in self.items[upstream]]

    def settle_blocked(self) -> None:
        """Nodes whose upstream all ended and whose trigger rule is not met will never run."""
        for node_id in self.order:
            upstream = self.upstream_items(node_id)
            if not all(item.status in TERMINAL for item in upstream):
                continue
            if self.nodes[node_id]["trigger_rule"] == "all_success" and any(i.status != "success" for i in upstream):
                for item in self.items[node_id]:
                    if item.status == "pending":
                        item.status = "upstream_failed"
                        item.message = "Not run: an upstream run did not succeed (trigger rule all_success)."

    def startable(self, running: dict[Future, Item]) -> list[Item]:
        now = time.monotonic()
        free = self.max_workers - len(running)
        chosen: list[Item] = []
        for node_id in self.order:
            if not all(item.status in TERMINAL for item in self.upstream_items(node_id)):
                continue
            in_flight = sum(1 for item in running.values() if item.node == node_id)
            room = self.nodes[node_id]["max_parallel"] - in_flight
            for item in self.items[node_id]:
                if free <= 0 or room <= 0:
                    break
                if item.status == "pending" and item.not_before <= now:
                    chosen.append(item)
                    free, room = free - 1, room - 1
        return chosen

    def job_of(self, item: Item) -> dict[str, Any]:
        node = self.nodes[item.node]
        overrides = dict(item.parameters)
        for taken in node.get("from", []):
            published = self.items[taken["node"]][0].published
            if taken["value"] in published:  # else the notebook's own default stands, as under Airflow
                overrides[taken["parameter"]] = published[taken["value"]]
        attempt = item.attempts + 1
        return {
            "spec": node_spec(self.spec, node),
            "workspace": self.workspace,
            "logical_date": self.logical_date.isoformat(),
            "trigger": "retry" if attempt > 1 else self.trigger,
            "run_id": item.run_id,
            "attempt": attempt,
            "store": self.store,
            "overrides": overrides or None,
            "allow_unsandboxed": self.allow_unsandboxed,
            "workflow": {
                "parent_run_id": self.run_id,
                "node": item.node,
                "item": item.index,
                "item_label": item.label or None,
            },
        }

    def ended(self, item: Item, outcome: dict[str, Any]) -> None:
        item.output_uri, item.message = outcome.get("output_uri"), outcome.get("message")
        if outcome["status"] == "success":
            item.status, item.published = "success", outcome.get("published") or {}
        elif item.attempts < item.tries_allowed:
            item.status = "pending"
            item.not_before = time.monotonic() + node_spec(self.spec, self.nodes[item.node])["retry_delay_seconds"]
        else:
            item.status = "failed"

    # -- running ------------------------------------------------------------------------------
    def run(self) -> dict[str, Any]:
        try:
            return self.run_all()
        except BaseException:
            for pid in list(_LIVE):
                try:
                    os.killpg(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            raise

    def run_all(self) -> dict[str, Any]:
        running: dict[Future, Item] = {}
        with ThreadPoolExecutor(max_workers=self.max_workers, thread_name_prefix="nbschedule-item") as pool:
            while True:
                self.settle_blocked()
                for item in self.startable(running):
                    job = self.job_of(item)
                    item.status, item.attempts = "running", job["attempt"]
                    running[pool.submit(self.launch, job)] = item
                if not running:
                    if all(item.status in TERMINAL for item in self.all_items()):
                        break
                    time.sleep(POLL_SECONDS)  # only retries waiting for their delay
                    continue
                done, _ = wait(running, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in done:
                    self.ended(running.pop(future), future.result())
        return self.summary()

    def summary(self) -> dict[str, Any]:
        items = self.all_items()
        failed = [item for item in items if item.status != "success"]
        if failed:
            names = ", ".join(f"{i.node}[{i.label}]" if i.label else i.node for i in failed[:5])
            message = f"{len(failed)} of {len(items)} runs did not succeed: {names}."
        else:
            message = f"All {len(items)} runs succeeded."
        return {
            "run_id": self.run_id,
            "status": "failed" if failed else "success",
            "message": message,
            "items": [{key: value for key, value in asdict(item).items() if key != "not_before"} for item in items],
        }


def run_workflow(
    spec: dict[str, Any], *, rerun: bool = False, only: list[str] | None = None, **options: Any
) -> dict[str, Any]:
    """Run (or, with `rerun`, re-run the failed items of, or with `only` too, those items and
    what needs them) one workflow run; returns its summary:
    {run_id, status, message, items: [{node, index, label, run_id, status, attempts, output_uri, ...}]}."""
    workflow = WorkflowRun(spec, **options)
    if rerun:
        workflow.resume_from_store(only)
    return workflow.run()
