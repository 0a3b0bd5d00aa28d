"""allow_unsandboxed: where neither bubblewrap nor unshare exists, a run is refused unless
the flag is given, and then runs for real, with the network, saying so in its record.

The machine's sandbox tools are hidden by running `nbschedule run` with a PATH that has
every other program of the usual PATH but not bwrap and unshare.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from operator_helpers import REPO, code, make_spec, notebook, write_notebook

SANDBOX_TOOLS = ("bwrap", "unshare")


@pytest.fixture(scope="module")
def path_without_sandbox_tools(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("bin")
    for directory in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(directory):
            continue
        for name in os.listdir(directory):
            program = os.path.join(directory, name)
            if name not in SANDBOX_TOOLS and not (folder / name).exists() and os.access(program, os.X_OK):
                (folder / name).symlink_to(program)
    return str(folder)


@pytest.fixture
def listener():
    """A TCP listener on the host's loopback that the notebook tries to reach."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server


def run_cli(workspace: Path, spec_file: Path, path: str, *flags: str) -> dict:
    env = {
        **os.environ,
        "PATH": path,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbschedule.cli",
            "run",
            str(spec_file),
            "--workspace",
            str(workspace),
            "--logical-date",
            "2024-01-03",
            *flags,
        ],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = dict(line.split(": ", 1) for line in done.stdout.splitlines())
    [record_file] = (workspace / "nbschedule-runs" / "daily_report" / lines["run_id"]).glob("attempt-*/record.json")
    return {
        "exit": done.returncode,
        "stderr": done.stderr,
        "lines": lines,
        "record": json.loads(record_file.read_text()),
    }


def workspace_reaching(workspace: Path, tmp_path: Path, port: int) -> Path:
    write_notebook(
        workspace,
        notebook(
            code(
                "import socket\n"
                f"reached = socket.create_connection(('127.0.0.1', {port}), timeout=5).close() is None\n"
                "print('reached host loopback:', reached)"
            )
        ),
    )
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps(make_spec()))
    return spec_file


@pytest.mark.timeout(180)
def test_without_sandbox_tools_a_run_is_refused_before_anything_runs(
    workspace, tmp_path, listener, path_without_sandbox_tools
):
    spec_file = workspace_reaching(workspace, tmp_path, listener.getsockname()[1])

    run = run_cli(workspace, spec_file, path_without_sandbox_tools)

    assert run["exit"] == 2, run["stderr"]
    assert run["lines"]["status"] == "refused (sandbox_unavailable)"
    assert run["lines"]["output"] == "-"
    assert run["record"]["status"] == "refused" and run["record"]["exit_reason"] == "sandbox_unavailable"
    listener.settimeout(0.5)
    with pytest.raises(TimeoutError):
        listener.accept()  # no kernel ever ran


@pytest.mark.timeout(180)
def test_allow_unsandboxed_runs_without_sandbox_tools_with_the_network_and_says_so(
    workspace, tmp_path, listener, path_without_sandbox_tools
):
    spec_file = workspace_reaching(workspace, tmp_path, listener.getsockname()[1])

    run = run_cli(workspace, spec_file, path_without_sandbox_tools, "--allow-unsandboxed")

    assert run["exit"] == 0, run["stderr"] + json.dumps(run["record"])
    assert run["lines"]["status"] == "success (completed)"
    record = run["record"]
    assert record["sandbox"] == {"name": "none", "executable": None, "isolation": []}
    assert "The notebook ran without a sandbox: it had network access." in record["warnings"]
    output = nbformat.read(run["lines"]["output"], as_version=4)
    assert output.cells[-1].outputs[0]["text"] == "reached host loopback: True\n"


@pytest.mark.timeout(180)
def test_allow_unsandboxed_still_sandboxes_where_a_sandbox_exists(workspace, tmp_path, listener):
    spec_file = workspace_reaching(workspace, tmp_path, listener.getsockname()[1])

    run = run_cli(workspace, spec_file, os.environ["PATH"], "--allow-unsandboxed")

    assert run["record"]["sandbox"]["name"] in ("bubblewrap", "unshare")
    assert "network" in run["record"]["sandbox"]["isolation"]
    assert not [warning for warning in run["record"]["warnings"] if "sandbox" in warning]
    assert run["record"]["exit_reason"] == "cell_error"
    assert run["record"]["error"]["ename"] in ("ConnectionRefusedError", "OSError", "TimeoutError")
