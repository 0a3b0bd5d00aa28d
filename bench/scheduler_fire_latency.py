"""The scheduler with 10,000 spec files, as a whole process, against 100 in the same run.

Each measurement starts the real scheduler service (`python -m nbschedule.scheduler.standalone
ROOT`, default configuration: 1 s tick, 5 s rescan) and watches only what it writes to its
SQLite file, from this separate process:
  - first tick: from spawning the process (interpreter, imports, database) until every
    schedule is loaded (its row is in the database), on a fresh workspace;
  - fire -> claim: every schedule is "* * * * *"; the time from a minute boundary until
    its runs are committed (visible to another process). The scheduler's clock is the real
    clock shifted through NBSCHEDULE_TEST_CLOCK_FILE (the tests' multi-process clock), so a
    boundary comes every few seconds instead of every minute. The workspace is in
    "draining" mode, a real operator mode: runs are claimed but not started, as starting
    10,000 notebooks is not a fire-time question;
  - idle CPU per tick: the process's CPU time over 15 s without due fire times, once with
    no file changed and once with one spec file edited every second.
Prints p50/p95/p99 and the ratio to the 100-schedule baseline.
Run: .venv/bin/python bench/scheduler_fire_latency.py [--large 10000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import func, select

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from nbschedule.scheduler.controls import set_mode  # noqa: E402
from nbschedule.scheduler.database import Database  # noqa: E402
from nbschedule.scheduler.models import RunRow, ScheduleRow  # noqa: E402

runs, schedules = RunRow.__table__, ScheduleRow.__table__
TICKS_PER_SECOND = os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered) + 0.5)) - 1))]


def spec(index: int, cron: str) -> dict:
    return {
        "version": 1,
        "name": f"s{index:05d}",
        "notebook": f"notebooks/n{index}.ipynb",
        "cron": cron,
        "timezone": ["UTC", "Europe/Berlin", "America/New_York", "Asia/Tokyo"][index % 4],
        "start_date": "2024-01-01",
        "zone": "analytics",
        "owner": f"team{index % 10}@example.com",
        "catchup": "none",
    }


def workspace(count: int, every_minute: bool) -> Path:
    root = Path(tempfile.mkdtemp(prefix="nbs-fire-"))
    folder = root / "schedules"
    folder.mkdir()
    for i in range(count):
        # Varied crons, so no two schedules share much of their fire-time work.
        cron = "* * * * *" if every_minute else f"{i % 60} {(i // 60) % 24} * * {i % 7}"
        (folder / f"s{i:05d}.json").write_text(json.dumps(spec(i, cron)), encoding="utf-8")
    return root


class Service:
    """The scheduler service on `root`, its clock shifted by what `shift()` writes."""

    def __init__(self, root: Path) -> None:
        self.root, self.clock_file = root, root / "clock-offset"
        self.clock_file.write_text("0", encoding="ascii")
        self.offset = 0.0
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "nbschedule.scheduler.standalone", str(root)],
            cwd=REPO,
            env={**os.environ, "NBSCHEDULE_TEST_CLOCK_FILE": str(self.clock_file)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + timedelta(seconds=self.offset)

    def shift_to(self, instant: datetime) -> None:
        self.offset += (instant - self.now()).total_seconds()
        self.clock_file.write_text(f"{self.offset:.6f}", encoding="ascii")

    def cpu_seconds(self) -> float:
        fields = (Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1]).split()
        return (int(fields[11]) + int(fields[12])) / TICKS_PER_SECOND

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=120)


def wait_for(database: Database, query, value: int, deadline: float, poll: float = 0.005) -> None:
    while time.perf_counter() < deadline:
        try:
            with database.read() as connection:
                if connection.execute(query).scalar_one() >= value:
                    return
        except Exception:  # the service is still creating the file
            pass
        time.sleep(poll)
    raise SystemExit(f"not reached in time: {value} for {query}")


def loaded_query():
    return select(func.count()).select_from(schedules).where(schedules.c.active.is_(True))


def first_tick(count: int, rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        root = workspace(count, every_minute=False)
        (root / ".nbschedule").mkdir()
        database = Database(root / ".nbschedule" / "scheduler.db")
        service = Service(root)
        try:
            wait_for(database, loaded_query(), count, time.perf_counter() + 600, poll=0.01)
            times.append(time.perf_counter() - service.started)
        finally:
            service.stop()
            database.close()
            shutil.rmtree(root, ignore_errors=True)
    return times


def fire_to_claim(count: int, rounds: int) -> tuple[list[float], float, float]:
    """Claim latencies (one per run), then idle CPU ms per tick without and with edits."""
    root = workspace(count, every_minute=True)
    database = Database(root / ".nbschedule" / "scheduler.db")
    with database.write() as connection:
        set_mode(connection, "draining", "bench", datetime.now(timezone.utc))
    service = Service(root)
    latencies = []
    try:
        wait_for(database, loaded_query(), count, time.perf_counter() + 600, poll=0.05)
        for _ in range(rounds):
            boundary = (service.now() + timedelta(minutes=1)).replace(second=0, microsecond=0)
            service.shift_to(boundary - timedelta(seconds=2.5))
            claimed = select(func.count()).select_from(runs).where(runs.c.logical_date == boundary)
            wait_for(database, claimed, count, time.perf_counter() + 120)
            latencies += [(service.now() - boundary).total_seconds()] * count
        idle = []
        for edit in (False, True):
            boundary = (service.now() + timedelta(minutes=1)).replace(second=0, microsecond=0)
            service.shift_to(boundary + timedelta(seconds=1))
            claimed = select(func.count()).select_from(runs).where(runs.c.logical_date == boundary)
            wait_for(database, claimed, count, time.perf_counter() + 120)  # that minute's claims are not idle work
            time.sleep(2)
            before, started = service.cpu_seconds(), time.perf_counter()
            for second in range(15):
                if edit:
                    path = root / "schedules" / f"s{second:05d}.json"
                    path.write_text(json.dumps(spec(second, f"{second} * * * *")), encoding="utf-8")
                time.sleep(1)
            # Default tick: one per second (the pause after each tick is the tick interval).
            idle.append(1000 * (service.cpu_seconds() - before) / (time.perf_counter() - started))
    finally:
        service.stop()
        database.close()
        shutil.rmtree(root, ignore_errors=True)
    return latencies, idle[0], idle[1]


def line(label: str, small: list[float], large: list[float], unit: str = "s") -> None:
    cells = []
    for share in (0.5, 0.95, 0.99):
        cells.append(f"p{round(share * 100)} {percentile(large, share):7.3f} {unit}")
    print(
        f"{label:<34}{'  '.join(cells)}   baseline p50 {percentile(small, 0.5):7.3f} {unit}   "
        f"ratio p50 {percentile(large, 0.5) / max(percentile(small, 0.5), 1e-9):5.1f}x"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    small_first, large_first = first_tick(args.small, args.rounds), first_tick(args.large, args.rounds)
    small_claims, small_idle, small_edit = fire_to_claim(args.small, args.rounds)
    large_claims, large_idle, large_edit = fire_to_claim(args.large, args.rounds)
    print(f"{args.large} schedules (baseline: {args.small}), whole process, default configuration")
    line("first tick (spawn -> all loaded)", small_first, large_first)
    line("fire -> claim, all in one minute", small_claims, large_claims)
    print(f"{'idle CPU per tick, no change':<34}{large_idle:7.1f} ms   baseline {small_idle:6.1f} ms")
    print(f"{'idle CPU per tick, 1 edit/s':<34}{large_edit:7.1f} ms   baseline {small_edit:6.1f} ms")
    first_ok = percentile(large_first, 0.99) <= 3.0
    claim_ok = percentile(large_claims, 0.99) <= 1.0
    print(
        f"goals: first tick <= 3 s: {'met' if first_ok else 'NOT met'}; "
        f"fire -> claim p99 <= 1 s: {'met' if claim_ok else 'NOT met'}"
    )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
