"""How an attempt ended, from what its worker left behind."""

from __future__ import annotations

import json
import os
from typing import Any

from ..operator.store import AttemptFolder


def attempt_location(store: str, work_folder: str, schedule: str, run_id: str, number: int) -> tuple[str, str]:
    """(attempt folder in the run store, outcome file path) of one attempt."""
    folder = AttemptFolder(store, schedule, run_id, number)
    return folder.uri(""), os.path.join(work_folder, f"{schedule}__{run_id}__{number}.outcome.json")


def read_outcome(outcome_path: str, attempt_dir: str) -> dict[str, Any] | None:
    """The worker's outcome file; failing that the operator's record.json (the worker died
    after the run was recorded); None when the attempt left no result."""
    try:
        with open(outcome_path, encoding="utf-8") as file:
            return json.load(file)
    except (FileNotFoundError, json.JSONDecodeError):
        pass
    record_path = os.path.join(attempt_dir, "record.json")
    try:
        with open(record_path, encoding="utf-8") as file:
            record = json.load(file)
    except (FileNotFoundError, NotADirectoryError, json.JSONDecodeError):
        return None
    return {
        "status": record["status"],
        "exit_reason": record["exit_reason"],
        "message": record["message"],
        "output_path": record.get("output_uri"),
    }
