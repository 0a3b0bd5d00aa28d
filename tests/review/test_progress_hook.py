"""run_notebook's on_cell_done hook, which test runs use for their progress bar."""

from __future__ import annotations

from datetime import datetime, timezone

import nbformat

from nbschedule.operator import run_notebook

SPEC = {
    "version": 1,
    "name": "progress",
    "notebook": "nb.ipynb",
    "cron": "0 6 * * *",
    "timezone": "UTC",
    "start_date": "2024-01-01",
    "zone": "analytics",
    "owner": "ada@example.com",
}


def run(tmp_path, *sources: str) -> tuple[list[tuple[int, int]], str]:
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(s) for s in sources],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    nbformat.write(nb, tmp_path / "nb.ipynb")
    calls: list[tuple[int, int]] = []
    result = run_notebook(
        SPEC,
        workspace=tmp_path,
        logical_date=datetime(2024, 1, 3, tzinfo=timezone.utc),
        allow_unsandboxed=True,
        on_cell_done=lambda done, total: calls.append((done, total)),
    )
    return calls, result.status


def test_progress_starts_at_zero_and_counts_every_finished_cell(tmp_path):
    calls, status = run(tmp_path, "a = 1", "b = a + 1")
    assert status == "success"
    assert calls == [(0, 2), (1, 2), (2, 2)]  # no parameters: nothing injected, as in papermill


def test_progress_stops_before_the_failing_cell(tmp_path):
    calls, status = run(tmp_path, "a = 1", "1 / 0", "c = 3")
    assert status == "failed"
    assert calls == [(0, 3), (1, 3)]
