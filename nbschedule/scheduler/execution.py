"""Running claimed runs: starting workers within the concurrency limits, reaping them,
cancelling, keeping this server's leases alive and recovering other servers' attempts."""

from __future__ import annotations

import logging
import signal
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from .database import Database
from .launcher import Job, Launcher, WorkerHandle
from .models import AttemptRow, RunRow
from .outcome import attempt_location, read_outcome
from .processes import HOST, is_alive, kill_group
from .run_rows import Lease, RetryPolicy, finish_attempt, record_worker, renew_leases, start_attempt
from .workflow_items import follow_workflow

runs, attempts = RunRow.__table__, AttemptRow.__table__
CANDIDATE_PAGE = 256
KILL_GRACE = timedelta(seconds=5)

SpecOf = Callable[[str], "dict[str, Any] | None"]


@dataclass
class Running:
    handle: WorkerHandle
    schedule: str
    run_pk: int
    terminated_at: datetime | None = None


def _attempt_trigger(run: dict[str, Any]) -> str:
    """The record's trigger: a retry says so, as under Airflow; other tries keep the run's."""
    return "retry" if run["attempts"] > 1 and run["next_reason"] == "retry" else run["trigger"]


class Execution:
    def __init__(
        self,
        db: Database,
        launcher: Launcher,
        lease: Lease,
        *,
        workspace: str,
        store: str,
        work_folder: str,
        max_workers: int,
        lease_seconds: float,
        max_lost_retries: int,
        allow_unsandboxed: bool,
        log: logging.Logger,
    ):
        self.db, self.launcher, self.lease, self.log = db, launcher, lease, log
        self.workspace, self.store, self.work_folder = workspace, store, work_folder
        self.max_workers, self.lease_time = max_workers, timedelta(seconds=lease_seconds)
        self.max_lost_retries, self.allow_unsandboxed = max_lost_retries, allow_unsandboxed
        self.running: dict[int, Running] = {}

    def policy(self, spec: dict[str, Any] | None) -> RetryPolicy:
        if spec is None:  # the schedule's spec is gone: no more tries of its notebook
            return RetryPolicy(0, timedelta(0), self.max_lost_retries)
        # A workflow's retries are its items' own (nbschedule/workflow); its run is not tried again whole.
        retries = 0 if spec.get("nodes") else spec["retries"]
        return RetryPolicy(retries, timedelta(seconds=spec["retry_delay_seconds"]), self.max_lost_retries)

    # -- starting ---------------------------------------------------------------------------
    def start_queued(self, now: datetime, spec_of: SpecOf) -> None:
        free = self.max_workers - len(self.running)
        if free <= 0:
            return
        with self.db.read() as connection:
            active = dict(
                connection.execute(
                    select(runs.c.schedule, func.count()).where(runs.c.status == "running").group_by(runs.c.schedule)
                ).all()
            )
            candidates = connection.execute(
                select(runs.c.id, runs.c.schedule)
                .where(runs.c.status == "queued", runs.c.next_try_at <= now, runs.c.parent_id.is_(None))
                .order_by(runs.c.next_try_at, runs.c.logical_date, runs.c.id)
                .limit(CANDIDATE_PAGE)
            ).all()
        for run_pk, schedule in candidates:
            spec = spec_of(schedule)
            if free <= 0:
                break
            if spec is None or active.get(schedule, 0) >= spec["max_active_runs"]:
                continue  # waits for its spec to load again, or for a slot of its schedule
            if self._start(run_pk, spec, now):
                active[schedule] = active.get(schedule, 0) + 1
                free -= 1

    def _start(self, run_pk: int, spec: dict[str, Any], now: datetime) -> bool:
        def folder_of(schedule: str, run_id: str, number: int) -> tuple[str, str]:
            return attempt_location(self.store, self.work_folder, schedule, run_id, number)

        with self.db.write() as connection:
            run = start_attempt(connection, run_pk, self.lease, now, now + self.lease_time, folder_of)
        if run is None:
            return False
        attempt_dir, outcome_path = folder_of(run["schedule"], run["run_id"], run["attempts"])
        job = Job(
            attempt_pk=run["attempt_pk"],
            spec=spec,
            workspace=self.workspace,
            logical_date=run["logical_date"].isoformat(),
            trigger=_attempt_trigger(run),
            run_id=run["run_id"],
            attempt=run["attempts"],
            store=self.store,
            overrides=run["overrides"],
            allow_unsandboxed=self.allow_unsandboxed,
            outcome_path=outcome_path,
            rerun_items=run["rerun_items"] if run["next_reason"] == "rerun" else None,
        )
        handle = self.launcher.launch(job)
        self.running[run["attempt_pk"]] = Running(handle, run["schedule"], run_pk)
        with self.db.write() as connection:
            record_worker(connection, run["attempt_pk"], handle.pid, handle.birth)
        return True

    # -- ending -----------------------------------------------------------------------------
    def reap(self, now: datetime, spec_of: SpecOf) -> None:
        ended = [(pk, r, code) for pk, r in self.running.items() if (code := r.handle.poll()) is not None]
        if not ended:
            return
        with self.db.write() as connection:
            for attempt_pk, running, code in ended:
                row = connection.execute(
                    select(attempts.c.outcome_path, attempts.c.attempt_dir).where(attempts.c.id == attempt_pk)
                ).first()
                if row is None:  # started before the database file was replaced: its record is in the run store
                    del self.running[attempt_pk]
                    continue
                outcome = read_outcome(row.outcome_path, row.attempt_dir) or {
                    "status": "failed",
                    "exit_reason": "worker_died",
                    "message": f"The worker process ended ({_exit_text(code)}) before the run was recorded.",
                }
                if running.terminated_at is not None:
                    outcome = {
                        **outcome,
                        "status": "cancelled",
                        "exit_reason": "cancelled",
                        "message": "Cancelled while it ran; the worker was stopped.",
                    }
                spec = spec_of(running.schedule)
                finish_attempt(connection, attempt_pk, outcome, now, self.policy(spec))
                if spec is not None and spec.get("nodes"):  # its items' rows as the run ended
                    follow_workflow(connection, running.run_pk, spec, self.store, now)
                del self.running[attempt_pk]

    def follow_workflows(self, now: datetime, spec_of: SpecOf) -> None:
        """The item rows of the workflow runs this server runs, as their run store shows them."""
        followed = [
            (r.run_pk, spec) for r in self.running.values() if (spec := spec_of(r.schedule)) and spec.get("nodes")
        ]
        if followed:
            with self.db.write() as connection:
                for run_pk, spec in followed:
                    follow_workflow(connection, run_pk, spec, self.store, now)

    def cancel_flagged(self, now: datetime) -> None:
        """Stop workers of runs flagged for cancelling: SIGTERM, then SIGKILL after a grace."""
        if not self.running:
            return
        with self.db.read() as connection:
            flagged = set(
                connection.execute(
                    select(runs.c.id).where(runs.c.status == "running", runs.c.cancel_requested.is_(True))
                ).scalars()
            )
        for running in self.running.values():
            if running.run_pk not in flagged:
                continue
            if running.terminated_at is None:
                running.terminated_at = now
                running.handle.kill(signal.SIGTERM)
            elif now - running.terminated_at > KILL_GRACE:
                running.handle.kill(signal.SIGKILL)

    # -- leases -----------------------------------------------------------------------------
    def heartbeat(self, now: datetime) -> None:
        if self.running:
            with self.db.write() as connection:
                renew_leases(connection, self.lease.server_id, now + self.lease_time)

    def recover(self, now: datetime, spec_of: SpecOf) -> None:
        """Attempts whose server is gone (lease ran out, or its process is dead on this host)
        end as their worker left them: adopted if it recorded a result, else lost."""
        with self.db.read() as connection:
            orphans = (
                connection.execute(
                    select(attempts, runs.c.schedule)
                    .join(runs, runs.c.id == attempts.c.run_pk)
                    .where(attempts.c.status == "running", attempts.c.server_id != self.lease.server_id)
                )
                .mappings()
                .all()
            )
        for attempt in orphans:
            local = attempt["host"] == HOST
            if attempt["lease_until"] > now and not (
                local and not is_alive(attempt["server_pid"], attempt["server_birth"])
            ):
                continue
            if local and is_alive(attempt["worker_pid"], attempt["worker_birth"]):
                kill_group(attempt["worker_pid"], signal.SIGKILL)  # no result may appear after we decide
            outcome = read_outcome(attempt["outcome_path"], attempt["attempt_dir"]) or {
                "status": "lost",
                "exit_reason": "server_lost",
                "message": "The server running this attempt stopped before it finished.",
            }
            with self.db.write() as connection:
                if finish_attempt(connection, attempt["id"], outcome, now, self.policy(spec_of(attempt["schedule"]))):
                    self.log.warning(
                        "nbschedule: attempt %s of run %s ended as %s after its server was lost",
                        attempt["number"],
                        attempt["run_pk"],
                        outcome["status"],
                    )

    def stop(self, now: datetime, spec_of: SpecOf) -> None:
        """Server shutdown: stop the workers; their attempts are lost and run again on the next start."""
        for running in self.running.values():
            running.handle.kill(signal.SIGKILL)
        with self.db.write() as connection:
            for attempt_pk, running in self.running.items():
                finish_attempt(
                    connection,
                    attempt_pk,
                    {
                        "status": "lost",
                        "exit_reason": "server_stopped",
                        "message": "The server stopped while this attempt ran.",
                    },
                    now,
                    self.policy(spec_of(running.schedule)),
                )
        self.running.clear()


def _exit_text(code: int) -> str:
    if code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}"
