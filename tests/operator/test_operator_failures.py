"""Every way a run can end badly still leaves an output notebook and a clear record."""

from __future__ import annotations

import json
import time

import pytest
from operator_helpers import LOGICAL_DATE, code, make_spec, notebook, read_output, write_notebook

from nbschedule.operator import run_notebook


def _failed_cell(result):
    nb = read_output(result)
    failing = result.record["failing_cell"]
    cell = nb.cells[failing["index"]]
    assert cell.id == failing["id"]
    assert cell.metadata["papermill"]["status"] == "failed"
    assert cell.metadata["papermill"]["exception"] is True
    assert "nbschedule-failed" in cell.metadata["tags"]
    errors = [o for o in cell.outputs if o["output_type"] == "error"]
    assert len(errors) == 1
    assert nb.metadata["papermill"]["exception"] is True
    # papermill's banners: one on top linking to the anchor right before the failing cell
    banners = [i for i, c in enumerate(nb.cells) if "papermill-error-cell-tag" in c.metadata.get("tags", [])]
    assert banners == [0, failing["index"] - 1]
    assert f'href="#papermill-error-cell">In [{cell.execution_count}]</a>' in nb.cells[0].source
    assert 'id="papermill-error-cell"' in nb.cells[failing["index"] - 1].source
    return nb, cell, errors[0]


@pytest.mark.timeout(60)
def test_kernel_killed_mid_run(workspace, run_tmp):
    write_notebook(
        workspace,
        notebook(code("x = 1"), code("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"), code("never = True")),
    )

    result = run_notebook(make_spec(), workspace=workspace, logical_date=LOGICAL_DATE)

    assert (result.status, result.record["exit_reason"]) == ("failed", "kernel_died")
    nb, cell, error = _failed_cell(result)
    assert "os.kill" in cell.source
    assert error["ename"] == "DeadKernelError" and "signal 9" in error["evalue"]
    assert nb.cells[-1].metadata["papermill"]["status"] == "pending"
    assert result.record["failing_cell"]["source_index"] == 1
    assert list(run_tmp.iterdir()) == []  # run folder with sockets and staging is gone


@pytest.mark.timeout(60)
def test_cell_timeout_fails_the_run(workspace):
    write_notebook(workspace, notebook(code("import time"), code("time.sleep(60)"), code("after = 1")))
    started = time.monotonic()

    result = run_notebook(make_spec(cell_timeout_seconds=2), workspace=workspace, logical_date=LOGICAL_DATE)

    assert time.monotonic() - started < 30
    assert (result.status, result.record["exit_reason"]) == ("failed", "cell_timeout")
    nb, cell, error = _failed_cell(result)
    assert cell.source == "time.sleep(60)"
    assert error["ename"] == "CellTimeout" and "2 seconds" in error["evalue"]
    assert nb.cells[-1].metadata["papermill"]["status"] == "pending"
    timings = {t["index"]: t for t in result.record["cells"]}
    assert timings[result.record["failing_cell"]["index"]]["duration"] >= 2


@pytest.mark.timeout(60)
def test_whole_run_timeout(workspace):
    write_notebook(workspace, notebook(code("import time"), code("time.sleep(1)"), code("time.sleep(60)")))

    result = run_notebook(
        make_spec(timeout_seconds=6, cell_timeout_seconds=600), workspace=workspace, logical_date=LOGICAL_DATE
    )

    assert (result.status, result.record["exit_reason"]) == ("failed", "run_timeout")
    _, cell, error = _failed_cell(result)
    assert cell.source == "time.sleep(60)"
    assert error["ename"] == "RunTimeout"
    assert result.record["duration_seconds"] < 20


@pytest.mark.timeout(60)
def test_cell_error_records_plain_traceback(workspace):
    write_notebook(
        workspace,
        notebook(
            code("def explode():\n    raise ValueError('the numbers do not add up')"),
            code("explode()"),
            code("after = 1"),
        ),
    )

    result = run_notebook(make_spec(), workspace=workspace, logical_date=LOGICAL_DATE)

    assert (result.status, result.record["exit_reason"]) == ("failed", "cell_error")
    _, cell, error = _failed_cell(result)
    assert cell.source == "explode()"
    recorded = result.record["error"]
    assert recorded["ename"] == "ValueError" and recorded["evalue"] == "the numbers do not add up"
    assert "explode" in recorded["traceback"] and "\x1b[" not in recorded["traceback"]
    assert "ValueError" in result.record["message"]


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "content, said",
    [
        (b"{ this is not json", "is not a JSON notebook"),
        (bytes(range(256)) * 4, "is not a JSON notebook"),
        (b"[]", "is not an nbformat 4 notebook (found 'list')"),
        (
            b'{"nbformat": 5, "nbformat_minor": 0, "cells": [], "metadata": {}}',
            "is not an nbformat 4 notebook (found 5)",
        ),
        (b'{"nbformat": 4, "nbformat_minor": 5, "cells": {}, "metadata": {}}', "is not a valid nbformat 4 notebook"),
    ],
)
def test_an_invalid_notebook_gives_clear_record(workspace, kernel_starts, content, said):
    (workspace / "report.ipynb").write_bytes(content)

    result = run_notebook(make_spec(), workspace=workspace, logical_date=LOGICAL_DATE)

    assert (result.status, result.record["exit_reason"]) == ("failed", "invalid_notebook")
    assert said in result.record["message"], result.record["message"]
    assert result.record["error"]["ename"]
    assert "could not run this notebook" in read_output(result).cells[0].source
    assert kernel_starts == []
    record_on_disk = json.loads(
        (workspace / "nbschedule-runs" / "daily_report" / result.run_id / "attempt-1" / "record.json").read_text()
    )
    assert record_on_disk == json.loads(json.dumps(result.record))


@pytest.mark.timeout(30)
def test_malformed_magic_cell_is_a_bad_notebook(workspace, kernel_starts):
    write_notebook(workspace, notebook(code("df = 1"), code("%%upload df --conn warehouse")))

    result = run_notebook(make_spec(), workspace=workspace, logical_date=LOGICAL_DATE)

    assert (result.status, result.record["exit_reason"]) == ("failed", "bad_notebook")
    assert "--table" in result.record["message"]
    assert result.record["failing_cell"]["index"] == 3  # after the two banner cells
    assert result.record["failing_cell"]["source_index"] == 1
    _failed_cell(result)
    assert kernel_starts == []


@pytest.mark.timeout(60)
def test_missing_parameters_cell_injects_on_top_with_warning(workspace, monkeypatch):
    monkeypatch.setattr("nbschedule.operator.execute.SAVE_INTERVAL_SECONDS", 0)
    saves = []
    from nbschedule.operator.store import AttemptFolder

    original = AttemptFolder.save_notebook
    monkeypatch.setattr(AttemptFolder, "save_notebook", lambda self, nb: saves.append(1) or original(self, nb))
    write_notebook(workspace, notebook(code("print(day, limit)"), code("assert limit == 7")))
    spec = make_spec(
        parameters=[
            {"name": "day", "type": "date", "template": "logical_date"},
            {"name": "limit", "type": "int", "value": 3},
        ]
    )

    result = run_notebook(spec, workspace=workspace, logical_date=LOGICAL_DATE, parameter_overrides={"limit": 7})

    assert result.status == "success", result.record["message"]
    assert any("no cell tagged 'parameters'" in w for w in result.record["warnings"])
    nb = read_output(result)
    assert nb.cells[0].metadata["tags"] == ["injected-parameters"]
    assert nb.cells[0].source == '# Parameters\nday = "2024-01-03"\nlimit = 7\n'
    assert nb.cells[1].outputs[0]["text"] == "2024-01-03 7\n"
    assert result.record["parameters"] == {"day": "2024-01-03", "limit": 7}
    assert len(saves) == 1 + len(nb.cells)  # with no throttle: after every cell, then the final save
