"""papermill's own test notebooks, run by papermill and by ``nbschedule run``, compared.

Both run as a user runs them: papermill's CLI with ``-y`` parameters, and ``nbschedule
run`` on a spec file declaring the same values, side by side on the same interpreter.
The output notebooks must agree cell for cell: type, source, tags, execution count,
``metadata.papermill`` (keys, status, exception) and outputs (timing and ids aside).

What nbschedule adds or words differently is taken out before comparing, and each such
difference is listed in the README ("Differences from papermill"):
- the failing cell's ``nbschedule-failed`` tag;
- the anchor banner names nbschedule, not papermill, as what stopped the run;
- ``metadata.papermill``: papermill updates what an earlier run left in the input
  (broken1.ipynb carries an old ``metrics``, ``version`` and ``parameters``, which stay
  when no parameters are given); nbschedule writes a complete record of this run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import papermill
import pytest
from operator_helpers import make_spec

NOTEBOOKS = Path(papermill.__file__).parent / "tests" / "notebooks"
BIN = Path(sys.executable).parent

# (papermill test notebook, parameters): 16 notebooks, at least one of each way a run ends.
CASES = [
    ("simple_execute.ipynb", {"msg": 'h\u00e9llo \u20ac \U0001f600 "quoted" \\ back\nslash'}),
    ("complex_parameters.ipynb", {"msg": "hi", "a": 3.5, "b": ["x", "y"], "c": {"k": [1, None, True]}}),
    ("nb_version_4.4.ipynb", {"var": 7}),
    ("no_parameters.ipynb", {"msg": "on top"}),
    ("report_mode_test.ipynb", {"a": 2, "b": 40}),
    ("result_no_exec.ipynb", {"foo": 2, "bar": "world"}),
    ("read_check.ipynb", {}),
    ("test_notebooknode_io.ipynb", {}),
    ("broken.ipynb", {}),
    ("broken1.ipynb", {}),
    ("broken1.ipynb", {"x": 1}),
    ("broken2.ipynb", {}),
    ("line_magic_error.ipynb", {}),
    ("test_logging.ipynb", {}),
    ("sysexit.ipynb", {}),
    ("sysexit0.ipynb", {}),
    ("sysexit1.ipynb", {}),
]
SPEC_TYPES = {bool: "bool", int: "int", float: "float", str: "str", list: "list", dict: "dict"}


def _run_papermill(source: Path, output: Path, parameters: dict, workspace: Path) -> int:
    # A file rather than -y: YAML would read JSON's surrogate-pair escapes as lone surrogates.
    parameter_file = output.with_suffix(".yaml")
    parameter_file.write_text(json.dumps(parameters, ensure_ascii=False), encoding="utf-8")
    return subprocess.run(
        [
            str(BIN / "papermill"),
            str(source),
            str(output),
            "-f",
            str(parameter_file),
            "--cwd",
            str(workspace),
            "--no-progress-bar",
            "--kernel",
            "python3",
        ],
        capture_output=True,
        timeout=180,
    ).returncode


def _run_nbschedule(spec_file: Path, workspace: Path) -> tuple[int, dict[str, str]]:
    done = subprocess.run(
        [str(BIN / "nbschedule"), "run", str(spec_file), "--workspace", str(workspace), "--logical-date", "2024-01-03"],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, dict(line.split(": ", 1) for line in done.stdout.splitlines())


def _comparable_output(output: dict) -> dict:
    return {key: value for key, value in output.items() if key != "metadata" or value}


def _comparable_cell(cell) -> dict:
    metadata = cell.metadata
    tags = [tag for tag in metadata.get("tags", []) if tag != "nbschedule-failed"]
    marks = metadata.get("papermill")
    return {
        "cell_type": cell.cell_type,
        "source": cell.source.replace(
            "Execution using nbschedule encountered", "Execution using papermill encountered"
        ),
        "tags": tags if "tags" in metadata else None,
        "execution_count": cell.get("execution_count"),
        "papermill": None
        if marks is None
        else {"keys": sorted(marks), "status": marks["status"], "exception": marks["exception"]},
        "outputs": [_comparable_output(o) for o in cell.get("outputs", [])],
    }


@pytest.mark.timeout(240)
@pytest.mark.parametrize("name, parameters", CASES, ids=[f"{n}-{sorted(p)}" for n, p in CASES])
def test_nbschedule_output_matches_papermill(tmp_path, name, parameters):
    workspace = tmp_path / "ws"
    workspace.mkdir()
    source = workspace / name
    source.write_bytes((NOTEBOOKS / name).read_bytes())
    (workspace / "check.txt").write_text("read_check.ipynb looks for this file in its working folder\n")
    spec = make_spec(
        name="compat",
        notebook=name,
        parameters=[
            {"name": key, "type": SPEC_TYPES[type(value)], "value": value} for key, value in parameters.items()
        ],
    )
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps(spec))
    reference = tmp_path / "papermill.ipynb"

    with ThreadPoolExecutor(2) as pool:
        papermill_run = pool.submit(_run_papermill, source, reference, parameters, workspace)
        nbschedule_run = pool.submit(_run_nbschedule, spec_file, workspace)
        papermill_code, (our_code, printed) = papermill_run.result(), nbschedule_run.result()

    assert our_code == papermill_code, printed
    theirs = nbformat.read(reference, as_version=4)
    ours = nbformat.read(printed["output"], as_version=4)
    nbformat.validate(ours)
    their_marks, our_marks = theirs.metadata.papermill, ours.metadata.papermill
    earlier = nbformat.read(source, as_version=4).metadata.get("papermill")
    if earlier is None:
        assert set(their_marks) == set(our_marks)
    else:  # papermill updates the input's record of an earlier run; nbschedule writes its own
        assert set(their_marks) - set(earlier) <= set(our_marks)
    compared = ["exception", "default_parameters"] + (["parameters"] if parameters or earlier is None else [])
    for key in compared:
        assert our_marks[key] == their_marks.get(key, our_marks[key]), key
    assert len(ours.cells) == len(theirs.cells), [c.source[:40] for c in ours.cells]
    for index, (mine, reference_cell) in enumerate(zip(ours.cells, theirs.cells)):
        assert _comparable_cell(mine) == _comparable_cell(reference_cell), f"cell {index}"
