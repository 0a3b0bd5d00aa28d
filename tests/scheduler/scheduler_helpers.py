"""Helpers for the scheduler tests: workspaces with specs and notebooks, ticking until done."""

from __future__ import annotations

import json
import time
from pathlib import Path

import nbformat
from quiet_cron import DAILY_CRON
from sqlalchemy import select

from nbschedule.scheduler.config import NbScheduleScheduler
from nbschedule.scheduler.models import AttemptRow, RunRow

runs, attempts = RunRow.__table__, AttemptRow.__table__


def make_spec(name: str = "report", **changes) -> dict:
    spec = {
        "version": 1,
        "name": name,
        "notebook": "report.ipynb",
        "cron": DAILY_CRON,
        "timezone": "UTC",
        "start_date": "2024-01-01",
        "zone": "analytics",
        "owner": "ada@example.com",
        "catchup": "none",
    }
    spec.update(changes)
    return spec


def write_spec(root: Path, spec: dict, file_name: str | None = None) -> Path:
    folder = root / "schedules"
    folder.mkdir(exist_ok=True)
    path = folder / (file_name or f"{spec['name']}.json")
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def write_notebook(root: Path, source: str, name: str = "report.ipynb") -> Path:
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source)],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    path = root / name
    nbformat.write(nb, path)
    return path


def fast_config(**changes) -> NbScheduleScheduler:
    settings = {"tick_seconds": 0.05, "reload_seconds": 0.05, "lease_seconds": 3.0}
    settings.update(changes)
    return NbScheduleScheduler(**settings)


def all_runs(scheduler) -> list[dict]:
    with scheduler.db.read() as connection:
        return [dict(r) for r in connection.execute(select(runs).order_by(runs.c.logical_date, runs.c.id)).mappings()]


def all_attempts(scheduler) -> list[dict]:
    with scheduler.db.read() as connection:
        return [dict(r) for r in connection.execute(select(attempts).order_by(attempts.c.id)).mappings()]


def tick_until(scheduler, done, timeout: float = 60.0, on_tick=None):
    """Tick like the server does until `done(scheduler)` is truthy; returns its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        scheduler.tick()
        if on_tick:
            on_tick(scheduler)
        value = done(scheduler)
        if value:
            return value
        time.sleep(scheduler.config.tick_seconds)
    raise AssertionError(f"not done after {timeout} s: {all_runs(scheduler)}")


def all_finished(scheduler) -> bool:
    rows = all_runs(scheduler)
    return bool(rows) and all(r["status"] not in ("queued", "running") for r in rows)


def quiet_spec(name: str, **changes) -> dict:
    """A schedule that never fires during a test (yearly, no catch-up): runs come from backfills."""
    return make_spec(name, cron="0 0 1 1 *", catchup="none", **changes)


def backfill(scheduler, spec: dict, count: int) -> None:
    from datetime import datetime, timedelta, timezone

    from nbschedule.scheduler.run_rows import claim_runs

    first = datetime(2025, 1, 1, tzinfo=timezone.utc)
    with scheduler.db.write() as connection:
        claim_runs(connection, spec, "backfill", [first + timedelta(days=i) for i in range(count)], scheduler.clock())


def descendants(pid: int) -> list[int]:
    """Every live process below `pid` (the kernel, its sandbox): what a worker started."""
    import os

    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as file:
                    text = file.read()
            except OSError:
                continue
            fields = text[text.rindex(")") + 2 :].split()
            if fields[0] != "Z":
                parents[int(entry)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def wait_until_kernel_runs(worker_pid: int, timeout: float = 60.0) -> list[int]:
    """The worker's descendants once a kernel has been up for a moment (the notebook is under way)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        below = descendants(worker_pid)
        if len(below) >= 2:  # the sandbox and the kernel inside it
            time.sleep(2)
            return descendants(worker_pid)
        time.sleep(0.1)
    raise AssertionError("the worker started no kernel")
