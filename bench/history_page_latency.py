"""Run history page latency with 100,000 runs, against 1,000 runs in the same process.

Real SQLite file, real indexes, the same ``list_runs`` the REST API calls: first page,
a deep page (90 % down, reached by its cursor), and failures only.
Run: .venv/bin/python bench/history_page_latency.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import insert, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nbschedule.scheduler.database import Database  # noqa: E402
from nbschedule.scheduler.history import RunFilter, encode_cursor, list_runs  # noqa: E402
from nbschedule.scheduler.runstore import runs  # noqa: E402

PAGE = 50
REPEATS = 30
START = datetime(2020, 1, 1, tzinfo=timezone.utc)


def fill(database: Database, count: int) -> None:
    rows = [{"run_id": f"scheduled__{i}", "schedule": f"s{i % 10}", "owner": "ada", "trigger": "scheduled",
             "logical_date": START + timedelta(minutes=i), "status": "failed" if i % 20 == 0 else "success",
             "next_try_at": START, "created_at": START} for i in range(count)]
    with database.write() as connection:
        connection.execute(insert(runs), rows)


def deep_cursor(database: Database, count: int) -> str:
    with database.read() as connection:
        row = connection.execute(select(runs.c.logical_date, runs.c.id).order_by(
            runs.c.logical_date.desc(), runs.c.id.desc()).offset(int(count * 0.9)).limit(1)).one()
    return encode_cursor(row.logical_date, row.id, database.cursor_key)


def median_ms(database: Database, root: Path, where: RunFilter, cursor: str | None) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        with database.read() as connection:
            page, _ = list_runs(connection, where, cursor, PAGE, root, database.cursor_key)
        times.append(time.perf_counter() - started)
        assert len(page) == PAGE
    return statistics.median(times) * 1000


def measure(count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="nbs-history-") as folder:
        root = Path(folder)
        database = Database(root / "scheduler.db")
        fill(database, count)
        result = {
            "first page": median_ms(database, root, RunFilter(), None),
            "deep page (cursor)": median_ms(database, root, RunFilter(), deep_cursor(database, count)),
            "failed only": median_ms(database, root, RunFilter(statuses=("failed",)), None),
            "one schedule": median_ms(database, root, RunFilter(schedule="s7"), None),
        }
        database.close()
        return result


def main() -> None:
    baseline, large = measure(1_000), measure(100_000)
    print(f"{'query':<22}{'1k runs ms':>12}{'100k runs ms':>14}{'ratio':>8}")
    for name in baseline:
        print(f"{name:<22}{baseline[name]:>12.2f}{large[name]:>14.2f}{large[name] / baseline[name]:>7.2f}x")


if __name__ == "__main__":
    main()
