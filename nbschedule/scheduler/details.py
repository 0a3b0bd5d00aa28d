"""One run in full: its attempts, and the latest finished attempt's record and lineage."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import fsspec
from sqlalchemy import Connection, select

from .history import relative_path, run_json
from .models import AttemptRow, RunRow
from .shared_copies import local_copy
from .workflow_items import recorded_tries

runs, attempts = RunRow.__table__, AttemptRow.__table__


def _read_json(path: str) -> Any | None:
    # A path, or the URL of an attempt in a shared run store.
    try:
        with fsspec.open(path, "rt", encoding="utf-8") as file:
            return json.load(file)
    except (FileNotFoundError, NotADirectoryError, json.JSONDecodeError):
        return None


def _read_lineage(path: str) -> list[dict[str, Any]]:
    try:
        with fsspec.open(path, "rt", encoding="utf-8") as file:
            return [json.loads(line) for line in file if line.strip()]
    except (FileNotFoundError, NotADirectoryError):
        return []


def attempt_json(row: Any, root: Path) -> dict[str, Any]:
    output = local_copy(f"{row.attempt_dir}/output.ipynb", root) or ""
    return {
        "number": row.number,
        "reason": row.reason,
        "status": row.status,
        "exit_reason": row.exit_reason,
        "message": row.message,
        "started_at": row.started_at.isoformat(),
        "ended_at": row.ended_at and row.ended_at.isoformat(),
        "host": row.host,
        "worker_pid": row.worker_pid,
        "output_path": relative_path(output, root) if os.path.exists(output) else None,
    }


def item_attempt_json(number: int, record: dict[str, Any] | None, root: Path) -> dict[str, Any]:
    """An attempt of a workflow item, from its record in the run store (items have no attempt rows)."""
    record = record or {}
    output = local_copy(record.get("output_uri"), root) if record.get("output_uri") else None
    return {
        "number": number,
        # The runner tries an item again within its node's retries or in a re-run of its
        # workflow run alike: every later attempt is a retry of the item.
        "reason": "first" if number == 1 else "retry",
        "status": record.get("status") or "running",
        "exit_reason": record.get("exit_reason"),
        "message": record.get("message"),
        "started_at": record.get("started_at") or "",
        "ended_at": record.get("ended_at"),
        "host": "",
        "worker_pid": None,
        "output_path": relative_path(output, root) if output and os.path.exists(output) else None,
    }


def item_details(run: Any, root: Path, store: str) -> dict[str, Any]:
    tries = recorded_tries(store, run.schedule, run.run_id)
    detail = run_json(run, root)
    detail["attempt_list"] = [item_attempt_json(number, record, root) for number, record in tries]
    recorded = [(number, record) for number, record in tries if record is not None]
    detail["record"], detail["lineage"] = (recorded[-1][1], []) if recorded else (None, [])
    if recorded:
        number = recorded[-1][0]
        folder = f"{store.rstrip('/')}/{run.schedule}/{run.run_id}/attempt-{number}"
        detail["lineage"] = _read_lineage(f"{folder}/lineage.jsonl")
    return detail


def run_details(connection: Connection, run_pk: int, root: Path, store: str) -> dict[str, Any] | None:
    run = connection.execute(select(runs).where(runs.c.id == run_pk)).first()
    if run is None:
        return None
    if run.parent_id is not None:
        return item_details(run, root, store)
    tries = connection.execute(select(attempts).where(attempts.c.run_pk == run_pk).order_by(attempts.c.number)).all()
    detail = run_json(run, root)
    detail["attempt_list"] = [attempt_json(row, root) for row in tries]
    # The record of the latest attempt that has one (a lost attempt never wrote its record).
    detail["record"], detail["lineage"] = None, []
    for row in reversed(tries):
        record = _read_json(os.path.join(row.attempt_dir, "record.json"))
        if record is not None:
            detail["record"] = record
            detail["lineage"] = _read_lineage(os.path.join(row.attempt_dir, "lineage.jsonl"))
            break
    return detail
