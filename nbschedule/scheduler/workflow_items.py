"""The node and item runs of a workflow run as rows of the run history, under their parent.

The workflow's worker runs every item in its own process and records each attempt in the
run store (``<store>/<schedule>/<parent run id>.<node>[.<index>]/attempt-<n>/``); it never
writes the database. While a workflow run is running, and once more when it ends, the
scheduler reads those folders and writes one row per item (trigger "workflow", its
parent's id, node, item index and label), so the history, the runs panel and every
per-run action (open output, debug copy, diff, re-run) see items as runs.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import fsspec
from sqlalchemy import Connection, insert, select, update

from ..workflow.runner import Item, WorkflowRun
from .models import ACTIVE, NODE_TRIGGER, AttemptRow, RunRow
from .run_rows import requeue

runs, attempts = RunRow.__table__, AttemptRow.__table__
BLOCKED = "upstream_failed"
BLOCKED_MESSAGE = "Not run: an upstream run did not succeed (trigger rule all_success)."


def _instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def recorded_tries(store: str, schedule: str, run_id: str) -> list[tuple[int, dict[str, Any] | None]]:
    """(attempt number, record or None while it runs) of each attempt folder of a run, oldest first."""
    fs, root = fsspec.core.url_to_fs(store)
    tries = []
    for folder in fs.glob(f"{root.rstrip('/')}/{schedule}/{run_id}/attempt-*"):
        number = folder.rsplit("-", 1)[-1]
        if not number.isdigit():
            continue
        try:
            record = json.loads(fs.cat_file(f"{folder}/record.json").decode("utf-8"))
        except FileNotFoundError:
            record = None
        tries.append((int(number), record))
    return sorted(tries, key=lambda found: found[0])


def item_state(
    item: Item, tries: list[tuple[int, dict[str, Any] | None]], parent: Any, since: datetime | None, again: bool
) -> dict[str, Any]:
    """The item's row values from its attempts and its parent's state. `since` is when the
    parent's current attempt started; `again` whether that attempt may run the item."""
    running_parent = parent.status == "running"
    state: dict[str, Any] = {
        "attempts": tries[-1][0] if tries else 0,
        "exit_reason": None,
        "message": None,
        "started_at": None,
        "ended_at": None,
        "output_path": None,
    }
    if not tries:
        if parent.status in ACTIVE:
            return {**state, "status": "queued"}
        if parent.status == "cancelled":
            return {**state, "status": "cancelled", "message": "Not run: the workflow run was cancelled."}
        return {**state, "status": BLOCKED, "message": BLOCKED_MESSAGE}
    record = tries[-1][1]
    first = next((found for _, found in tries if found), None)
    state["started_at"] = _instant(first["started_at"]) if first else None
    if record is None:
        if running_parent:
            return {**state, "status": "running"}
        lost = "cancelled" if parent.status == "cancelled" else "lost"
        return {**state, "status": lost, "message": "The workflow run ended while this item ran."}
    state.update(
        exit_reason=record["exit_reason"],
        message=record["message"],
        ended_at=_instant(record["ended_at"]),
        output_path=record.get("output_uri"),
    )
    if record["status"] != "success" and running_parent and again:
        # Tried fewer times in this attempt of the workflow run than its retries allow: it runs again.
        tried_now = sum(1 for _, found in tries if found and since and _instant(found["started_at"]) >= since)
        if tried_now < item.tries_allowed:
            return {**state, "status": "queued", "ended_at": None}
    return {**state, "status": record["status"]}


def follow_workflow(connection: Connection, parent_pk: int, spec: dict[str, Any], store: str, now: datetime) -> None:
    """Write the item rows of workflow run `parent_pk` as its run store shows them now."""
    parent = connection.execute(select(runs).where(runs.c.id == parent_pk)).first()
    if parent is None or not spec.get("nodes"):
        return
    since = connection.execute(
        select(attempts.c.started_at).where(attempts.c.run_pk == parent_pk).order_by(attempts.c.number.desc()).limit(1)
    ).scalar()
    graph = WorkflowRun(spec, workspace="", logical_date=parent.logical_date, run_id=parent.run_id, store=store)
    again = graph.downstream_of(parent.rerun_items) if parent.rerun_items is not None else None
    known = {
        row.run_id: row
        for row in connection.execute(select(runs.c.id, runs.c.run_id).where(runs.c.parent_id == parent_pk)).all()
    }
    for item in graph.all_items():
        tries = recorded_tries(store, spec["name"], item.run_id)
        state = item_state(item, tries, parent, since, again is None or item.run_id in again)
        if item.run_id in known:
            connection.execute(update(runs).where(runs.c.id == known[item.run_id].id).values(**state))
            continue
        connection.execute(
            insert(runs).values(
                run_id=item.run_id,
                schedule=parent.schedule,
                owner=parent.owner,
                trigger=NODE_TRIGGER,
                logical_date=parent.logical_date,
                next_try_at=now,
                created_at=now,
                engine=parent.engine,
                parent_id=parent_pk,
                node=item.node,
                item_index=item.index,
                item_label=item.label or None,
                **state,
            )
        )


def requeue_items(connection: Connection, run_pk: int, items: list[str] | None, now: datetime) -> bool:
    """Re-run finished run `run_pk`. A workflow run runs again only `items` (run ids of its
    items) and what needs them, or with None every item that did not succeed; those rows
    show queued at once. False when the run is not finished."""
    if not requeue(connection, run_pk, now, items):
        return False
    queued = update(runs).where(runs.c.parent_id == run_pk)
    queued = queued.where(runs.c.run_id.in_(items)) if items is not None else queued.where(runs.c.status != "success")
    connection.execute(queued.values(status="queued", ended_at=None))
    return True
