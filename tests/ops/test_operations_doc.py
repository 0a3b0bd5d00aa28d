"""docs/OPERATIONS.md's snippets work: the systemd unit passes systemd-analyze verify (where
installed) and both the unit and the JupyterHub service start the CLI with valid options."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from traitlets.config import Config

from nbschedule.cli import _parser

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "OPERATIONS.md"
SCRIPT = REPO / "scripts" / "check-service-unit.sh"


def check_unit(out: Path, doc: Path = DOC) -> subprocess.CompletedProcess:
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"  # the nbschedule being tested
    return subprocess.run(
        ["bash", str(SCRIPT), str(out), str(doc)],
        capture_output=True,
        text=True,
        env={**os.environ, "PATH": path},
        timeout=60,
    )


def test_the_documented_unit_verifies_and_starts_the_service_with_valid_options(tmp_path):
    result = check_unit(tmp_path)
    assert result.returncode == 0, result.stderr
    if shutil.which("systemd-analyze"):
        assert "systemd-analyze verify: no problems" in result.stdout
        broken = tmp_path / "BROKEN.md"  # and the check can fail
        broken.write_text(DOC.read_text().replace("KillMode=mixed", "KillMod=mixed"))
        failed = check_unit(tmp_path / "broken", broken)
        assert failed.returncode == 1 and "KillMod" in failed.stderr
    else:
        assert "not verified" in result.stdout
    unit = (tmp_path / "nbschedule-scheduler.service").read_text()
    assert "KillMode=mixed" in unit  # SIGTERM must reach the service only, never a run's worker
    command = shlex.split(re.search(r"^ExecStart=(.*)$", unit, re.M).group(1))
    args = _parser().parse_args(command[1:])
    assert args.command == "scheduler" and args.words == [str(tmp_path / "workspace")]
    grace = float(re.search(r"^TimeoutStopSec=(\d+)$", unit, re.M).group(1))
    assert grace > args.stop_grace_seconds


def test_the_documented_jupyterhub_service_runs_the_scheduler_as_its_user(monkeypatch):
    snippet = re.search(
        r"<!-- jupyterhub: jupyterhub_config.py -->\s+```python\n(.*?)```", DOC.read_text(), re.S
    ).group(1)
    monkeypatch.setenv("NBSCHEDULE_SERVICE_TOKEN", "a" * 64)
    c = Config()
    exec(snippet, {"c": c})  # the snippet is configuration code, as jupyterhub_config.py runs it
    [service] = c.JupyterHub.services
    args = _parser().parse_args(service["command"][1:])
    assert service["command"][0] == "nbschedule" and args.command == "scheduler"
    assert args.words == [service["cwd"]] and service["user"] in service["cwd"]
    assert service["api_token"] == "a" * 64
    [role] = c.JupyterHub.load_roles
    assert role["services"] == [service["name"]] and role["scopes"] == []
