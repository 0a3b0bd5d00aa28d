"""Our output notebooks read like papermill's; and any fsspec store works."""

from __future__ import annotations

import json

import fsspec
import nbformat
import papermill
import pytest

from nbschedule.operator import run_notebook
from operator_helpers import LOGICAL_DATE, code, make_spec, notebook, write_notebook

PARAMETERS = {"region": "north \"quoted\"", "limit": 3, "ratio": 0.5, "verbose": True, "tags": ["a", "b"],
              "options": {"k": None}}


def _report():
    return notebook(nbformat.v4.new_markdown_cell("# Report"),
                    code("region = 'all'\nlimit = 0\nratio = 1.0\nverbose = False\ntags = []\noptions = {}", "parameters"),
                    code("print(region, limit, ratio, verbose, tags, options)"))


@pytest.mark.timeout(90)
def test_metadata_matches_a_papermill_run_of_the_same_notebook(workspace, tmp_path):
    source = write_notebook(workspace, _report())
    papermill_output = tmp_path / "papermill.ipynb"
    papermill.execute_notebook(str(source), str(papermill_output), parameters=PARAMETERS, kernel_name="python3",
                               progress_bar=False, log_output=False)
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
        "lineage.jsonl", "output.ipynb", "record.json"]
    with fsspec.open(result.output_uri, "r") as file:
        assert nbformat.read(file, as_version=4).cells[-1].outputs[0]["text"] == "42\n"
    events = [json.loads(line) for line in fs.cat_file(f"{folder}/lineage.jsonl").decode().splitlines()]
    assert [e["eventType"] for e in events] == ["START", "COMPLETE"]
    assert json.loads(fs.cat_file(f"{folder}/record.json")) == json.loads(json.dumps(result.record))
    fs.rm("/nbschedule-test-store", recursive=True)
