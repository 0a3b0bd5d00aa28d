"""Trial runs in the run history: their own kind (trigger "test"), written once they end.

They are never scheduled runs: outside the (schedule, logical date) key, left out of a
schedule's last run, latest outcomes and failing state, and they raise no failure notice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert

from .database import Database
from .models import RunRow

runs = RunRow.__table__
TEST_TRIGGER = "test"


def record_trial_run(
    db: Database,
    *,
    run_id: str,
    schedule: str,
    owner: str,
    status: str,
    record: dict | None,
    message: str | None,
    output_uri: str | None,
    created_at: datetime,
    ended_at: datetime,
) -> int:
    """Adds the finished test run to the history; returns its row id."""
    reason = (record or {}).get("exit_reason")
    row: dict[str, Any] = {
        "run_id": run_id,
        "schedule": schedule,
        "owner": owner,
        "trigger": TEST_TRIGGER,
        "logical_date": created_at,
        "status": status,
        "exit_reason": reason,
        "message": message,
        "attempts": 1,
        "failed_attempts": 0 if status == "success" else 1,
        "lost_attempts": 0,
        "next_try_at": created_at,
        "next_reason": "first",
        "created_at": created_at,
        "started_at": created_at,
        "ended_at": ended_at,
        "cancel_requested": False,
        "overrides": None,
        "output_path": output_uri if output_uri and "://" not in output_uri else None,
    }
    with db.write() as connection:
        return connection.execute(insert(runs).values(**row)).inserted_primary_key[0]
