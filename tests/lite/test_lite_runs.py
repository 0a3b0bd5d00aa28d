"""Lite runs through the REST API: the server prepares and marks, the kernel module runs the cells.

The browser's part is played by nbschedule_lite.run_cell itself (the module the worker
runs in Pyodide), under CPython; Galata (ui-tests/tests/lite.spec.ts) runs it in Pyodide.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import nbformat
import pytest
from jupyter_api import fetch

from nbschedule.lite.config import lite_settings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "nbschedule" / "lite" / "kernel"))
import nbschedule_lite  # noqa: E402  (the worker's module, loaded as the worker loads it)

SPEC = {
    "version": 1,
    "name": "daily_lite",
    "notebook": "reports/lite.ipynb",
    "cron": "0 6 * * *",
    "timezone": "UTC",
    "start_date": "2024-01-01",
    "zone": "analytics",
    "owner": "ada@example.com",
    "parameters": [
        {"name": "day", "type": "str", "template": "logical_date"},
        {"name": "limit", "type": "int", "value": 3},
    ],
}


def write_notebook(root: Path, *sources: str, name: str = "lite.ipynb") -> None:
    cells = [nbformat.v4.new_code_cell("day = '2024-01-01'\nlimit = 1")]
    cells[0].metadata["tags"] = ["parameters"]
    cells += [
        nbformat.v4.new_markdown_cell(s[3:]) if s.startswith("md:") else nbformat.v4.new_code_cell(s) for s in sources
    ]
    (root / "reports").mkdir(exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells), root / "reports" / name)


def browser_run(work: dict, folder: Path) -> dict:
    """What the worker does with a prepared run, in CPython: its in-memory folder is `folder`."""
    for name, text in work["staged"].items():
        (folder / name).write_text(text, encoding="utf-8")
    nbschedule_lite.reset()
    reports, count = [], 0
    for cell in work["notebook"]["cells"]:
        start = datetime.now(timezone.utc).isoformat()
        report = {"outputs": [], "execution_count": None, "start_time": start, "end_time": start}
        reports.append(report)
        if cell["cell_type"] != "code" or not cell["source"].strip():
            continue
        count += 1
        result = nbschedule_lite.run_cell(cell["source"].replace(work["staging_folder"], str(folder)), count)
        report.update(outputs=result["outputs"], execution_count=count)
        if result["status"] != "ok":
            return {
                "cells": reports,
                "exit_reason": "completed" if result["status"] == "exit" else "cell_error",
                "exited": result["status"] == "exit",
            }
    return {"cells": reports, "exit_reason": "completed", "exited": False}


async def lite_run(jp_fetch, jp_root_dir, tmp_path) -> tuple[dict, dict]:
    """(prepared, finished) of one lite run of SPEC."""
    status, prepared = await fetch(jp_fetch, "lite", "runs", method="POST", body={"spec": SPEC})
    assert status == 201, prepared
    status, finished = await fetch(
        jp_fetch, "lite", "runs", prepared["id"], method="POST", body=browser_run(prepared["run"], tmp_path)
    )
    assert status == 200, finished
    return prepared, finished


async def test_a_lite_run_with_sql_and_parameters_records_like_a_server_test_run(jp_fetch, jp_root_dir, tmp_path):
    write_notebook(
        jp_root_dir,
        "md:# Orders",
        "%%sql orders\nSELECT * FROM orders WHERE order_date <= :day",
        "import statistics\nprint(day, limit, len(orders), list(orders))",
        "print(round(statistics.mean(orders['amount']), 2))",
    )
    status, check = await fetch(jp_fetch, "lite", "check", method="POST", body={"notebook": SPEC["notebook"]})
    assert status == 200 and check["lite"] and check["problems"] == [] and not check["full"]
    assert check["pyodide_url"].endswith("/nbschedule/lite/pyodide/")

    prepared, finished = await lite_run(jp_fetch, jp_root_dir, tmp_path)
    work = prepared["run"]
    # The browser gets the staged rows as CSV and nothing naming a connection.
    assert "sqlite" not in json.dumps(prepared) and "warehouse.db" not in json.dumps(prepared)
    [(name, csv)] = work["staged"].items()
    assert csv.startswith(",order_id,customer_id,amount,order_date\n")
    injected = work["notebook"]["cells"][1]
    assert injected["metadata"]["tags"] == ["injected-parameters"] and "limit = 3" in injected["source"]

    assert finished["status"] == "success" and finished["lite"] and "run" not in finished
    record = finished["record"]
    assert record["lite"] and record["trigger"] == "test" and record["exit_reason"] == "completed"
    assert record["parameters"] == {"day": record["logical_date"][:10], "limit": 3}
    assert record["staged_inputs"][0]["rows"] == 42  # every order of the demo warehouse
    output = nbformat.read(jp_root_dir / finished["output_path"], as_version=4)
    assert output.metadata.papermill["parameters"] == record["parameters"]
    assert [c.metadata.papermill["status"] for c in output.cells] == ["completed"] * 6
    assert (
        output.cells[4].outputs[0]["text"] == f"{record['parameters']['day']} 3 42 "
        "['order_id', 'customer_id', 'amount', 'order_date']\n"
    )
    assert float(output.cells[5].outputs[0]["text"]) > 0
    assert not any("papermill-error-cell-tag" in c.metadata.get("tags", []) for c in output.cells)


async def test_a_failing_lite_run_is_marked_as_a_server_run_is(jp_fetch, jp_root_dir, tmp_path):
    write_notebook(jp_root_dir, "x = 1", "print('before')\nraise ValueError('no data for ' + day)", "print('never')")
    _, finished = await lite_run(jp_fetch, jp_root_dir, tmp_path)
    record = finished["record"]
    assert finished["status"] == "failed" and record["exit_reason"] == "cell_error"
    # Below papermill's two banners: the parameters cell, the injected one, x = 1, then the failing cell.
    assert record["failing_cell"] == {"index": 5, "source_index": 2, "id": record["failing_cell"]["id"]}
    assert record["error"]["ename"] == "ValueError" and record["error"]["evalue"].startswith("no data for ")
    assert record["message"].startswith("Output notebook cell 5 (cell 2 of the source notebook) raised ValueError")
    output = nbformat.read(jp_root_dir / finished["output_path"], as_version=4)
    assert [c.metadata.get("tags") for c in output.cells[:1]] == [["papermill-error-cell-tag"]]
    assert output.cells[4].metadata["tags"] == ["papermill-error-cell-tag"]
    failing = output.cells[5]
    assert "nbschedule-failed" in failing.metadata["tags"] and failing.metadata.papermill["status"] == "failed"
    assert [o["output_type"] for o in failing.outputs] == ["stream", "error"]
    assert f"In [{failing.execution_count}]" in output.cells[0].source and failing.execution_count == 4
    assert output.cells[6].metadata.papermill["status"] == "pending"
    assert output.metadata.papermill["exception"] is True


async def test_a_notebook_the_distribution_cannot_run_is_not_lite_and_says_why(jp_fetch, jp_root_dir):
    write_notebook(
        jp_root_dir,
        "import json\nimport numpy as np",
        "from pyodide.http import pyfetch",
        "%%upload orders --table daily_orders",
        "!ls",
    )
    status, check = await fetch(jp_fetch, "lite", "check", method="POST", body={"notebook": SPEC["notebook"]})
    assert status == 200 and not check["lite"]
    assert [(p["cell"], p["reason"].split(",")[0]) for p in check["problems"]] == [
        (1, "imports numpy"),
        (2, "imports pyodide"),
        (3, "uploads to warehouse:daily_orders; a lite run only reads"),
        (4, "uses '!ls'"),
    ]
    assert "full Pyodide distribution" in check["problems"][0]["reason"]
    status, refused = await fetch(jp_fetch, "lite", "runs", method="POST", body={"spec": SPEC})
    assert status == 409 and refused["field"] == "/notebook" and len(refused["problems"]) == 4
    assert not (jp_root_dir / "nbschedule-runs" / SPEC["name"]).exists() or not any(
        (jp_root_dir / "nbschedule-runs" / SPEC["name"]).iterdir()
    )


@pytest.mark.parametrize(
    "report, field",
    [
        ({"cells": "all", "exit_reason": "completed"}, "cells"),
        ({"cells": [], "exit_reason": "finished"}, "exit_reason"),
        ({"cells": [], "exit_reason": "completed"}, "cells"),
        (
            {
                "cells": [
                    {
                        "outputs": [{"output_type": "stream"}],
                        "start_time": "2024-01-01T00:00:00Z",
                        "end_time": "2024-01-01T00:00:01Z",
                    }
                ],
                "exit_reason": "cell_error",
            },
            "cells/0/outputs",
        ),
        (
            {
                "cells": [{"outputs": [], "start_time": "yesterday", "end_time": "2024-01-01T00:00:01Z"}],
                "exit_reason": "cell_error",
            },
            "cells/0/start_time",
        ),
        (
            {
                "cells": [{"outputs": [], "start_time": "2024-01-01T00:00:00Z", "end_time": "2024-01-01T00:00:01Z"}],
                "exit_reason": "cell_error",
            },
            "cells",
        ),
    ],
)
async def test_a_bad_report_is_refused_naming_its_field_and_the_run_stays_open(jp_fetch, jp_root_dir, report, field):
    write_notebook(jp_root_dir, "x = 1")
    status, prepared = await fetch(jp_fetch, "lite", "runs", method="POST", body={"spec": SPEC})
    assert status == 201
    status, error = await fetch(jp_fetch, "lite", "runs", prepared["id"], method="POST", body=report)
    assert status == 400 and error["field"] == field, error
    status, again = await fetch(jp_fetch, "lite", "runs", prepared["id"])
    assert status == 200 and again["status"] == "running" and "run" in again
    response = await jp_fetch("nbschedule", "lite", "runs", prepared["id"], method="DELETE")
    assert response.code == 204 and not (jp_root_dir / "nbschedule-runs" / SPEC["name"] / prepared["id"]).exists()


async def test_staged_inputs_over_the_limit_are_not_lite_and_leave_no_attempt(jp_fetch, jp_root_dir, jp_serverapp):
    lite_settings(jp_serverapp.web_app.settings).max_staged_bytes = 100
    write_notebook(jp_root_dir, "%%sql orders\nSELECT * FROM orders WHERE order_date <= :day")
    status, refused = await fetch(jp_fetch, "lite", "runs", method="POST", body={"spec": SPEC})
    assert status == 409 and "over the lite limit of 100" in refused["message"], refused
    assert not any((jp_root_dir / "nbschedule-runs" / SPEC["name"]).iterdir())


async def test_the_server_serves_the_pyodide_core_and_the_kernel_module(jp_fetch):
    wasm = await jp_fetch("nbschedule", "lite", "pyodide", "pyodide.asm.wasm")
    assert wasm.headers["Content-Type"] == "application/wasm" and wasm.body[:4] == b"\0asm"
    kernel = await jp_fetch("nbschedule", "lite", "kernel", "nbschedule_lite.py")
    assert b"def run_cell(" in kernel.body
