"""A failed run keeps its staged inputs; its debug copy replays them with the run's parameters."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import nbformat
import pandas
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from runs_helpers import code, failing_notebook, make_spec

from nbschedule.operator import run_notebook
from nbschedule.runs import write_debug_copy

LOGICAL_DATE = datetime(2024, 1, 3, 6, 0, tzinfo=timezone.utc)


@pytest.fixture
def failed_run(tmp_path, shop):
    workspace = tmp_path / "ws"
    (workspace / "reports").mkdir(parents=True)
    nbformat.write(failing_notebook(), workspace / "reports" / "report.ipynb")
    result = run_notebook(
        make_spec(notebook="reports/report.ipynb"),
        workspace=workspace,
        logical_date=LOGICAL_DATE,
        connections={"shop": f"sqlite:///{shop}"},
    )
    assert result.status == "failed", result.record["message"]
    return workspace, result


def execute_until_failure(path: Path, workspace: Path) -> tuple[nbformat.NotebookNode, int | None]:
    """Runs the notebook on a real kernel in its folder; returns it and the failing cell's index."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=60, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute(cwd=str(workspace))
    except CellExecutionError:
        failed = [
            i for i, cell in enumerate(nb.cells) if any(o.output_type == "error" for o in cell.get("outputs", []))
        ]
        return nb, failed[0]
    return nb, None


@pytest.mark.timeout(120)
def test_a_failed_attempt_keeps_its_staged_inputs_in_the_attempt_folder(failed_run, run_tmp):
    _, result = failed_run
    attempt = Path(result.output_uri).parent
    [staged] = result.record["staged_inputs"]
    assert Path(staged["kept"]).parent == attempt / "inputs"
    kept = Path(staged["kept"])
    frame = pandas.read_parquet(kept) if kept.suffix == ".parquet" else pandas.read_csv(kept, index_col=0)
    assert sorted(frame["amount"]) == [2.5, 10.0]
    assert not any(run_tmp.glob("nbschedule-run-*")), "the staging folder itself is still removed"


@pytest.mark.timeout(120)
def test_a_successful_attempt_keeps_nothing(tmp_path, shop):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    nbformat.write(failing_notebook(), workspace / "report.ipynb")
    spec = make_spec(
        parameters=[
            {"name": "day", "type": "date", "template": "logical_date"},
            {"name": "threshold", "type": "float", "value": 1.0},
        ]
    )
    result = run_notebook(
        spec, workspace=workspace, logical_date=LOGICAL_DATE, connections={"shop": f"sqlite:///{shop}"}
    )
    assert result.status == "success", result.record["message"]
    assert not (Path(result.output_uri).parent / "inputs").exists()
    assert "kept" not in result.record["staged_inputs"][0]


@pytest.mark.timeout(180)
def test_the_debug_copy_replays_the_run_on_a_live_kernel(failed_run, shop):
    workspace, result = failed_run
    shop.unlink()  # the debug copy must not need the warehouse: it reads the kept input

    copy = write_debug_copy(workspace, result.record)

    path = workspace / copy.path
    assert copy.created and copy.path == f"reports/report.debug-{result.run_id}.ipynb" and copy.warnings == []
    nb = nbformat.read(path, as_version=4)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    assert nb.metadata["nbschedule_debug"]["run_id"] == result.run_id
    assert "not published from a debug copy" in nb.cells[-1].source
    executed, failed_at = execute_until_failure(path, workspace)
    # The output notebook has papermill's two banner cells above the failing cell; the copy has none.
    assert failed_at == copy.failing_cell["index"] == result.record["failing_cell"]["index"] - 2
    assert "total 12.5 is too small" in executed.cells[failed_at].outputs[-1]["evalue"]
    injected = executed.cells[2]
    assert injected.metadata["tags"] == ["injected-parameters"]
    assert 'day = "2024-01-03"' in injected.source and "threshold = 100.0" in injected.source


@pytest.mark.timeout(120)
def test_without_kept_inputs_the_sql_cell_queries_live_with_a_warning(failed_run):
    workspace, result = failed_run
    shutil.rmtree(Path(result.output_uri).parent / "inputs")

    copy = write_debug_copy(workspace, result.record)

    nb = nbformat.read(workspace / copy.path, as_version=4)
    sql = nb.cells[3].source
    assert sql.startswith("%%sql sales --conn shop\n-- nbschedule debug:") and "queries the warehouse live" in sql
    assert copy.warnings == [f"Cell 2 queries the warehouse live: run {result.run_id} kept no staged input for it."]


@pytest.mark.timeout(120)
def test_an_existing_debug_copy_is_never_overwritten(failed_run):
    workspace, result = failed_run
    first = write_debug_copy(workspace, result.record)
    (workspace / first.path).write_text((workspace / first.path).read_text().replace("threshold", "limit"))

    again = write_debug_copy(workspace, result.record)

    assert not again.created and again.path == first.path
    assert "limit = 100.0" in (workspace / again.path).read_text()


@pytest.mark.timeout(120)
def test_the_failing_cell_is_found_by_position_when_ids_differ(failed_run):
    # A source notebook without cell ids gets fresh ones on every read.
    workspace, result = failed_run
    record = {**result.record, "failing_cell": {**result.record["failing_cell"], "id": "another-id"}}

    copy = write_debug_copy(workspace, record)

    nb = nbformat.read(workspace / copy.path, as_version=4)
    assert nb.cells[copy.failing_cell["index"]].source.startswith("total = float")


@pytest.mark.timeout(120)
@pytest.mark.parametrize("inject", [True, False])
def test_the_failing_cell_is_found_where_injection_shifts_nothing(tmp_path, inject):
    # A source saved with an injected cell gets it replaced in place; no values inject nothing.
    workspace = tmp_path / "ws"
    workspace.mkdir()
    source = failing_notebook()
    source.cells[2:] = [
        code("x = 0"),
        code("threshold = 1", "injected-parameters"),
        code("assert threshold > 1000, 'too small'"),
    ]
    nbformat.write(source, workspace / "report.ipynb")
    spec = make_spec(inputs=[], outputs=[], **({} if inject else {"parameters": []}))
    result = run_notebook(spec, workspace=workspace, logical_date=LOGICAL_DATE)
    assert result.status == "failed" and result.record["failing_cell"]["source_index"] == 4

    copy = write_debug_copy(workspace, result.record)

    nb = nbformat.read(workspace / copy.path, as_version=4)
    assert copy.failing_cell["index"] == 4
    assert nb.cells[4].source == "assert threshold > 1000, 'too small'"
    assert nb.cells[3].metadata["tags"] == ["injected-parameters"]
    assert ("threshold = 100.0" in nb.cells[3].source) is inject
    again = write_debug_copy(workspace, result.record)  # the existing copy: the same answer
    assert again.failing_cell == copy.failing_cell
