"""The sandbox keeps the running Python visible even where it lives under /tmp.

CI clones the repository to wherever it likes, often under /tmp, and the sandbox
replaces /tmp with an empty one: the kernel's interpreter must still be there.
"""

import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import subprocess, sys, tempfile
from nbschedule.operator.sandbox import find_sandbox
sandbox = find_sandbox()
with tempfile.TemporaryDirectory() as run_folder:
    inside = sandbox.wrap([sys.executable, "-c", "import sys; print(sys.prefix)"], run_folder)
    done = subprocess.run(inside, capture_output=True, text=True, timeout=60)
print(sandbox.name, done.returncode, done.stdout.strip(), done.stderr.strip()[-300:])
"""


@pytest.mark.timeout(120)
def test_an_interpreter_under_tmp_starts_inside_the_sandbox(tmp_path):
    assert str(tmp_path).startswith("/tmp/"), "the point is an interpreter under /tmp"
    environment = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, symlinks=True).create(environment)
    python = environment / "bin" / "python"

    completed = subprocess.run(
        [str(python), "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=100,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{REPO}:{':'.join(p for p in sys.path if p)}"},
    )

    assert completed.returncode == 0, completed.stderr
    name, code, prefix, *errors = completed.stdout.split(" ", 3) + [""]
    assert name == "bubblewrap"
    assert (code, prefix) == ("0", str(environment)), errors
