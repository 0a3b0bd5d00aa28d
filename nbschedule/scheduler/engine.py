"""The embedded scheduler: one ``tick()`` reloads specs, claims due runs, and drives workers.

``tick`` is synchronous and quick (SQLite and process polling); ``service.py`` calls it
from a worker thread of the server's event loop.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from ..operator import default_store
from .clock import clock_from_environment
from .config import NbScheduleScheduler
from .controls import current_mode
from .database import Database, DatabaseUnusable
from .execution import Execution
from .launcher import Launcher, ProcessLauncher
from .lease import FiringLease
from .processes import HOST, birth_token
from .run_rows import Lease
from .shared_runs import SharedRunStore
from .specfiles import SpecFolder
from .timer import Timer


class Scheduler:
    def __init__(
        self,
        root_dir: str | os.PathLike,
        config: NbScheduleScheduler,
        *,
        launcher: Launcher | None = None,
        clock: Callable[[], datetime] | None = None,
        log: logging.Logger | None = None,
        kind: str = "server",
    ):
        self.root = Path(root_dir).resolve()
        self.config, self.clock = config, clock or clock_from_environment()
        self.log = log or logging.getLogger("nbschedule.scheduler")
        state = self.root / ".nbschedule"
        self.db = Database(config.database or state / "scheduler.db")
        self.store = config.store or str(default_store(self.root))
        work_folder = state / "workers"
        work_folder.mkdir(parents=True, exist_ok=True)
        self.specs = SpecFolder(self.root / "schedules", config.reload_seconds)
        self.timer = Timer(
            self.db, self.specs, timedelta(seconds=config.misfire_grace_seconds), config.max_catchup_runs, self.log
        )
        self.lease = Lease(HOST, uuid.uuid4().hex, os.getpid(), birth_token(os.getpid()) or "")
        self.execution = Execution(
            self.db,
            launcher or ProcessLauncher(work_folder),
            self.lease,
            workspace=str(self.root),
            store=self.store,
            work_folder=str(work_folder),
            max_workers=config.max_workers,
            lease_seconds=config.lease_seconds,
            max_lost_retries=config.max_lost_retries,
            allow_unsandboxed=config.allow_unsandboxed,
            log=self.log,
        )
        self._lease_every = timedelta(seconds=config.lease_seconds / 3)
        self._next_lease_work: datetime | None = None
        self.stopped: str | None = None  # why the scheduler stopped, when its database became unusable
        self.shared = (
            SharedRunStore(
                config.shared_store, self.db, timedelta(seconds=config.shared_store_sync_seconds), self.log, self.root
            )
            if config.shared_store
            else None
        )
        self.firing = FiringLease(self.db, self.lease, kind, config.lease_seconds)

    def spec_of(self, name: str) -> dict[str, Any] | None:
        return self.specs.spec(name)

    def db_problem(self) -> str | None:
        return self.stopped

    def _check_database(self) -> bool:
        """Reopen a database file that was deleted or replaced; stop (with the reason) if that fails."""
        if self.stopped is not None:
            return False
        if not self.db.replaced():
            return True
        self.log.error("nbschedule: the scheduler database %s was deleted or replaced; reopening it", self.db.path)
        try:
            self.db.reopen()
        except DatabaseUnusable as error:
            self.stopped = str(error)
            self.log.error("nbschedule: the scheduler stopped: %s", error)
            return False
        self.timer.forget_applied()
        return True

    def tick(self) -> None:
        """Only the holder of the firing lease claims, recovers and starts runs; every
        scheduler finishes the runs it started (see lease.py)."""
        if not self._check_database():
            return
        now = self.clock()
        firing = self.firing.tick()
        with self.db.read() as connection:
            mode = current_mode(connection)["mode"]
        self.timer.reload(now)
        if firing.acquired:
            self.timer.resync(now)
        if firing.holding and mode != "paused":
            self.timer.claim_due(now)
        self.execution.reap(now, self.spec_of)
        self.execution.follow_workflows(now, self.spec_of)
        self.execution.cancel_flagged(now)
        if self._next_lease_work is None or now >= self._next_lease_work:
            self._next_lease_work = now + self._lease_every
            self.execution.heartbeat(now)
            if firing.holding:
                self.execution.recover(now, self.spec_of)
        if firing.holding and mode == "running":
            self.execution.start_queued(now, self.spec_of)
        if self.shared is not None:
            self.shared.sync(now)

    def pause_before_next_tick(self) -> float:
        """Seconds until the next tick: the tick interval, or less when a fire time falls
        within it, so a run is claimed when it is due rather than up to a tick later. A fire
        time already passed (a standby's, or one held back while paused) waits a full tick."""
        due = self.timer.next_due()
        wait = None if due is None else (due - self.clock()).total_seconds()
        return self.config.tick_seconds if wait is None or wait <= 0 else min(self.config.tick_seconds, wait)

    def next_fire_time(self, name: str) -> datetime | None:
        return self.timer.upcoming(name, self.clock())

    def shutdown(self) -> None:
        if self.stopped is None:
            self.firing.resign()
            self.execution.stop(self.clock(), self.spec_of)
        self.db.close()
