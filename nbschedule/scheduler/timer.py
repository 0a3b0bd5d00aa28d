"""When runs are due: spec reloads, the fire-time heap, catch-up, and claiming runs."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.dialects.sqlite import insert

from ..cron.calendar import FireCalendar, due_fire_times
from .database import Database
from .firequeue import FireQueue
from .missed import record_missed, skipped_fire_times
from .models import ScheduleRow
from .pauses import pause_states, runnable_fire_times
from .runstore import claim_runs, last_keyed_logical_date
from .specfiles import SpecFolder

schedules = ScheduleRow.__table__
_EPSILON = timedelta(microseconds=1)


class Timer:
    def __init__(self, db: Database, specs: SpecFolder, grace: timedelta, max_catchup_runs: int,
                 log: logging.Logger):
        self.db, self.specs, self.grace, self.limit, self.log = db, specs, grace, max_catchup_runs, log
        self.queue = FireQueue()
        self.calendars: dict[str, FireCalendar] = {}
        self._reported: dict[str, str] = {}
        self.applied: dict[str, dict] = {}  # name -> the spec its calendar and queue entry come from
        self._pending = False  # a reload failed part-way (e.g. the database): try again next tick

    def reload(self, now: datetime) -> None:
        """Bring the active schedules in line with the spec files, one schedule at a time.

        What was applied is compared with what the files define (not with the previous
        scan), so changes that could not be applied are retried on the next tick.
        """
        if self.specs.poll() is None and not self._pending:
            return
        wanted = {name: self.specs.spec(name) for name in self.specs.by_name}
        loaded = {name: spec for name, spec in wanted.items() if self.applied.get(name) != spec}
        first_fires = {}
        for name, spec in loaded.items():
            try:
                calendar = FireCalendar(spec)
                first_fires[name] = (calendar, spec)
            except (ValueError, OverflowError) as error:  # one schedule's fault stays its own
                self.specs.refuse(name, f"no fire time can be computed: {error}")
        removed = set(self.applied) - set(self.specs.by_name)
        self._pending = True
        with self.db.write() as connection:
            for name, (calendar, spec) in first_fires.items():
                try:
                    with connection.begin_nested():
                        row = {"path": self.specs.by_name[name], "owner": spec["owner"], "spec": spec,
                               "active": True, "updated_at": now}
                        connection.execute(insert(schedules).values(name=name, **row)
                                           .on_conflict_do_update(index_elements=["name"], set_=row))
                        since = last_keyed_logical_date(connection, name) or calendar.floor
                        first = calendar.after(since)
                except (ValueError, OverflowError) as error:
                    self.specs.refuse(name, f"no fire time can be computed: {error}")
                    removed.add(name)
                    continue
                self.calendars[name] = calendar
                self.queue.set(name, first)
                self.applied[name] = spec
            for name in removed:
                connection.execute(update(schedules).where(schedules.c.name == name).values(active=False,
                                                                                           updated_at=now))
                self.queue.remove(name)
                self.calendars.pop(name, None)
                self.applied.pop(name, None)
        self._pending = False
        self._report_errors()
        self.log.info("nbschedule: %d schedules active, %d spec files with errors", len(self.calendars),
                      len(self.specs.errors))

    def forget_applied(self) -> None:
        """A fresh database knows no schedules: write them all again on the next reload."""
        self.applied.clear()
        self._pending = True

    def _report_errors(self) -> None:
        for file_name, message in self.specs.errors.items():
            if self._reported.get(file_name) != message:
                self.log.error("nbschedule: schedule spec not loaded: %s", message)
        self._reported = dict(self.specs.errors)

    def claim_due(self, now: datetime) -> int:
        """Claim a run for every due fire time; returns how many this server claimed."""
        plan = []
        for name, instant in self.queue.pop_due(now):
            spec, calendar = self.applied[name], self.calendars[name]
            try:
                dates = due_fire_times(calendar, spec["catchup"], instant - _EPSILON, now, self.grace, self.limit)
                unfinished = spec["catchup"] == "all" and len(dates) == self.limit
                # After a truncated catch-up the next entry is already due: the next tick continues.
                resume_after = dates[-1] if unfinished else max([now, *dates])
                self.queue.set(name, calendar.after(resume_after))
                skipped = skipped_fire_times(calendar, spec["catchup"], instant - _EPSILON, now, len(dates),
                                             self.limit)
            except (ValueError, OverflowError) as error:  # e.g. a cron that stopped firing: only this one stops
                self.log.error("nbschedule: schedule %s has no next fire time: %s", name, error)
                self.specs.refuse(name, f"no next fire time can be computed: {error}")
                self._pending = True
                continue
            if dates or skipped:
                plan.append((spec, dates, skipped))
        if not plan:
            return 0
        claimed = 0
        with self.db.write() as connection:
            # Read inside the write transaction: a pause committed before this claim always wins.
            states = pause_states(connection, [spec["name"] for spec, _, _ in plan])
            for spec, dates, skipped in plan:
                record_missed(connection, spec["name"], skipped, now)
                runnable = runnable_fire_times(states.get(spec["name"]), dates)
                if runnable:
                    claimed += len(claim_runs(connection, spec, "scheduled", runnable, now))
        return claimed

    def resync(self) -> None:
        """Re-read every schedule's last claimed fire time: after taking over the firing
        lease, what the previous holder claimed must not be claimed again, and what it
        left unclaimed is due now (under the schedule's catch-up policy)."""
        with self.db.read() as connection:
            for name, calendar in self.calendars.items():
                since = last_keyed_logical_date(connection, name) or calendar.floor
                self.queue.set(name, calendar.after(since))

    def upcoming(self, name: str, now: datetime) -> datetime | None:
        """The next fire time as users see it; a standby's queue is not popped, so a passed
        entry is replaced by the next one. Called from request threads: the tick thread's
        calendars cache as they go, so a fresh one is used."""
        instant = self.queue.next_for(name)
        spec = self.specs.spec(name)
        if instant is not None and instant <= now and spec is not None:
            return FireCalendar(spec).after(now)
        return instant
