"""Our output notebooks read like papermill's; and any fsspec store works."""

from __future__ import annotations

import json

import fsspec
import nbformat
import papermill
import pytest
from operator_helpers import LOGICAL_DATE, code, make_spec, notebook, read_output, write_notebook

from nbschedule.operator import run_notebook

PARAMETERS = {
    "region": 'north "quoted"',
    "limit": 3,
    "ratio": 0.5,
    "verbose": True,
    "tags": ["a", "b"],
    "options": {"k": None},
}


def _report():
    return notebook(
        nbformat.v4.new_markdown_cell("# Report"),
        code("region = 'all'\nlimit = 0\nratio = 1.0\nverbose = False\ntags = []\noptions = {}", "parameters"),
        code("print(region, limit, ratio, verbose, tags, options)"),
    )


@pytest.mark.timeout(90)
def test_metadata_matches_a_papermill_run_of_the_same_notebook(workspace, tmp_path):
    source = write_notebook(workspace, _report())
    papermill_output = tmp_path / "papermill.ipynb"
    papermill.execute_notebook(
        str(source),
        str(papermill_output),
        parameters=PARAMETERS,
        kernel_name="python3",
        progress_bar=False,
        log_output=False,
    )
    spec = make_spec(parameters=[{"name": name, "type": "str", "value": value} for name, value in PARAMETERS.items()])

    result = run_notebook(spec, workspace=workspace, logical_date=LOGICAL_DATE)

    assert result.status == "success", result.record["message"]
    ours = papermill.iorw.load_notebook_node(result.output_uri)  # papermill's own reader accepts it
    theirs = nbformat.read(papermill_output, as_version=4)
    assert set(theirs.metadata.papermill) <= set(ours.metadata.papermill)
    assert ours.metadata.papermill["parameters"] == theirs.metadata.papermill["parameters"]
    assert len(ours.cells) == len(theirs.cells)
    for mine, reference in zip(ours.cells, theirs.cells):
        assert set(mine.metadata.get("papermill", {})) == set(reference.metadata.get("papermill", {}))
        assert mine.metadata.get("tags") == reference.metadata.get("tags")
        assert mine.source == reference.source  # including the injected parameters cell, literal for literal
        assert mine.metadata["papermill"]["status"] == reference.metadata["papermill"]["status"] == "completed"
    assert [o.get("text") for o in ours.cells[-1].outputs] == [o.get("text") for o in theirs.cells[-1].outputs]
    assert ours.metadata.papermill["duration"] > 0 and ours.metadata.papermill["exception"] is None


@pytest.mark.timeout(60)
def test_memory_store_and_lineage_post_failure_does_not_fail_the_run(workspace, monkeypatch):
    monkeypatch.setenv("NBSCHEDULE_OPENLINEAGE_URL", "http://127.0.0.1:9/unreachable")
    write_notebook(workspace, notebook(code("x = 6 * 7"), code("print(x)")))
    store = "memory://nbschedule-test-store"

    result = run_notebook(make_spec(), workspace=workspace, logical_date=LOGICAL_DATE, store=store, run_id="r-1")

    assert result.status == "success", result.record["message"]
    assert result.output_uri == "memory:///nbschedule-test-store/daily_report/r-1/attempt-1/output.ipynb"
    fs = fsspec.filesystem("memory")
    folder = "/nbschedule-test-store/daily_report/r-1/attempt-1"
    assert sorted(path.rsplit("/", 1)[1] for path in fs.ls(folder, detail=False)) == [
        "lineage.jsonl",
        "output.ipynb",
        "record.json",
    ]
    with fsspec.open(result.output_uri, "r") as file:
        assert nbformat.read(file, as_version=4).cells[-1].outputs[0]["text"] == "42\n"
    events = [json.loads(line) for line in fs.cat_file(f"{folder}/lineage.jsonl").decode().splitlines()]
    assert [e["eventType"] for e in events] == ["START", "COMPLETE"]
    assert json.loads(fs.cat_file(f"{folder}/record.json")) == json.loads(json.dumps(result.record))
    fs.rm("/nbschedule-test-store", recursive=True)


@pytest.mark.timeout(90)
def test_an_injected_cell_saved_at_the_end_is_replaced_where_it_stands(workspace):
    # Moving it after the parameters cell would make y = 6: the notebook would compute something else.
    write_notebook(
        workspace,
        notebook(
            code("x = 1", "parameters"), code("y = x * 2"), code("x = 0", "injected-parameters"), code("print(y, x)")
        ),
    )

    result = run_notebook(
        make_spec(parameters=[{"name": "x", "type": "int", "value": 3}]), workspace=workspace, logical_date=LOGICAL_DATE
    )

    assert result.status == "success", result.record["message"]
    nb = read_output(result)
    assert [c.source for c in nb.cells] == ["x = 1", "y = x * 2", "# Parameters\nx = 3\n", "print(y, x)"]
    assert nb.cells[-1].outputs[0]["text"] == "2 3\n"


@pytest.mark.timeout(90)
def test_no_parameters_inject_nothing_and_cells_read_as_papermill_writes_them(workspace):
    write_notebook(
        workspace, notebook(nbformat.v4.new_markdown_cell("# Title"), code("n = 1", "parameters"), code("print(n)"))
    )

    result = run_notebook(make_spec(), workspace=workspace, logical_date=LOGICAL_DATE)

    assert result.status == "success", result.record["message"]
    nb = read_output(result)
    assert [c.source for c in nb.cells] == ["# Title", "n = 1", "print(n)"]
    assert [c.execution_count for c in nb.cells if c.cell_type == "code"] == [1, 2]
    assert [c.metadata["tags"] for c in nb.cells] == [[], ["parameters"], []]
    assert [c.metadata["papermill"]["exception"] for c in nb.cells] == [False, False, False]
    assert nb.metadata.papermill["parameters"] == {} and nb.metadata.papermill["exception"] is None


@pytest.mark.timeout(90)
def test_marks_of_an_earlier_failed_run_are_replaced_by_this_runs(workspace):
    # An output notebook saved back as the source: its banners and failed tag point at the wrong cell now.
    earlier = notebook(code("x = 1"), code("assert x == 1", "nbschedule-failed"), code("raise KeyError('now')"))
    for index, html in ((2, "stale anchor"), (0, "stale banner")):
        banner = nbformat.v4.new_markdown_cell(html)
        banner.metadata["tags"] = ["papermill-error-cell-tag"]
        earlier.cells.insert(index, banner)
    write_notebook(workspace, earlier)  # banner, x = 1, anchor, assert (tagged failed), raise

    result = run_notebook(make_spec(), workspace=workspace, logical_date=LOGICAL_DATE)

    assert (result.status, result.record["exit_reason"]) == ("failed", "cell_error")
    nb = read_output(result)
    tags = [c.metadata["tags"] for c in nb.cells]
    assert tags == [["papermill-error-cell-tag"], [], [], ["papermill-error-cell-tag"], ["nbschedule-failed"]]
    assert "stale" not in "".join(c.source for c in nb.cells)
    assert result.record["failing_cell"]["index"] == 4 and nb.cells[4].source == "raise KeyError('now')"
    assert result.record["failing_cell"]["source_index"] == 4  # in the file as saved, banners included
    assert "In [3]" in nb.cells[0].source


@pytest.mark.timeout(90)
@pytest.mark.parametrize(
    "exit_code, status",
    [
        ("", "success"),
        ("0", "success"),
        ("None", "success"),
        ("1", "failed"),
        ("'stop'", "failed"),
        ("False", "failed"),
    ],
)
def test_system_exit_is_a_success_only_without_a_code_or_with_zero(workspace, exit_code, status):
    write_notebook(workspace, notebook(code("import sys"), code(f"sys.exit({exit_code})"), code("after = 1")))

    result = run_notebook(make_spec(), workspace=workspace, logical_date=LOGICAL_DATE)

    assert result.status == status, result.record["message"]
    nb = read_output(result)
    exiting = [c for c in nb.cells if c.source.startswith("sys.exit")][0]
    assert exiting.metadata.papermill["status"] == "failed"  # it raised, as papermill records it
    assert nb.cells[-1].metadata.papermill["status"] == "pending"
    assert nb.metadata.papermill["exception"] is True
    banners = [c for c in nb.cells if "papermill-error-cell-tag" in c.metadata["tags"]]
    assert len(banners) == (0 if status == "success" else 2)
    assert ("nbschedule-failed" in exiting.metadata["tags"]) is (status == "failed")
    if status == "success":
        assert result.record["exit_reason"] == "completed" and result.record["failing_cell"] is None
        assert "SystemExit(0)" in result.record["message"]


@pytest.mark.timeout(90)
def test_system_exit_zero_publishes_only_the_uploads_that_ran(workspace, tmp_path):
    import sqlite3

    shop = tmp_path / "shop.db"
    sqlite3.connect(shop).close()
    write_notebook(
        workspace,
        notebook(
            code("import pandas\nearly = pandas.DataFrame({'n': [1, 2]})\nlate = early"),
            code("%%upload early --conn shop --table early"),
            code("import sys\nsys.exit(0)  # nothing new today"),
            code("%%upload late --conn shop --table late"),
        ),
    )
    spec = make_spec(outputs=[{"connection": "shop", "table": "early"}, {"connection": "shop", "table": "late"}])

    result = run_notebook(
        spec, workspace=workspace, logical_date=LOGICAL_DATE, connections={"shop": f"sqlite:///{shop}"}
    )

    assert (result.status, result.record["exit_reason"]) == ("success", "completed"), result.record["message"]
    assert [(p["table"], p["rows"]) for p in result.record["published_outputs"]] == [("early", 2)]
    assert result.record["warnings"] == [
        "The upload of cell 3 did not run before SystemExit(0); nothing was published for it."
    ]
    with sqlite3.connect(shop) as db:
        assert [name for (name,) in db.execute("select name from sqlite_master where type = 'table'")] == ["early"]
    db.close()
