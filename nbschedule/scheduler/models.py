"""Tables of the scheduler state.

A run is one logical execution of a schedule; scheduled and backfill runs are keyed by
(schedule, logical_date) with a partial unique index, so inserting a run *is* claiming
it and a second claim fails on any server sharing the file. Manual runs are outside that
key. Every try of a run (first, retry, re-run, after a lost server) is an attempt,
unique per (run, number), and maps to ``<store>/<schedule>/<run_id>/attempt-<n>/``.
Notices are terminal failures in commit order (SQLite serialises writers, so the
autoincrement id is a cursor that never skips a notice).
"""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

KEYED_TRIGGERS = ("scheduled", "backfill")
NODE_TRIGGER = "workflow"  # a workflow run's node or item run: started by its parent run
ACTIVE = ("queued", "running")
FINISHED = ("success", "failed", "refused", "lost", "cancelled")


class UtcDateTime(TypeDecorator):
    """Aware UTC in Python, naive UTC in the database, so text order is time order."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are ambiguous here; pass UTC")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect):
        return None if value is None else value.replace(tzinfo=timezone.utc)


class Base(DeclarativeBase):
    pass


class ScheduleRow(Base):
    __tablename__ = "schedules"

    name: Mapped[str] = mapped_column(String(63), primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(Text)
    spec: Mapped[dict] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)


class RunRow(Base):
    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(String(200))
    schedule: Mapped[str] = mapped_column(String(63))
    owner: Mapped[str] = mapped_column(Text)
    trigger: Mapped[str] = mapped_column(String(16))
    logical_date: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    exit_reason: Mapped[str | None] = mapped_column(String(32))
    message: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    lost_attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime] = mapped_column(UtcDateTime)
    next_reason: Mapped[str] = mapped_column(String(16), default="first")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    overrides: Mapped[dict | None] = mapped_column(JSON)
    output_path: Mapped[str | None] = mapped_column(Text)
    # "embedded" (this server's scheduler) or "airflow" (imported from a shared run store).
    engine: Mapped[str] = mapped_column(String(16), default="embedded", server_default="embedded")
    # A node run or fan-out item of a workflow run (trigger "workflow"): its parent run's id,
    # node and item. Such rows follow their parent's attempts (workflow_items.py); they are
    # never queued or claimed themselves, and their attempts are records in the run store.
    parent_id: Mapped[int | None] = mapped_column(Integer)
    node: Mapped[str | None] = mapped_column(String(63))
    item_index: Mapped[int | None] = mapped_column(Integer)
    item_label: Mapped[str | None] = mapped_column(Text)
    # A workflow run re-run for some of its items: their run ids (null: every item that did not succeed).
    rerun_items: Mapped[list | None] = mapped_column(JSON)

    __table_args__ = (
        UniqueConstraint("schedule", "run_id"),
        Index(
            "ux_runs_schedule_logical_date",
            "schedule",
            "logical_date",
            unique=True,
            sqlite_where=text("trigger IN ('scheduled', 'backfill')"),
        ),
        Index("ix_runs_logical_date", "logical_date", "id"),
        Index("ix_runs_schedule_page", "schedule", "logical_date", "id"),
        Index("ix_runs_status_page", "status", "logical_date", "id"),
        Index("ix_runs_queue", "status", "next_try_at"),
        Index("ix_runs_parent", "parent_id", "id"),
    )


class AttemptRow(Base):
    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_pk: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    number: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(16))  # first | retry | rerun | recovery
    status: Mapped[str] = mapped_column(String(16))  # running | success | failed | refused | lost | cancelled
    exit_reason: Mapped[str | None] = mapped_column(String(32))
    message: Mapped[str | None] = mapped_column(Text)
    host: Mapped[str] = mapped_column(Text)
    server_id: Mapped[str] = mapped_column(String(32))
    server_pid: Mapped[int] = mapped_column(Integer)
    server_birth: Mapped[str] = mapped_column(String(32))
    worker_pid: Mapped[int | None] = mapped_column(Integer)
    worker_birth: Mapped[str | None] = mapped_column(String(32))
    lease_until: Mapped[datetime] = mapped_column(UtcDateTime)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    attempt_dir: Mapped[str] = mapped_column(Text)
    outcome_path: Mapped[str] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("run_pk", "number"), Index("ix_attempts_status", "status"))


class NoticeRow(Base):
    __tablename__ = "notices"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_pk: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    schedule: Mapped[str] = mapped_column(String(63))
    owner: Mapped[str] = mapped_column(Text)
    run_id: Mapped[str] = mapped_column(String(200))
    attempt: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    exit_reason: Mapped[str | None] = mapped_column(String(32))
    message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class SecretRow(Base):
    """Per-database secrets, e.g. the key that signs history cursors (so a cursor cannot be forged)."""

    __tablename__ = "secrets"

    name: Mapped[str] = mapped_column(String(63), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PauseRow(Base):
    """A schedule paused (or resumed) by a user: scheduler state, never part of the reviewed spec.

    The row stays after a resume so fire times from the paused spell are not caught up
    after a restart either; ``changed_at`` is then the resume instant.
    """

    __tablename__ = "schedule_pauses"

    name: Mapped[str] = mapped_column(String(63), primary_key=True)
    paused: Mapped[bool] = mapped_column(Boolean)
    changed_at: Mapped[datetime] = mapped_column(UtcDateTime)
    changed_by: Mapped[str] = mapped_column(Text)
