"""Keeps a server's only scheduler worker busy, so a run added meanwhile stays queued.

For tests that must see a queued run: with `max_workers = 1` and this run holding the
worker, nothing else starts until the test cancels it.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import nbformat
from jupyter_api import fetch

SPEC = {
    "version": 1,
    "name": "busy_worker",
    "notebook": "busy_worker.ipynb",
    "cron": "0 0 1 1 *",
    "timezone": "UTC",
    "start_date": "2024-01-01",
    "zone": "analytics",
    "owner": "ada@example.com",
    "catchup": "none",
}


async def occupy_the_only_worker(jp_fetch, root: Path) -> int:
    """Starts a manual run of a notebook that sleeps; returns its id once it is running."""
    nbformat.write(
        nbformat.v4.new_notebook(
            cells=[nbformat.v4.new_code_cell("import time\ntime.sleep(600)")],
            metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}},
        ),
        root / SPEC["notebook"],
    )
    (root / "schedules").mkdir(exist_ok=True)
    (root / "schedules" / "busy_worker.json").write_text(json.dumps(SPEC))
    for _ in range(600):
        code, run = await fetch(jp_fetch, "schedules", "busy_worker", "runs", method="POST", body={})
        if code == 201:
            break
        await asyncio.sleep(0.1)  # the spec folder is read again every reload_seconds
    for _ in range(600):
        code, state = await fetch(jp_fetch, "runs", str(run["id"]))
        if state["status"] == "running":
            return run["id"]
        assert state["status"] == "queued", state
        await asyncio.sleep(0.1)
    raise AssertionError(f"the busy run never started: {state}")


async def release_the_worker(jp_fetch, run_pk: int) -> None:
    code, cancelled = await fetch(jp_fetch, "runs", str(run_pk), "cancel", method="POST", body={})
    assert (code, cancelled["status"]) == (202, "running")  # running: its server kills it
