"""The operator's mode for every scheduler on a workspace.

running: fire times are claimed and queued runs start.
paused: nothing fires and nothing starts; fire times passed while paused are handled on
  resume by each schedule's catch-up policy, as after downtime. Running runs finish.
draining: fire times are still claimed (queued, so nothing is lost) but no run starts;
  running runs finish. Once none runs, the scheduler can be stopped or upgraded.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects.sqlite import insert

from .ops_tables import ROW, controls

MODES = ("running", "paused", "draining")


def current_mode(connection: Connection) -> dict:
    row = connection.execute(select(controls).where(controls.c.name == ROW)).mappings().first()
    if row is None:
        return {"mode": "running", "changed_by": None, "changed_at": None}
    return {"mode": row["mode"], "changed_by": row["changed_by"], "changed_at": row["changed_at"].isoformat()}


def set_mode(connection: Connection, mode: str, changed_by: str, now: datetime) -> None:
    if mode not in MODES:
        raise ValueError(f"unknown scheduler mode {mode!r}; expected one of {', '.join(MODES)}")
    if mode == "running":
        connection.execute(delete(controls).where(controls.c.name == ROW))
        return
    values = {"mode": mode, "changed_by": changed_by, "changed_at": now}
    connection.execute(
        insert(controls).values(name=ROW, **values).on_conflict_do_update(index_elements=["name"], set_=values)
    )
