"""The health report: is some scheduler firing on this workspace, which process holds the
firing lease, its last tick, the operator's mode, and this process's own part."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from .controls import current_mode
from .database import Database
from .lease import lease_holder
from .models import RunRow

runs = RunRow.__table__


def workspace_health(db: Database) -> dict[str, Any]:
    """`alive` is true while an unexpired lease is held: some process fires schedules."""
    with db.read() as connection:
        holder = lease_holder(connection)
        mode = current_mode(connection)
        counts = dict(
            connection.execute(
                select(runs.c.status, func.count())
                .where(runs.c.status.in_(("queued", "running")), runs.c.parent_id.is_(None))
                .group_by(runs.c.status)
            ).all()
        )
    return {
        "alive": holder is not None and not holder["expired"],
        "lease": holder,
        "mode": mode["mode"],
        "mode_changed_by": mode["changed_by"],
        "mode_changed_at": mode["changed_at"],
        "runs_running": counts.get("running", 0),
        "runs_queued": counts.get("queued", 0),
        "drained": mode["mode"] != "running" and counts.get("running", 0) == 0,
    }


def health_report(scheduler) -> dict[str, Any]:
    """The workspace's health and this process's part in it."""
    firing = scheduler.firing
    this_process = {
        "id": scheduler.lease.server_id,
        "kind": firing.kind,
        "host": scheduler.lease.host,
        "pid": scheduler.lease.server_pid,
        "role": "stopping" if firing.resigned else "holder" if firing.holding else "standby",
        "last_tick": firing.last_tick and firing.last_tick.isoformat(),
        "running_here": len(scheduler.execution.running),
    }
    return {**workspace_health(scheduler.db), "this_process": this_process}
