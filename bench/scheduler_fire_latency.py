"""Fire latency with 10,000 schedules, against 100 schedules in the same process.

A real in-process Scheduler (spec files, heap, SQLite claims, tick loop); only the
launcher is replaced, by dependency injection, with one that records each launch and
reports success, so no notebook runs. Latency of a run = the end of the tick that
claimed it (an upper bound on the claim) minus its fire time; launch latency = when the
launcher was called minus the fire time. The clock is the real clock plus an offset that
jumps to shortly before the next minute, so each minute costs about a second.
Run: .venv/bin/python bench/scheduler_fire_latency.py
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nbschedule.scheduler.config import NbScheduleScheduler  # noqa: E402
from nbschedule.scheduler.engine import Scheduler  # noqa: E402
from nbschedule.scheduler.runstore import runs  # noqa: E402

MINUTES = 2  # minute boundaries measured per configuration
LEAD = timedelta(seconds=0.5)


class JumpClock:
    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset

    def jump_before_next_minute(self) -> datetime:
        now = self()
        boundary = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
        self.offset += boundary - LEAD - now
        return boundary


class RecordingHandle:
    pid = None
    birth = None

    def poll(self) -> int:
        return 0

    def kill(self, sig: int) -> None:
        pass


class RecordingLauncher:
    def __init__(self, clock: JumpClock) -> None:
        self.clock, self.launches = clock, []

    def launch(self, job) -> RecordingHandle:
        self.launches.append((datetime.fromisoformat(job.logical_date), self.clock()))
        Path(job.outcome_path).write_text(json.dumps({"status": "success", "exit_reason": "completed",
                                                      "message": "recorded by the benchmark launcher"}))
        return RecordingHandle()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(count: int, spread: bool, max_workers: int, minutes: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="nbs-fire-") as folder:
        root = Path(folder)
        (root / "schedules").mkdir()
        for i in range(count):
            cron = f"{i % 60} * * * *" if spread else "* * * * *"
            (root / "schedules" / f"s{i}.json").write_text(json.dumps({
                "version": 1, "name": f"s{i}", "notebook": "n.ipynb", "cron": cron, "timezone": "UTC",
                "start_date": "2024-01-01", "zone": "analytics", "owner": "bench", "catchup": "none"}))
        clock = JumpClock()
        launcher = RecordingLauncher(clock)
        config = NbScheduleScheduler(tick_seconds=0.02, reload_seconds=3600, max_workers=max_workers)
        scheduler = Scheduler(root, config, launcher=launcher, clock=clock)
        scheduler.tick()  # loads every spec; loading 10,000 may outlast a minute boundary:
        while scheduler.timer.claim_due(clock()) or scheduler.execution.running:  # settle before measuring
            scheduler.tick()
        claims, idle_ticks, boundaries = [], [], set()
        for _ in range(minutes):
            boundary = clock.jump_before_next_minute()
            boundaries.add(boundary)
            expected = count if not spread else sum(1 for i in range(count) if i % 60 == boundary.minute)
            seen = 0
            while seen < expected or (max_workers >= count and scheduler.execution.running) \
                    or (max_workers >= count and sum(when == boundary for when, _ in launcher.launches) < expected):
                due = clock() >= boundary
                started = time.perf_counter()
                scheduler.tick()
                if not due:
                    idle_ticks.append(time.perf_counter() - started)
                with scheduler.db.read() as connection:
                    total = connection.execute(select(func.count()).select_from(runs).where(
                        runs.c.logical_date == boundary)).scalar_one()
                claims += [(clock() - boundary).total_seconds()] * (total - seen)
                seen = total
                time.sleep(config.tick_seconds)
        scheduler.shutdown()
        result = {"claim p99 s": percentile(claims, 0.99), "idle tick ms": 1000 * statistics.median(idle_ticks)}
        if max_workers >= count:
            result["launch p99 s"] = percentile(
                [(at - when).total_seconds() for when, at in launcher.launches if when in boundaries], 0.99)
        return result


def main() -> None:
    print(f"{'scenario':<38}{'100 sched':>11}{'10,000 sched':>14}{'ratio':>8}")
    # Spread: every run is also launched (slots for all). Same minute: 10,000 claims at one
    # instant, launching left out (one slot), as starting 10,000 workers at once is not a fire-time question.
    for spread, label, workers, minutes in ((True, "spread over the hour", 10_000, MINUTES),
                                            (False, "all in the same minute", 1, 1)):
        small, large = measure(100, spread, min(workers, 100), minutes), measure(10_000, spread, workers, minutes)
        for key in small:
            print(f"{label + ': ' + key:<38}{small[key]:>11.3f}{large[key]:>14.3f}"
                  f"{large[key] / max(small[key], 1e-9):>7.1f}x")


if __name__ == "__main__":
    main()
