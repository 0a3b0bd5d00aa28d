"""``nbschedule run`` as a user runs it, in its own process, in the real sandbox: the kernel
is shut down politely (its exit handlers run), its CPU time and memory are recorded, and
a notebook without SQL cells loads neither pandas, SQLAlchemy nor jsonschema's format
checkers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from operator_helpers import REPO, code, make_spec, notebook, write_notebook

from nbschedule.operator.lean_start import FORMAT_CHECKER_PACKAGES

# The CLI's own entry point, then what it had imported by the end of the run.
_RUN_AND_REPORT_MODULES = f"""
import json, sys
from nbschedule.cli import main
code = main(sys.argv[1:])
watched = {["pandas", "sqlalchemy", "pyarrow", *FORMAT_CHECKER_PACKAGES]!r}
print("loaded: " + json.dumps(sorted(name for name in watched if sys.modules.get(name) is not None)))
sys.exit(code)
"""

_AT_EXIT = """import atexit, os
def goodbye():
    with open(os.path.join(os.path.dirname(os.environ["IPYTHONDIR"]), "atexit.txt"), "w") as file:
        file.write("exit handlers ran")
atexit.register(goodbye)"""
_BURN_ONE_CPU_SECOND = """import time
start = time.process_time()
while time.process_time() - start < 1.0:
    pass"""
_TOUCH_150_MB = "block = b'x' * (150 * 2**20)"


@pytest.mark.timeout(180)
def test_sandboxed_kernel_exits_politely_is_measured_and_no_warehouse_code_loads(workspace, tmp_path):
    write_notebook(
        workspace, notebook(code(_AT_EXIT), code(_BURN_ONE_CPU_SECOND), code(_TOUCH_150_MB), code("print('done')"))
    )
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(json.dumps(make_spec()))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}

    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _RUN_AND_REPORT_MODULES,
            "run",
            str(spec_file),
            "--workspace",
            str(workspace),
            "--keep-run-folder",
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=170,
    )

    assert done.returncode == 0, done.stdout + done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.splitlines())
    assert json.loads(lines["loaded"]) == []
    run_folder = Path(lines["run_folder"])
    try:
        assert (run_folder / "atexit.txt").read_text() == "exit handlers ran"
    finally:
        subprocess.run(["rm", "-rf", str(run_folder)], check=True)
    record = json.loads((Path(lines["output"]).parent / "record.json").read_text())
    assert record["sandbox"]["name"] == "bubblewrap"
    assert record["run_folder"] == str(run_folder)
    resources = record["resources"]
    assert resources["kernel_cpu_seconds"] >= 1.0
    assert resources["kernel_peak_rss_mb"] >= 150
    assert resources["cpu_seconds"] == pytest.approx(
        resources["kernel_cpu_seconds"] + resources["operator_cpu_seconds"], abs=0.002
    )
    assert resources["operator_peak_rss_mb"] > 0
