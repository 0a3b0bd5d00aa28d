"""Tables of the scheduler's operation: who holds the firing lease, the operator's mode,
fire times skipped by catch-up.

They live in the scheduler database beside the run tables, so every process sharing the
workspace (the service, any Jupyter server, the CLI) sees the same state. They are on the
models' metadata, so the database creates them with every other table (also when it
reopens a file that was deleted).
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table, Text

from .models import Base, UtcDateTime

metadata = Base.metadata

# One row at most: the process that may claim and start runs until `expires_at`.
lease = Table(
    "scheduler_lease",
    metadata,
    Column("name", String(16), primary_key=True),
    Column("holder_id", String(32), nullable=False),
    Column("kind", String(16), nullable=False),  # service | server
    Column("host", Text, nullable=False),
    Column("pid", Integer, nullable=False),
    Column("birth", String(32), nullable=False),
    Column("acquired_at", UtcDateTime, nullable=False),
    Column("renewed_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
)

# One row at most: running (absent row), paused or draining, and who said so.
controls = Table(
    "scheduler_controls",
    metadata,
    Column("name", String(16), primary_key=True),
    Column("mode", String(16), nullable=False),
    Column("changed_by", Text, nullable=False),
    Column("changed_at", UtcDateTime, nullable=False),
)

# Per schedule: fire times its catch-up policy skipped after it had run before.
missed = Table(
    "missed_fire_times",
    metadata,
    Column("schedule", String(63), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("last_missed_at", UtcDateTime, nullable=False),
)

ROW = "scheduler"
