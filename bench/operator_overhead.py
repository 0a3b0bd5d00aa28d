"""Overhead of nbschedule's run_notebook against bare nbclient and papermill.

Same process, same notebooks: a trivial one (one cell) and one of 200 small cells.
Each way runs REPEATS times; the median wall time and the ratios are printed.
Run: python bench/operator_overhead.py   (papermill must be installed)
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import nbformat
import papermill
from nbclient import NotebookClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nbschedule.operator import run_notebook  # noqa: E402

REPEATS = 3
LOGICAL_DATE = datetime(2024, 1, 3, tzinfo=timezone.utc)


def _notebook(cells: int) -> nbformat.NotebookNode:
    parameters = nbformat.v4.new_code_cell("n = 1")
    parameters.metadata["tags"] = ["parameters"]
    body = [nbformat.v4.new_code_cell(f"value_{i} = n + {i}\nvalue_{i}") for i in range(cells - 1)]
    return nbformat.v4.new_notebook(cells=[parameters, *body], metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})


def _bare_nbclient(path: Path, workspace: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": str(workspace)}}).execute()
    nbformat.write(nb, workspace / "nbclient-out.ipynb")


def _papermill(path: Path, workspace: Path) -> None:
    papermill.execute_notebook(str(path), str(workspace / "papermill-out.ipynb"), parameters={"n": 2},
                               kernel_name="python3", progress_bar=False, log_output=False)


def _nbschedule(path: Path, workspace: Path) -> None:
    spec = {"version": 1, "name": "bench", "notebook": path.name, "cron": "0 6 * * *", "timezone": "UTC",
            "start_date": "2024-01-01", "zone": "analytics", "owner": "bench",
            "parameters": [{"name": "n", "type": "int", "value": 2}]}
    result = run_notebook(spec, workspace=workspace, logical_date=LOGICAL_DATE)
    if result.status != "success":
        raise SystemExit(f"nbschedule run failed: {result.record['message']}")


def _median_seconds(way, path: Path, workspace: Path) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        way(path, workspace)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="nbschedule-bench-") as folder:
        workspace = Path(folder)
        print(f"{'notebook':<12}{'nbclient s':>12}{'papermill s':>13}{'nbschedule s':>14}"
              f"{'vs nbclient':>13}{'vs papermill':>14}")
        for label, cells in (("trivial", 1), ("200 cells", 200)):
            path = workspace / f"bench-{cells}.ipynb"
            nbformat.write(_notebook(cells), path)
            bare = _median_seconds(_bare_nbclient, path, workspace)
            paper = _median_seconds(_papermill, path, workspace)
            ours = _median_seconds(_nbschedule, path, workspace)
            print(f"{label:<12}{bare:>12.2f}{paper:>13.2f}{ours:>14.2f}{ours / bare:>12.2f}x{ours / paper:>13.2f}x")


if __name__ == "__main__":
    main()
