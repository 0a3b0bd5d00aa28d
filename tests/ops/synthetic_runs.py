"""Run history written through the scheduler's own record-writing code (claim, start and
finish of attempts), at chosen instants, so durations and waits are known exactly."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from nbschedule.scheduler.outcome import attempt_location
from nbschedule.scheduler.run_rows import (
    Lease,
    RetryPolicy,
    claim_runs,
    finish_attempt,
    request_cancel,
    runs,
    start_attempt,
)

ELSEWHERE = Lease("another-host", "synthetic", 1, "")  # never taken for a dead process of this host
T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)


class History:
    def __init__(self, scheduler):
        self.scheduler = scheduler
        self.day = 0

    def _folder(self, schedule: str, run_id: str, number: int) -> tuple[str, str]:
        return attempt_location(
            self.scheduler.store, str(self.scheduler.root / ".nbschedule" / "workers"), schedule, run_id, number
        )

    def run(
        self, schedule: str, wait: float, tries: list[tuple[str, float]], retries: int = 0, finish: bool = True
    ) -> int:
        """One backfill run: claimed, first started after `wait` s, then each (status, seconds)
        attempt; failures are retried 60 s later while `retries` allow."""
        spec = {"name": schedule, "owner": "ada@example.com"}
        logical_date = T0 + timedelta(days=self.day)
        self.day += 1
        policy = RetryPolicy(retries, timedelta(seconds=60), 3)
        with self.scheduler.db.write() as connection:
            claim_runs(connection, spec, "backfill", [logical_date], logical_date)
            run_pk = self._run_pk(connection, schedule, logical_date)
            now = logical_date + timedelta(seconds=wait)
            for index, (status, seconds) in enumerate(tries):
                started = start_attempt(connection, run_pk, ELSEWHERE, now, now + timedelta(days=365), self._folder)
                if not finish and index == len(tries) - 1:
                    break
                now += timedelta(seconds=seconds)
                finish_attempt(
                    connection,
                    started["attempt_pk"],
                    {"status": status, "exit_reason": status, "message": None},
                    now,
                    policy,
                )
                now += timedelta(seconds=60)
            return run_pk

    def cancelled(self, schedule: str) -> None:
        spec = {"name": schedule, "owner": "ada@example.com"}
        logical_date = T0 + timedelta(days=self.day)
        self.day += 1
        with self.scheduler.db.write() as connection:
            claim_runs(connection, spec, "backfill", [logical_date], logical_date)
            request_cancel(connection, self._run_pk(connection, schedule, logical_date), logical_date)

    @staticmethod
    def _run_pk(connection, schedule: str, logical_date: datetime) -> int:
        return connection.execute(
            runs.select()
            .with_only_columns(runs.c.id)
            .where(runs.c.schedule == schedule, runs.c.logical_date == logical_date)
        ).scalar_one()
