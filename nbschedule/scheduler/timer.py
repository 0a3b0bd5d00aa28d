"""When runs are due: spec reloads, the fire-time heap, catch-up, and claiming runs.

Loading and claiming cost a fixed number of queries, not one per schedule: a reload
reads every changed schedule's last claimed fire time in one query and writes their
rows in one statement; a tick claims every due fire time in one transaction.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from ..cron.calendar import FireCalendar, due_fire_times
from .database import Database
from .firequeue import FireQueue
from .missed import record_missed, skipped_fire_times
from .models import KEYED_TRIGGERS, RunRow, ScheduleRow
from .pauses import pause_states, runnable_fire_times
from .run_rows import claim_runs, keyed_run_id
from .specfiles import SpecFolder

schedules, runs = ScheduleRow.__table__, RunRow.__table__
_EPSILON = timedelta(microseconds=1)
_CHUNK = 500  # bound parameters per IN (...): well under SQLite's limit


def _chunks(items: list, size: int = _CHUNK):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def last_keyed_dates(connection: Connection, names: list[str]) -> dict[str, datetime]:
    """Each of `names`' latest scheduled or backfill logical date, for those that have one."""
    found = {}
    for chunk in _chunks(sorted(names)):
        found.update(
            connection.execute(
                select(runs.c.schedule, func.max(runs.c.logical_date))
                .where(runs.c.schedule.in_(chunk), runs.c.trigger.in_(KEYED_TRIGGERS))
                .group_by(runs.c.schedule)
            ).all()
        )
    return found


def claim_in_bulk(connection: Connection, claims: list[tuple[dict[str, Any], datetime]], now: datetime) -> int:
    """Insert one scheduled run per (spec, logical date) that has none yet; returns how many.

    The caller's transaction holds SQLite's write lock (BEGIN IMMEDIATE), so the runs
    read here as existing cannot change before the insert; a duplicate that slips in
    anyway makes the batch fall back to one savepoint per run.
    """
    taken = set()
    for chunk in _chunks(sorted({date for _, date in claims})):
        taken.update(
            connection.execute(
                select(runs.c.schedule, runs.c.logical_date).where(
                    runs.c.logical_date.in_(chunk), runs.c.trigger.in_(KEYED_TRIGGERS)
                )
            ).all()
        )
    rows = [
        {
            "run_id": keyed_run_id("scheduled", date),
            "schedule": spec["name"],
            "owner": spec["owner"],
            "trigger": "scheduled",
            "logical_date": date,
            "status": "queued",
            "next_try_at": now,
            "created_at": now,
        }
        for spec, date in claims
        if (spec["name"], date) not in taken
    ]
    if not rows:
        return 0
    try:
        with connection.begin_nested():
            connection.execute(insert(runs), rows)
        return len(rows)
    except IntegrityError:
        return sum(len(claim_runs(connection, spec, "scheduled", [date], now)) for spec, date in claims)


class Timer:
    def __init__(self, db: Database, specs: SpecFolder, grace: timedelta, max_catchup_runs: int, log: logging.Logger):
        self.db, self.specs, self.grace, self.limit, self.log = db, specs, grace, max_catchup_runs, log
        self.queue = FireQueue()
        self.calendars: dict[str, FireCalendar] = {}
        # The spec files' load errors as of the last finished reload (each logged once): listed
        # with `applied`, so a listing never shows a new file's error before the schedules scanned with it.
        self.load_errors: dict[str, str] = {}
        self.applied: dict[str, dict] = {}  # name -> the spec its calendar and queue entry come from
        self._pending = False  # a reload failed part-way (e.g. the database): try again next tick

    def reload(self, now: datetime) -> None:
        """Bring the active schedules in line with the spec files.

        What was applied is compared with what the files define (not with the previous
        scan), so changes that could not be applied are retried on the next tick. A spec
        object that did not change is the same object (the file was not parsed again),
        so the comparison is a pointer check for all but the changed ones.
        """
        if self.specs.poll() is None and not self._pending:
            return
        calendars = {}
        for name in list(self.specs.by_name):
            spec, applied = self.specs.spec(name), self.applied.get(name)
            if spec is applied or spec == applied:
                continue
            try:
                calendars[name] = (FireCalendar(spec), spec)
            except (ValueError, OverflowError) as error:  # one schedule's fault stays its own
                self.specs.refuse(name, f"no fire time can be computed: {error}")
        self._pending = True
        with self.db.write() as connection:
            since = last_keyed_dates(connection, list(calendars))
            firsts, rows = {}, []
            for name, (calendar, spec) in calendars.items():
                try:
                    firsts[name] = calendar.after(self._start(spec, calendar, since.get(name), now))
                except (ValueError, OverflowError) as error:
                    self.specs.refuse(name, f"no fire time can be computed: {error}")
                    continue
                rows.append(
                    {
                        "name": name,
                        "path": self.specs.by_name[name],
                        "owner": spec["owner"],
                        "spec": spec,
                        "active": True,
                        "updated_at": now,
                    }
                )
            removed = set(self.applied) - set(self.specs.by_name)
            if rows:
                upsert = sqlite_insert(schedules)
                connection.execute(
                    upsert.on_conflict_do_update(
                        index_elements=["name"],
                        set_={
                            column: upsert.excluded[column]
                            for column in ("path", "owner", "spec", "active", "updated_at")
                        },
                    ),
                    rows,
                )
            for names in _chunks(sorted(removed)):
                connection.execute(
                    update(schedules).where(schedules.c.name.in_(names)).values(active=False, updated_at=now)
                )
        for name, first in firsts.items():
            self.calendars[name], self.applied[name] = calendars[name]
            self.queue.set(name, first)
        for name in removed:
            self.queue.remove(name)
            self.calendars.pop(name, None)
            self.applied.pop(name, None)
        self._pending = False
        self._report_errors()
        self.log.info(
            "nbschedule: %d schedules active, %d spec files with errors", len(self.calendars), len(self.specs.errors)
        )

    def _start(self, spec: dict, calendar: FireCalendar, last_claimed: datetime | None, now: datetime) -> datetime:
        """Where a schedule's fire times start: after its last claimed one, or its start date.
        A schedule that never ran and catches nothing up claims only what is within the
        grace period, so it starts there (not years back, at a start date in the past)."""
        if last_claimed is not None:
            return last_claimed
        if spec["catchup"] == "none":
            return max(calendar.floor, now - self.grace - _EPSILON)
        return calendar.floor

    def forget_applied(self) -> None:
        """A fresh database knows no schedules: write them all again on the next reload."""
        self.applied.clear()
        self._pending = True

    def _report_errors(self) -> None:
        for file_name, message in self.specs.errors.items():
            if self.load_errors.get(file_name) != message:
                self.log.error("nbschedule: schedule spec not loaded: %s", message)
        self.load_errors = dict(self.specs.errors)

    def _refuse(self, name: str, error: Exception) -> None:
        self.log.error("nbschedule: schedule %s has no next fire time: %s", name, error)
        self.specs.refuse(name, f"no next fire time can be computed: {error}")
        self._pending = True

    def claim_due(self, now: datetime) -> int:
        """Claim a run for every due fire time, all in one transaction; returns how many this server claimed."""
        plan = []
        for name, instant in self.queue.pop_due(now):
            spec, calendar = self.applied[name], self.calendars[name]
            try:
                dates = due_fire_times(calendar, spec["catchup"], instant - _EPSILON, now, self.grace, self.limit)
                unfinished = spec["catchup"] == "all" and len(dates) == self.limit
                # After a truncated catch-up the next entry is already due: the next tick continues.
                resume_after = dates[-1] if unfinished else max([now, *dates])
                self.queue.set(name, calendar.after(resume_after))
            except (ValueError, OverflowError) as error:  # e.g. a cron that stopped firing: only this one stops
                self._refuse(name, error)
                continue
            plan.append((spec, calendar, instant, dates))
        if not plan:
            return 0
        names = [spec["name"] for spec, _, _, _ in plan]
        with self.db.write() as connection:
            # Read inside the write transaction: a pause committed before this claim always wins.
            states = pause_states(connection, names if len(names) <= _CHUNK else None)
            # Missed fire times count only for schedules that ran before (see missed.py), so
            # the others (e.g. 10,000 new ones with a past start date) are not walked.
            ran_before = last_keyed_dates(connection, names)
            claims = []
            for spec, calendar, instant, dates in plan:
                name = spec["name"]
                if name in ran_before:
                    try:
                        skipped = skipped_fire_times(
                            calendar, spec["catchup"], instant - _EPSILON, now, len(dates), self.limit
                        )
                    except (ValueError, OverflowError) as error:
                        self._refuse(name, error)
                        continue
                    record_missed(connection, name, skipped, now)
                claims += [(spec, date) for date in runnable_fire_times(states.get(name), dates)]
            return claim_in_bulk(connection, claims, now) if claims else 0

    def resync(self, now: datetime) -> None:
        """Re-read every schedule's last claimed fire time: after taking over the firing
        lease, what the previous holder claimed must not be claimed again, and what it
        left unclaimed is due now (under the schedule's catch-up policy)."""
        with self.db.read() as connection:
            since = last_keyed_dates(connection, list(self.calendars))
        for name, calendar in self.calendars.items():
            self.queue.set(name, calendar.after(self._start(self.applied[name], calendar, since.get(name), now)))

    def next_due(self) -> datetime | None:
        """The earliest fire instant in the queue: the scheduler wakes for it."""
        return self.queue.earliest()

    def upcoming(self, name: str, now: datetime) -> datetime | None:
        """The next fire time as users see it; a standby's queue is not popped, so a passed
        entry is replaced by the next one. Called from request threads: the tick thread's
        calendars cache as they go, so a fresh one is used."""
        instant = self.queue.next_for(name)
        spec = self.specs.spec(name)
        if instant is not None and instant <= now and spec is not None:
            return FireCalendar(spec).after(now)
        return instant
