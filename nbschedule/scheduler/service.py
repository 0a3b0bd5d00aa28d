"""Running the scheduler inside the server: ticks on the server's event loop, each in a
dedicated thread so SQLite and process polling never block request handling."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor

from .engine import Scheduler


class SchedulerService:
    def __init__(self, scheduler: Scheduler, tick_seconds: float, log: logging.Logger):
        self.scheduler, self.tick_seconds, self.log = scheduler, tick_seconds, log
        # One thread for the scheduler's whole life: workers are its children, and Linux's
        # parent-death signal fires when the thread that started them ends.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nbschedule-scheduler")
        self._task: asyncio.Task | None = None
        self._stopping = asyncio.Event()

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._loop())

    async def _loop(self) -> None:
        loop = asyncio.get_running_loop()
        while not self._stopping.is_set():
            try:
                await loop.run_in_executor(self._thread, self.scheduler.tick)
            except Exception:  # one bad tick is logged; the schedules keep running
                self.log.exception("nbschedule: scheduler tick failed")
            try:
                await asyncio.wait_for(self._stopping.wait(), self.scheduler.pause_before_next_tick())
            except asyncio.TimeoutError:
                pass

    async def stop(self) -> None:
        self._stopping.set()
        if self._task is not None:
            await self._task
        await asyncio.get_running_loop().run_in_executor(self._thread, self.scheduler.shutdown)
        self._thread.shutdown(wait=True)
