"""Pausing and resuming schedules: kept in the scheduler database, shared by every server.

A paused schedule claims no scheduled runs; its fire times pass unclaimed. After a
resume they are not caught up either (that is what a backfill is for), including after
a restart, when the catch-up policy would otherwise reach back into the paused spell.
Manual runs and backfills of a paused schedule still run: the user asked for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select
from sqlalchemy.dialects.sqlite import insert

from .models import PauseRow

pauses = PauseRow.__table__


@dataclass(frozen=True)
class PauseState:
    paused: bool
    changed_at: datetime
    changed_by: str

    def to_json(self) -> dict:
        return {"paused": self.paused, "changed_at": self.changed_at.isoformat(), "changed_by": self.changed_by}


def set_paused(connection: Connection, name: str, paused: bool, now: datetime, user: str) -> PauseState:
    """Pause or resume `name`; doing it twice keeps the first instant (the spell began then)."""
    current = pause_states(connection, [name]).get(name)
    if current is not None and current.paused == paused:
        return current
    row = {"paused": paused, "changed_at": now, "changed_by": user}
    connection.execute(insert(pauses).values(name=name, **row).on_conflict_do_update(index_elements=["name"], set_=row))
    return PauseState(paused, now, user)


def pause_states(connection: Connection, names: list[str] | None = None) -> dict[str, PauseState]:
    """Every schedule's pause state that was ever set, or those of `names`."""
    query = select(pauses)
    if names is not None:
        query = query.where(pauses.c.name.in_(names))
    return {row.name: PauseState(row.paused, row.changed_at, row.changed_by) for row in connection.execute(query).all()}


def runnable_fire_times(state: PauseState | None, dates: list[datetime]) -> list[datetime]:
    """The fire times a schedule in `state` may claim: none while paused, none of the paused spell after."""
    if state is None:
        return dates
    if state.paused:
        return []
    return [date for date in dates if date > state.changed_at]
