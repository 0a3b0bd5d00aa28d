"""The run record (``record.json``): what happened in one attempt, in plain terms."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

STATUSES = ("success", "failed", "refused")
EXIT_REASONS = (
    "completed",
    "cell_error",
    "cell_timeout",
    "run_timeout",
    "kernel_died",
    "bad_notebook",
    "zone_violation",
    "staging_failed",
    "publish_failed",
    "sandbox_unavailable",
    "invalid_notebook",
    "memory_limit",
    "process_limit",
    "cpu_limit",
    "disk_limit",
    "output_limit",
)
# A record's message is shown in notices and lists; the notebook controls part of it
# (an exception's text), so it is cut here. The full error stays in `error`.
MAX_MESSAGE_CHARS = 500


@dataclass(frozen=True)
class RunResult:
    """What ``run_notebook`` returns: ``record`` is exactly what ``record.json`` holds."""

    status: str  # one of STATUSES
    run_id: str
    record: dict[str, Any]
    output_uri: str | None


def new_run_id(trigger: str, logical_date: datetime) -> str:
    """``<trigger>__<logical date, UTC>__<random>``: sortable per trigger, unique per call."""
    safe_trigger = re.sub(r"[^A-Za-z0-9]+", "_", trigger).strip("_") or "run"
    return f"{safe_trigger}__{logical_date:%Y%m%dT%H%M%SZ}__{secrets.token_hex(3)}"


def new_record(
    spec: dict[str, Any],
    *,
    run_id: str,
    attempt: int,
    trigger: str,
    logical_date: datetime,
    started_at: datetime,
    zone: dict[str, Any],
) -> dict[str, Any]:
    return {
        "schedule": spec["name"],
        "notebook": spec["notebook"],
        "owner": spec["owner"],
        "run_id": run_id,
        "attempt": attempt,
        "trigger": trigger,
        "logical_date": logical_date.isoformat(),
        "status": None,
        "exit_reason": None,
        "message": None,
        "started_at": started_at.isoformat(),
        "ended_at": None,
        "duration_seconds": None,
        "output_uri": None,
        "parameters": {},
        "warnings": [],
        "error": None,
        "failing_cell": None,
        "cells": [],
        "zone": zone,
        "zone_violations": [],
        "inputs": [],
        "outputs": [],
        "staged_inputs": [],
        "published_outputs": [],
        "published": {},
        "workflow": None,
        "withheld_outputs": [],
        "sandbox": None,
        "limits": None,
        "resources": None,  # see resources.py
        "notifications": [],
    }


def shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def finish(record: dict[str, Any], *, status: str, exit_reason: str, message: str, ended_at: datetime) -> None:
    if status not in STATUSES or exit_reason not in EXIT_REASONS:
        raise ValueError(f"Unknown run outcome {status}/{exit_reason}")
    record.update(
        status=status,
        exit_reason=exit_reason,
        message=shortened(message, MAX_MESSAGE_CHARS),
        ended_at=ended_at.isoformat(),
    )
    record["duration_seconds"] = round((ended_at - datetime.fromisoformat(record["started_at"])).total_seconds(), 3)
