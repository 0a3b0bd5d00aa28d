"""The service ticks on events, not only on the clock: a run added from a request thread
starts at once, a worker's end is reaped at once, and its retry starts at once; workers
are forked from the launcher's warm fork server.

The tick interval is an hour here, so nothing in this test can happen by the clock."""

from __future__ import annotations

import asyncio
import logging
from multiprocessing import forkserver

from scheduler_helpers import all_attempts, all_runs, fast_config, make_spec, write_notebook, write_spec

from nbschedule.scheduler.engine import Scheduler
from nbschedule.scheduler.run_rows import add_manual_run
from nbschedule.scheduler.service import SchedulerService

AN_HOUR = 3600.0


def _parent(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as file:
            return int(file.read().rsplit(")", 1)[1].split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None


async def _until(condition, timeout: float):
    for _ in range(int(timeout / 0.05)):
        value = condition()
        if value:
            return value
        await asyncio.sleep(0.05)
    raise AssertionError(f"not done after {timeout} s")


def test_manual_run_worker_end_and_retry_each_wake_the_scheduler(root):
    spec = make_spec(cron="0 0 1 1 *", retries=1, retry_delay_seconds=0)
    write_spec(root, spec)
    write_notebook(root, "import time\ntime.sleep(1)\nraise ValueError('fails on every try')")
    scheduler = Scheduler(root, fast_config(tick_seconds=AN_HOUR), log=logging.getLogger("test_wake"))
    service = SchedulerService(scheduler, AN_HOUR, scheduler.log)
    parents = set()

    def note_parents() -> bool:
        for attempt in all_attempts(scheduler):
            if attempt["worker_pid"]:
                parents.add(_parent(attempt["worker_pid"]))
        return False

    async def scenario() -> None:
        service.start()
        try:
            await _until(lambda: scheduler.spec_of(spec["name"]) is not None, 60)

            def submit() -> int:  # as the run-now request handler does, from another thread
                with scheduler.db.write() as connection:
                    return add_manual_run(connection, spec, scheduler.clock(), None)

            await asyncio.get_running_loop().run_in_executor(None, submit)
            await _until(lambda: note_parents() or all_runs(scheduler)[0]["status"] not in ("queued", "running"), 120)
        finally:
            await service.stop()

    asyncio.run(scenario())

    [run] = all_runs(scheduler)
    assert (run["status"], run["attempts"]) == ("failed", 2)
    assert [a["status"] for a in all_attempts(scheduler)] == ["failed", "failed"]
    fork_server = forkserver._forkserver._forkserver_pid
    assert parents - {None} == {fork_server}
