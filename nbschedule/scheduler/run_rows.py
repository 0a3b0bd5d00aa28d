"""Writes to the run tables; every state change is a compare-and-set, so two servers
sharing the database never both start, finish or requeue the same run."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from ..operator.record import new_run_id
from .models import FINISHED, AttemptRow, NoticeRow, RunRow

runs, attempts, notices = RunRow.__table__, AttemptRow.__table__, NoticeRow.__table__
NOTICE_STATUSES = ("failed", "refused", "lost")


def keyed_run_id(trigger: str, logical_date: datetime) -> str:
    """Deterministic, so every server claiming the same fire time names the same run."""
    return f"{trigger}__{logical_date:%Y%m%dT%H%M%SZ}"


def claim_runs(
    connection: Connection, spec: dict[str, Any], trigger: str, logical_dates: list[datetime], now: datetime
) -> list[datetime]:
    """Insert one run per logical date; the ones that already exist are skipped. Returns
    the dates this call claimed. Each insert has its own savepoint, so a duplicate only
    undoes itself."""
    claimed = []
    for logical_date in logical_dates:
        try:
            with connection.begin_nested():
                connection.execute(
                    insert(runs).values(
                        run_id=keyed_run_id(trigger, logical_date),
                        schedule=spec["name"],
                        owner=spec["owner"],
                        trigger=trigger,
                        logical_date=logical_date,
                        status="queued",
                        next_try_at=now,
                        created_at=now,
                    )
                )
            claimed.append(logical_date)
        except IntegrityError:
            pass
    return claimed


def add_manual_run(
    connection: Connection, spec: dict[str, Any], now: datetime, overrides: dict[str, Any] | None
) -> int:
    return connection.execute(
        insert(runs).values(
            run_id=new_run_id("manual", now),
            schedule=spec["name"],
            owner=spec["owner"],
            trigger="manual",
            logical_date=now,
            status="queued",
            next_try_at=now,
            created_at=now,
            overrides=overrides,
        )
    ).inserted_primary_key[0]


def last_keyed_logical_date(connection: Connection, schedule: str) -> datetime | None:
    return connection.execute(
        select(func.max(runs.c.logical_date)).where(
            runs.c.schedule == schedule, runs.c.trigger.in_(("scheduled", "backfill"))
        )
    ).scalar()


@dataclass(frozen=True)
class Lease:
    host: str
    server_id: str
    server_pid: int
    server_birth: str


def start_attempt(
    connection: Connection, run_pk: int, lease: Lease, now: datetime, lease_until: datetime, folder_of
) -> dict[str, Any] | None:
    """Move a queued run to running and add its next attempt; None if another server won."""
    moved = connection.execute(
        update(runs)
        .where(runs.c.id == run_pk, runs.c.status == "queued", runs.c.cancel_requested.is_(False))
        .values(status="running", attempts=runs.c.attempts + 1, started_at=func.coalesce(runs.c.started_at, now))
    )
    if moved.rowcount != 1:
        return None
    run = connection.execute(select(runs).where(runs.c.id == run_pk)).mappings().one()
    attempt_dir, outcome_path = folder_of(run["schedule"], run["run_id"], run["attempts"])
    attempt_pk = connection.execute(
        insert(attempts).values(
            run_pk=run_pk,
            number=run["attempts"],
            reason=run["next_reason"] if run["attempts"] > 1 else "first",
            status="running",
            host=lease.host,
            server_id=lease.server_id,
            server_pid=lease.server_pid,
            server_birth=lease.server_birth,
            lease_until=lease_until,
            started_at=now,
            attempt_dir=attempt_dir,
            outcome_path=outcome_path,
        )
    ).inserted_primary_key[0]
    return {**run, "attempt_pk": attempt_pk}


def record_worker(connection: Connection, attempt_pk: int, pid: int | None, birth: str | None) -> None:
    connection.execute(update(attempts).where(attempts.c.id == attempt_pk).values(worker_pid=pid, worker_birth=birth))


def renew_leases(connection: Connection, server_id: str, until: datetime) -> None:
    connection.execute(
        update(attempts)
        .where(attempts.c.server_id == server_id, attempts.c.status == "running")
        .values(lease_until=until)
    )


@dataclass(frozen=True)
class RetryPolicy:
    retries: int
    retry_delay: timedelta
    max_lost_retries: int


def finish_attempt(
    connection: Connection, attempt_pk: int, outcome: dict[str, Any], now: datetime, policy: RetryPolicy
) -> str | None:
    """Record how an attempt ended and decide its run's next state (retry or final).
    Returns the run's new status, or None when the attempt had already been finished."""
    status = outcome["status"]
    ended = connection.execute(
        update(attempts)
        .where(attempts.c.id == attempt_pk, attempts.c.status == "running")
        .values(status=status, exit_reason=outcome.get("exit_reason"), message=outcome.get("message"), ended_at=now)
    )
    if ended.rowcount != 1:
        return None
    attempt = connection.execute(select(attempts).where(attempts.c.id == attempt_pk)).mappings().one()
    run = connection.execute(select(runs).where(runs.c.id == attempt["run_pk"])).mappings().one()
    changes: dict[str, Any] = {"exit_reason": outcome.get("exit_reason"), "message": outcome.get("message")}
    if outcome.get("output_path"):
        changes["output_path"] = outcome["output_path"]
    run_status = status
    if outcome.get("recorded_before"):
        # Already run and noticed before the database forgot it: final as recorded, no second notice.
        changes["status"], changes["ended_at"] = status, now
        connection.execute(update(runs).where(runs.c.id == run["id"]).values(**changes))
        return status
    if run["cancel_requested"]:
        run_status = "cancelled"
    elif status == "failed":
        changes["failed_attempts"] = run["failed_attempts"] + 1
        if changes["failed_attempts"] <= policy.retries:
            run_status, changes["next_try_at"], changes["next_reason"] = "queued", now + policy.retry_delay, "retry"
    elif status == "lost":
        changes["lost_attempts"] = run["lost_attempts"] + 1
        if changes["lost_attempts"] <= policy.max_lost_retries:
            run_status, changes["next_try_at"], changes["next_reason"] = "queued", now, "recovery"
    changes["status"] = run_status
    if run_status in FINISHED:
        changes["ended_at"] = now
    connection.execute(update(runs).where(runs.c.id == run["id"]).values(**changes))
    if run_status in NOTICE_STATUSES:
        connection.execute(
            insert(notices).values(
                run_pk=run["id"],
                schedule=run["schedule"],
                owner=run["owner"],
                run_id=run["run_id"],
                attempt=attempt["number"],
                status=run_status,
                exit_reason=changes["exit_reason"],
                message=changes["message"],
                created_at=now,
            )
        )
    return run_status


def requeue(connection: Connection, run_pk: int, now: datetime, items: list[str] | None = None) -> bool:
    """A re-run: a finished run gets a new attempt with a fresh retry budget. For a workflow
    run, `items` (run ids of its items) limits the re-run to them and what needs them."""
    return (
        connection.execute(
            update(runs)
            .where(runs.c.id == run_pk, runs.c.status.in_(FINISHED))
            .values(
                status="queued",
                next_try_at=now,
                next_reason="rerun",
                failed_attempts=0,
                lost_attempts=0,
                cancel_requested=False,
                ended_at=None,
                rerun_items=items,
            )
        ).rowcount
        == 1
    )


def request_cancel(connection: Connection, run_pk: int, now: datetime) -> str | None:
    """Cancel a queued run at once, or flag a running one for its server to kill.
    Returns the run's status afterwards, or None if it had already finished."""
    queued = connection.execute(
        update(runs)
        .where(runs.c.id == run_pk, runs.c.status == "queued")
        .values(
            status="cancelled",
            cancel_requested=True,
            ended_at=now,
            exit_reason="cancelled",
            message="Cancelled before it started.",
        )
    )
    if queued.rowcount == 1:
        return "cancelled"
    running = connection.execute(
        update(runs).where(runs.c.id == run_pk, runs.c.status == "running").values(cancel_requested=True)
    )
    return "running" if running.rowcount == 1 else None
