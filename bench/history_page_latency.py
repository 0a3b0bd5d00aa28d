"""Run history pages through the REST API of a running JupyterLab server, 100,000 runs.

A whole server on loopback (default configuration) over a state file with 100,000 runs of
100 schedules; one keep-alive HTTP connection, like the browser's, times each
GET /nbschedule/runs from request to parsed JSON. Requests of the different kinds alternate,
so every kind sees the same machine load. Two phases:
  1. with the FTS5 search index: a plain first page (the baseline), a deep page by cursor,
     text search for a rare run id fragment (1 run) and for a schedule name (1 % of the runs);
  2. the index dropped while the server runs (the pre-FTS scan path of the same build): the
     same plain page and the same two searches, whose answers must equal phase 1's.
Also printed: the one-time index build when a file from before it is opened.
Target: a rare-term search at 100k runs in <= 10 ms (p95).
Run: .venv/bin/python bench/history_page_latency.py
"""

from __future__ import annotations

import http.client
import json
import sqlite3
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert, select

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from lab_server import running_lab, wait_until_up  # noqa: E402

from nbschedule.scheduler.database import Database  # noqa: E402
from nbschedule.scheduler.history import encode_cursor  # noqa: E402
from nbschedule.scheduler.run_rows import runs  # noqa: E402
from nbschedule.scheduler.run_search import INDEX  # noqa: E402

RUNS = 100_000
SCHEDULES = 100
PAGE = 50
REPEATS = 200
START = datetime(2020, 1, 1, tzinfo=timezone.utc)


def logical(i: int) -> datetime:
    return START + timedelta(minutes=i)


def fill(path: Path) -> float:
    """The runs, written to a file from before the index; returns the seconds its opening takes to build it."""
    database = Database(path)
    with database.write() as connection:
        connection.exec_driver_sql(f"DROP TABLE {INDEX}")
        for trigger in ("delete", "update"):
            connection.exec_driver_sql(f"DROP TRIGGER {INDEX}_{trigger}")
        connection.execute(
            insert(runs),
            [
                {
                    "run_id": f"scheduled__{logical(i):%Y%m%dT%H%M%SZ}",
                    "schedule": f"s_{i % SCHEDULES:02d}",
                    "owner": "ada@example.com",
                    "trigger": "scheduled",
                    "logical_date": logical(i),
                    "status": "failed" if i % 20 == 0 else "success",
                    "next_try_at": logical(i),
                    "created_at": logical(i),
                    "attempts": 1,
                }
                for i in range(RUNS)
            ],
        )
    database.close()
    started = time.perf_counter()
    Database(path).close()
    return time.perf_counter() - started


def deep_cursor(path: Path) -> str:
    """The cursor 90 % down the history (what a user paging that far holds)."""
    database = Database(path)
    with database.read() as connection:
        row = connection.execute(
            select(runs.c.logical_date, runs.c.id)
            .order_by(runs.c.logical_date.desc(), runs.c.id.desc())
            .offset(int(RUNS * 0.9))
            .limit(1)
        ).one()
    database.close()
    return encode_cursor(row.logical_date, row.id, database.cursor_key)


class Client:
    def __init__(self, port: int, token: str):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.headers = {"Authorization": f"token {token}"}

    def page(self, params: dict[str, str]) -> tuple[float, dict]:
        started = time.perf_counter()
        self.connection.request("GET", "/nbschedule/runs?" + urllib.parse.urlencode(params), headers=self.headers)
        reply = self.connection.getresponse()
        body = json.loads(reply.read())
        elapsed = time.perf_counter() - started
        if reply.status != 200:
            raise SystemExit(f"GET runs {params} answered {reply.status}: {body}")
        return elapsed, body


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000


def measure(client: Client, kinds: dict[str, dict[str, str]]) -> tuple[dict[str, list[float]], dict[str, list]]:
    times: dict[str, list[float]] = {name: [] for name in kinds}
    answers = {}
    for name, params in kinds.items():  # warm-up; also the answer compared across phases
        answers[name] = [run["id"] for run in client.page(params)[1]["runs"]]
    for _ in range(REPEATS):
        for name, params in kinds.items():
            times[name].append(client.page(params)[0])
    return times, answers


def report(rows: dict[str, list[float]], baseline: str) -> None:
    print(f"{'request':<38}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}   p95 / {baseline}")
    base = percentile(rows[baseline], 0.95)
    for name, times in rows.items():
        p95 = percentile(times, 0.95)
        print(f"{name:<38}{percentile(times, 0.5):>9.2f}{p95:>9.2f}{percentile(times, 0.99):>9.2f}   {p95 / base:.2f}x")


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="nbs-bench-history-"))
    root = folder / "root"
    state = root / ".nbschedule" / "scheduler.db"
    build_seconds = fill(state)
    with running_lab(root, folder) as (port, token):
        wait_until_up(f"http://127.0.0.1:{port}/nbschedule/runs?limit=1&token={token}", time.monotonic() + 180)
        client = Client(port, token)
        _, top = client.page({"limit": "1"})
        rare = f"{logical(RUNS // 3):%Y%m%dT%H%M}"
        plain = {"limit": str(PAGE)}
        searches = {
            "q, rare run id fragment (1 run)": {"limit": str(PAGE), "q": rare},
            "q, a schedule name (1 % of runs)": {"limit": str(PAGE), "q": "s_42"},
        }
        indexed, indexed_answers = measure(
            client,
            {
                "plain first page (baseline)": plain,
                "deep page by cursor": {**plain, "cursor": deep_cursor(state)},
                **searches,
            },
        )
        with sqlite3.connect(state, timeout=30) as connection:  # the same server, now without the index
            connection.executescript(f"DROP TABLE {INDEX}; DROP TRIGGER {INDEX}_delete; DROP TRIGGER {INDEX}_update")
        scanned, scanned_answers = measure(
            client, {"plain first page, phase 2": plain, **{f"{name}, scan": p for name, p in searches.items()}}
        )
        for name in searches:
            if indexed_answers[name] != scanned_answers[f"{name}, scan"] or not indexed_answers[name]:
                raise SystemExit(f"{name}: the index and the scan answered differently")
        print(
            f"{RUNS:,} runs, {SCHEDULES} schedules, pages of {PAGE}, {REPEATS} requests of each kind, "
            f"newest run {top['runs'][0]['run_id']}"
        )
        print(f"index built on opening a file from before it: {build_seconds:.2f} s\n")
        print("Phase 1, with the FTS5 index:")
        report(indexed, "plain first page (baseline)")
        print("\nPhase 2, index dropped (the scan every search used before it):")
        report(scanned, "plain first page, phase 2")
        print("\nsearch p95, scan / index:")
        for name in searches:
            print(f"  {name:<36}{percentile(scanned[f'{name}, scan'], 0.95) / percentile(indexed[name], 0.95):>8.1f}x")
        return 0


if __name__ == "__main__":
    sys.exit(main())
