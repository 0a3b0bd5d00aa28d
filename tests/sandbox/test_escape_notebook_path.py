"""The notebook path names a regular file in the workspace, or the run fails at once.

A FIFO would block the operator's open() before any timeout applies; a link could lead
to a device or to a file outside the workspace.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from operator_helpers import LOGICAL_DATE, REPO, code, make_spec, notebook, write_notebook

from nbschedule.operator import run_notebook


def _plant(workspace, kind, tmp_path):
    path = workspace / "report.ipynb"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device_link":
        path.symlink_to("/dev/zero")
    elif kind == "link_out_of_the_workspace":
        outside = write_notebook(tmp_path, notebook(code("print('outside')")), "outside.ipynb")
        path.symlink_to(outside)
    elif kind == "folder":
        path.mkdir()


KINDS = {
    "fifo": "is not a regular file",
    "device_link": "is not a regular file",
    "link_out_of_the_workspace": "leads out of the workspace",
    "folder": "is not a regular file",
}


@pytest.mark.timeout(30)
@pytest.mark.parametrize("kind", list(KINDS))
def test_the_operator_refuses_what_is_not_a_notebook_file(workspace, tmp_path, kind):
    _plant(workspace, kind, tmp_path)

    result = run_notebook(make_spec(timeout_seconds=30), workspace=workspace, logical_date=LOGICAL_DATE)

    assert (result.status, result.record["exit_reason"]) == ("failed", "invalid_notebook")
    assert KINDS[kind] in result.record["message"], result.record["message"]
    assert result.output_uri is not None  # an output notebook says why


@pytest.mark.timeout(120)
@pytest.mark.parametrize("kind", ["fifo", "binary"])
def test_the_cli_reports_an_invalid_notebook_without_a_traceback(workspace, tmp_path, kind):
    if kind == "fifo":
        os.mkfifo(workspace / "report.ipynb")
    else:
        (workspace / "report.ipynb").write_bytes(os.urandom(4096))
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps(make_spec()))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}

    done = subprocess.run(
        [sys.executable, "-m", "nbschedule.cli", "run", str(spec_file), "--workspace", str(workspace)],
        capture_output=True,
        text=True,
        timeout=100,
        env=env,
    )

    assert done.returncode == 1, done.stderr
    assert "status: failed (invalid_notebook)" in done.stdout
    assert "Traceback" not in done.stderr + done.stdout
