"""Running the scheduler inside the server: ticks on the server's event loop, each in a
dedicated thread so SQLite and process polling never block request handling.

A tick runs every `tick_seconds`, and at once when something is waiting: any write to
the scheduler's database from outside the tick thread (a manual run, a backfill, a
cancel, a pause) and any worker's end (so its retry, or the next queued run, starts
without waiting for the clock). Workers come from the launcher's warm fork server.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import event
from sqlalchemy.engine import Engine

from .engine import Scheduler
from .launcher import ProcessLauncher


class SchedulerService:
    def __init__(self, scheduler: Scheduler, tick_seconds: float, log: logging.Logger):
        self.scheduler, self.tick_seconds, self.log = scheduler, tick_seconds, log
        # One thread for the scheduler's whole life: workers are its children, and Linux's
        # parent-death signal fires when the thread that started them ends.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nbschedule-scheduler")
        self._tick_thread: int | None = None
        self._task: asyncio.Task | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping = asyncio.Event()
        self._wake = asyncio.Event()

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        launcher = self.scheduler.execution.launcher
        if isinstance(launcher, ProcessLauncher):
            launcher.on_exit = self.wake
        event.listen(Engine, "commit", self._on_commit)
        self._task = self._loop.create_task(self._run())

    def wake(self) -> None:
        """Tick now rather than at the next interval; callable from any thread."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake.set)

    def _on_commit(self, connection) -> None:
        if threading.get_ident() != self._tick_thread and connection.engine.url.database == str(self.scheduler.db.path):
            self.wake()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        self._tick_thread = await loop.run_in_executor(self._thread, threading.get_ident)
        while not self._stopping.is_set():
            self._wake.clear()
            try:
                await loop.run_in_executor(self._thread, self.scheduler.tick)
            except Exception:  # one bad tick is logged; the schedules keep running
                self.log.exception("nbschedule: scheduler tick failed")
            waits = [loop.create_task(self._stopping.wait()), loop.create_task(self._wake.wait())]
            await asyncio.wait(
                waits, timeout=self.scheduler.pause_before_next_tick(), return_when=asyncio.FIRST_COMPLETED
            )
            for waiting in waits:
                waiting.cancel()

    async def stop(self) -> None:
        self._stopping.set()
        event.remove(Engine, "commit", self._on_commit)
        if self._task is not None:
            await self._task
        await asyncio.get_running_loop().run_in_executor(self._thread, self.scheduler.shutdown)
        self._thread.shutdown(wait=True)
