"""Global and per-schedule concurrency limits, with real worker processes and kernels."""

from __future__ import annotations

from collections import Counter

from scheduler_helpers import (
    all_finished,
    all_runs,
    backfill,
    fast_config,
    quiet_spec,
    tick_until,
    write_notebook,
    write_spec,
)

from nbschedule.scheduler.engine import Scheduler


def test_per_schedule_max_active_runs_and_the_global_limit_hold(root, schedulers):
    write_notebook(root, "import time\ntime.sleep(1.5)")
    single, wide = quiet_spec("single", max_active_runs=1), quiet_spec("wide", max_active_runs=3)
    write_spec(root, single)
    write_spec(root, wide)
    scheduler = Scheduler(root, fast_config(max_workers=2))
    schedulers.append(scheduler)
    scheduler.tick()
    backfill(scheduler, single, 2)
    backfill(scheduler, wide, 2)
    peaks: Counter = Counter()

    def observe(scheduler) -> None:
        running = Counter(r["schedule"] for r in all_runs(scheduler) if r["status"] == "running")
        running["*"] = sum(running.values())
        for key, value in running.items():
            peaks[key] = max(peaks[key], value)

    tick_until(scheduler, all_finished, timeout=90, on_tick=observe)
    # 'single' never ran twice at once though a slot was free; the two slots were both used, never more.
    assert peaks["single"] == 1 and peaks["*"] == 2
    assert [r["status"] for r in all_runs(scheduler)] == ["success"] * 4
