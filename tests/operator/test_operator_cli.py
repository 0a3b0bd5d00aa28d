"""``nbschedule run`` end to end, in a subprocess, as a user or CI calls it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import nbformat
import pytest
from operator_helpers import REPO, code, make_spec, notebook, write_notebook


def _cli(*args, cwd):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    return subprocess.run(
        [sys.executable, "-m", "nbschedule.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.timeout(120)
def test_run_succeeds_and_prints_where_the_output_is(workspace, tmp_path):
    write_notebook(workspace, notebook(code("day = 'x'\ncount = 0", "parameters"), code("print(day, count * 2)")))
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(
        json.dumps(
            make_spec(
                parameters=[
                    {"name": "day", "type": "date", "template": "logical_date"},
                    {"name": "count", "type": "int", "default": 0},
                ]
            )
        )
    )

    done = _cli(
        "run",
        str(spec_file),
        "--workspace",
        str(workspace),
        "--logical-date",
        "2024-02-29",
        "-p",
        "count=21",
        cwd=tmp_path,
    )

    assert done.returncode == 0, done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.splitlines())
    assert lines["status"] == "success (completed)"
    output = nbformat.read(lines["output"], as_version=4)
    assert output.cells[-1].outputs[0]["text"] == "2024-02-29 42\n"
    assert lines["run_id"] in lines["output"]


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "spec_text, args, expected",
    [
        ("{ not json", [], "is not valid JSON"),
        (json.dumps({"version": 1}), [], "'name' is required"),
        (json.dumps(make_spec(cron="61 * * * *")), [], "/cron"),
        (
            json.dumps(make_spec(parameters=[{"name": "n", "type": "int"}])),
            ["-p", "n=many"],
            "-p n: 'many' is not a valid int",
        ),
        (json.dumps(make_spec()), ["--logical-date", "yesterday"], "--logical-date 'yesterday'"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, spec_text, args, expected):
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(spec_text)

    done = _cli("run", str(spec_file), "--workspace", str(tmp_path), *args, cwd=tmp_path)

    assert done.returncode == 2
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert expected in done.stderr


@pytest.mark.timeout(60)
def test_refused_run_exits_2_and_failed_run_exits_1(workspace, tmp_path):
    write_notebook(workspace, notebook(code("raise SystemError('broken on purpose')")))
    refused, failed = tmp_path / "refused.json", tmp_path / "failed.json"
    refused.write_text(
        json.dumps(make_spec(zone="analytics", inputs=[{"connection": "warehouse", "table": "customers"}]))
    )
    failed.write_text(json.dumps(make_spec()))

    refused_run = _cli("run", str(refused), "--workspace", str(workspace), cwd=tmp_path)
    failed_run = _cli("run", str(failed), "--workspace", str(workspace), cwd=tmp_path)

    assert refused_run.returncode == 2 and "status: refused (zone_violation)" in refused_run.stdout
    assert "customer_pii" in refused_run.stdout
    assert failed_run.returncode == 1 and "status: failed (cell_error)" in failed_run.stdout
    assert "broken on purpose" in failed_run.stdout
