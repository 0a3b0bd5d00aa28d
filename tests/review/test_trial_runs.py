"""Test runs through the REST API with a real kernel in a worker process."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import nbformat
import psutil
import pytest
from tornado.httpclient import HTTPClientError

SPEC = {
    "version": 1,
    "name": "daily_report",
    "notebook": "reports/report.ipynb",
    "cron": "0 6 * * *",
    "timezone": "UTC",
    "start_date": "2024-01-01",
    "zone": "analytics",
    "owner": "ada@example.com",
}


def write_notebook(root: Path, *sources: str) -> None:
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source) for source in sources],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    (root / "reports").mkdir(exist_ok=True)
    nbformat.write(nb, root / SPEC["notebook"])


async def start(jp_fetch, spec=SPEC) -> dict:
    response = await jp_fetch("nbschedule", "test-runs", method="POST", body=json.dumps({"spec": spec}))
    assert response.code == 202
    return json.loads(response.body)


async def follow(jp_fetch, run_id: str, timeout: float = 120) -> list[dict]:
    """Every state seen while polling, until the run has finished."""
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen.append(json.loads((await jp_fetch("nbschedule", "test-runs", run_id)).body))
        if seen[-1]["status"] in ("success", "failed", "refused"):
            return seen
        await asyncio.sleep(0.2)
    raise AssertionError(f"test run still {seen[-1]['status']} after {timeout}s")


def workers() -> list[psutil.Process]:
    """Test-run workers and kernels under this process (multiprocessing's resource tracker aside)."""
    return [
        p
        for p in psutil.Process().children(recursive=True)
        if any(part in " ".join(p.cmdline()) for part in ("multiprocessing.spawn", "ipykernel"))
    ]


async def test_a_test_run_reports_progress_and_its_output_notebook(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir, "import time", "time.sleep(0.5)", "answer = 42", "print(answer)")
    started = await start(jp_fetch)
    assert started["status"] == "queued" and started["id"].startswith("test__")
    seen = await follow(jp_fetch, started["id"])
    final = seen[-1]
    assert final["status"] == "success"
    # No parameters: as in papermill, no injected cell, so the output has the source's cells.
    assert final["cells_total"] == 4 and final["cells_done"] == 4 and final["current_cell"] is None
    done = [state["cells_done"] for state in seen]
    assert done == sorted(done)  # progress only moves forward
    assert final["record"]["trigger"] == "test" and final["record"]["exit_reason"] == "completed"
    assert final["output_path"] == f"nbschedule-runs/daily_report/{started['id']}/attempt-1/output.ipynb"
    output = nbformat.read(jp_root_dir / final["output_path"], as_version=4)
    assert output.cells[3].outputs[0]["text"] == "42\n"


async def test_a_failing_test_run_names_the_cell_and_the_error(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir, "x = 1", "raise ValueError('no data for today')", "print('never')")
    final = (await follow(jp_fetch, (await start(jp_fetch))["id"]))[-1]
    assert final["status"] == "failed"
    assert final["cells_done"] == 1 and final["cells_total"] == 3
    record = final["record"]
    assert record["exit_reason"] == "cell_error"
    # index: in the output notebook, below papermill's two error banner cells
    assert record["failing_cell"] == {"index": 3, "source_index": 1, "id": record["failing_cell"]["id"]}
    assert record["error"]["ename"] == "ValueError" and record["error"]["evalue"] == "no data for today"
    assert final["message"] == record["message"]
    assert (jp_root_dir / final["output_path"]).is_file()


async def test_a_missing_notebook_is_refused_before_a_worker_starts(jp_fetch, jp_root_dir):
    with pytest.raises(HTTPClientError) as error:
        await start(jp_fetch)
    body = json.loads(error.value.response.body)
    assert (error.value.code, body["field"]) == (400, "/notebook") and "There is no notebook" in body["message"]
    assert not workers() and [p.name for p in (jp_root_dir / "nbschedule-runs").rglob("*")] == [".gitignore"]


@pytest.mark.parametrize(
    "change, fields",
    [
        ({"owner": None, "cron": 5}, ["/owner", "/cron"]),
        ({"cron": "61 * * * *"}, ["/cron"]),
        ({"timezone": "Mars/Olympus"}, ["/timezone"]),
        ({"notebook": "../elsewhere.ipynb"}, ["/notebook"]),
        ({"parameters": [{"name": "class", "type": "int", "value": 1}]}, ["/parameters/0/name"]),
    ],
)
async def test_an_invalid_spec_is_refused_with_every_field_path(jp_fetch, jp_root_dir, change, fields):
    write_notebook(jp_root_dir, "print('never run')")
    spec = {key: value for key, value in {**SPEC, **change}.items() if value is not None}
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch("nbschedule", "test-runs", method="POST", body=json.dumps({"spec": spec}))
    body = json.loads(error.value.response.body)
    assert error.value.code == 400
    assert [problem["path"] for problem in body["errors"]] == fields
    assert body["field"] == fields[0]
    assert body["message"].startswith("The schedule spec is not valid: ")


@pytest.mark.parametrize("notebook", ["linked/report.ipynb", "reports/.git/report.ipynb"])
async def test_a_notebook_the_schema_allows_but_outside_the_root_or_in_git_is_refused(
    jp_fetch, jp_root_dir, tmp_path_factory, notebook
):
    # A link out of the root passes the schema's pattern; only resolving it shows where it leads.
    outside = tmp_path_factory.mktemp("outside")
    write_notebook(outside, "print('outside')")
    (jp_root_dir / "linked").symlink_to(outside / "reports")
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch(
            "nbschedule", "test-runs", method="POST", body=json.dumps({"spec": {**SPEC, "notebook": notebook}})
        )
    body = json.loads(error.value.response.body)
    assert (error.value.code, [problem["path"] for problem in body["errors"]]) == (400, ["/notebook"])


async def test_a_request_without_a_spec_is_refused(jp_fetch):
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch("nbschedule", "test-runs", method="POST", body=json.dumps({"notebook": "x.ipynb"}))
    assert error.value.code == 400 and json.loads(error.value.response.body)["field"] == "spec"


async def test_cancel_stops_the_worker_and_its_kernel_and_leaves_no_half_run(jp_fetch, jp_root_dir):
    write_notebook(jp_root_dir, "import time", "time.sleep(120)")
    run_id = (await start(jp_fetch))["id"]
    deadline = time.monotonic() + 60
    while (state := json.loads((await jp_fetch("nbschedule", "test-runs", run_id)).body))["current_cell"] != 1:
        assert time.monotonic() < deadline, state
        await asyncio.sleep(0.2)
    assert any("ipykernel" in " ".join(p.cmdline()) for p in workers()), "the kernel runs under the worker"
    with pytest.raises(HTTPClientError) as error:
        await start(jp_fetch)
    assert error.value.code == 409
    response = await jp_fetch("nbschedule", "test-runs", run_id, method="DELETE")
    assert response.code == 204
    assert workers() == [], [p.cmdline() for p in workers()]
    assert not (jp_root_dir / "nbschedule-runs" / "daily_report" / run_id).exists()
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch("nbschedule", "test-runs", run_id)
    assert error.value.code == 404
