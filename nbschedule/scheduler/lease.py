"""The firing lease: exactly one process per workspace claims and starts runs.

Every scheduler sharing a database (the ``nbschedule scheduler`` service, each Jupyter
server's embedded scheduler) ticks; the holder renews the lease on each tick, the others
stand by. A standby takes the lease when it has expired, or at once when the holder was
on this host and its process is gone. Writes are compare-and-set on the holder id inside
BEGIN IMMEDIATE transactions, so two standbys never both win.

Standbys still finish the runs they had started and keep those attempts' own leases
alive, so a hand-over never cuts a run short. Expiry is measured in real time (not the
scheduler's clock, which tests may shift): it says whether a process is alive.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import delete, insert, select, update

from .database import Database
from .ops_tables import ROW, lease
from .processes import HOST, is_alive
from .run_rows import Lease


def wall_now() -> datetime:
    return datetime.fromtimestamp(time.time(), timezone.utc)


@dataclass(frozen=True)
class LeaseState:
    holding: bool
    acquired: bool  # taken on this tick: what others claimed meanwhile must be re-read


class FiringLease:
    def __init__(self, db: Database, identity: Lease, kind: str, lease_seconds: float):
        self.db, self.identity, self.kind = db, identity, kind
        self.duration = timedelta(seconds=lease_seconds)
        self.holding = False
        self.resigned = False
        self.last_tick: datetime | None = None

    def tick(self) -> LeaseState:
        now = wall_now()
        self.last_tick = now
        was_holding = self.holding
        self.holding = not self.resigned and self._renew_or_take(now)
        return LeaseState(self.holding, self.holding and not was_holding)

    def _renew_or_take(self, now: datetime) -> bool:
        if not self.holding:
            with self.db.read() as connection:
                row = connection.execute(select(lease).where(lease.c.name == ROW)).mappings().first()
            if row is not None and row["holder_id"] != self.identity.server_id and not self._vacant(row, now):
                return False  # the common standby case: a read, no write lock
        with self.db.write() as connection:
            row = connection.execute(select(lease).where(lease.c.name == ROW)).mappings().first()
            mine = {
                "holder_id": self.identity.server_id,
                "kind": self.kind,
                "host": self.identity.host,
                "pid": self.identity.server_pid,
                "birth": self.identity.server_birth,
                "renewed_at": now,
                "expires_at": now + self.duration,
            }
            if row is None:
                connection.execute(insert(lease).values(name=ROW, acquired_at=now, **mine))
                return True
            if row["holder_id"] == self.identity.server_id:
                connection.execute(
                    update(lease).where(lease.c.name == ROW).values(renewed_at=now, expires_at=now + self.duration)
                )
                return True
            if not self._vacant(row, now):
                return False
            taken = connection.execute(
                update(lease)
                .where(lease.c.name == ROW, lease.c.holder_id == row["holder_id"])
                .values(acquired_at=now, **mine)
            )
            return taken.rowcount == 1

    @staticmethod
    def _vacant(row: Any, now: datetime) -> bool:
        if row["expires_at"] <= now:
            return True
        return row["host"] == HOST and not is_alive(row["pid"], row["birth"])

    def resign(self) -> None:
        """Stop firing for good and let a standby take over on its next tick."""
        self.resigned = True
        self.release()

    def release(self) -> None:
        if not self.holding:
            return
        with self.db.write() as connection:
            connection.execute(delete(lease).where(lease.c.name == ROW, lease.c.holder_id == self.identity.server_id))
        self.holding = False


def lease_holder(connection) -> dict[str, Any] | None:
    row = connection.execute(select(lease).where(lease.c.name == ROW)).mappings().first()
    if row is None:
        return None
    return {
        "holder_id": row["holder_id"],
        "kind": row["kind"],
        "host": row["host"],
        "pid": row["pid"],
        "acquired_at": row["acquired_at"].isoformat(),
        "last_tick": row["renewed_at"].isoformat(),
        "expires_at": row["expires_at"].isoformat(),
        "expired": row["expires_at"] <= wall_now(),
    }
