"""Paths outside the root and bad crons or parameter names wherever they enter outside the
REST API: the CLI (one line on stderr, exit 2, no run recorded) and debug copies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from input_helpers import SPEC

from nbschedule.runs import write_debug_copy
from nbschedule.spec.paths import PathRefused

REPO = Path(__file__).resolve().parents[2]


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    return subprocess.run(
        [sys.executable, "-m", "nbschedule.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def workspace(tmp_path) -> Path:
    folder = tmp_path / "workspace"
    folder.mkdir()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('ran')")])
    (tmp_path / "outside").mkdir()
    nbformat.write(nb, tmp_path / "outside" / "x.ipynb")
    nbformat.write(nb, folder / "daily.ipynb")
    return folder


@pytest.mark.parametrize(
    "change, args, words",
    [
        ({"notebook": "../outside/x.ipynb"}, [], "/notebook"),
        ({"notebook": ".GIT/hooks/x.ipynb"}, [], ".git folder"),
        ({"cron": "\uff11 * * * *"}, [], "fullwidth digit one"),
        ({"cron": "0 0 31 2 *"}, [], "never fires"),
        ({"parameters": [{"name": "class", "type": "int"}]}, [], "Python keyword"),
        ({}, ["-p", "class=1"], "Python keyword"),
        ({}, ["-p", "x\u00b2=1"], "not a Python identifier"),
        ({}, ["--logical-date", "0001-01-01T00:00:00+23:59"], "--logical-date"),
    ],
)
def test_the_cli_refuses_in_one_line_and_records_nothing(workspace, tmp_path, change, args, words):
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps({**SPEC, "parameters": [], **change}))
    done = cli("run", str(spec_file), "--workspace", str(workspace), *args, cwd=tmp_path)
    assert done.returncode == 2, done.stdout
    assert done.stderr.startswith("nbschedule: error: ") and len(done.stderr.strip().splitlines()) == 1
    assert words in done.stderr
    assert not (workspace / "nbschedule-runs").exists()


@pytest.mark.parametrize("notebook", ["../outside/x.ipynb", ".GIT/x.ipynb", "/etc/x.ipynb", "a\x00.ipynb"])
def test_a_debug_copy_is_never_written_outside_the_root(workspace, notebook):
    before = sorted(str(p) for p in workspace.parent.rglob("*"))
    with pytest.raises(PathRefused):
        write_debug_copy(workspace, {"notebook": notebook, "run_id": "manual__1", "parameters": {}})
    assert sorted(str(p) for p in workspace.parent.rglob("*")) == before


def test_a_symlink_out_of_the_root_is_refused_too(workspace):
    (workspace / "linked").symlink_to(workspace.parent / "outside")
    with pytest.raises(PathRefused, match="outside the Jupyter root"):
        write_debug_copy(workspace, {"notebook": "linked/x.ipynb", "run_id": "manual__1", "parameters": {}})
    assert not list((workspace.parent / "outside").glob("*.debug-*"))
