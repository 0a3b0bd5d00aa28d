"""The Airflow 3 environment of the pipeline tests: one virtualenv, .venvs/airflow,
made the way a worker is, with `pip install "nbschedule[airflow]"`.

Airflow cannot share an environment with JupyterLab's test tools (its pins clash), so
it lives apart. The venv is made on first use and reused while its stamp (Python
version and nbschedule's dependency lists) matches; nbschedule itself is reinstalled
from a wheel of this checkout once per test run, so the tests run the code as built.
Under pytest-xdist every worker prepares it: a lock makes the first do the work and the
others wait for it, so no worker reinstalls nbschedule while another runs Airflow.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import tomllib

REPO = Path(__file__).resolve().parents[2]
VENV = REPO / ".venvs" / "airflow"
VENV_PYTHON = VENV / "bin" / "python"
VENV_AIRFLOW = VENV / "bin" / "airflow"
STAMP = VENV / "nbschedule-stamp.txt"
PREPARED_FOR = VENV / "nbschedule-test-run.txt"
LOCK = REPO / ".venvs" / "airflow.lock"
INSTALL_TIMEOUT = 1800


def _stamp_text() -> str:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = repr((project["dependencies"], project["optional-dependencies"]["airflow"]))
    return f"python {sys.version_info.major}.{sys.version_info.minor}\n{hashlib.sha256(wanted.encode()).hexdigest()}\n"


def _pip(*arguments: str) -> None:
    done = subprocess.run(
        [str(VENV_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *arguments],
        capture_output=True,
        text=True,
        timeout=INSTALL_TIMEOUT,
    )
    assert done.returncode == 0, f"pip install {' '.join(arguments)} failed:\n{done.stdout}\n{done.stderr}"


def _wheel(folder: Path) -> Path:
    """A wheel of this checkout, built with the already-built frontend (no npm run)."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(folder),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"building nbschedule's wheel failed:\n{done.stdout}\n{done.stderr}"
    (wheel,) = folder.glob("nbschedule-*.whl")
    return wheel


def prepare(wheel_folder: Path) -> None:
    """Make (or reuse) the venv and install this checkout's nbschedule[airflow] in it,
    once per test run (pytest-xdist's run id; without xdist, every session)."""
    test_run = os.environ.get("PYTEST_XDIST_TESTRUNUID", "")
    LOCK.parent.mkdir(exist_ok=True)
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if test_run and PREPARED_FOR.exists() and PREPARED_FOR.read_text() == test_run:
            return
        wheel = _wheel(wheel_folder)
        fresh = VENV_PYTHON.exists() and STAMP.exists() and STAMP.read_text() == _stamp_text()
        if not fresh:
            subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
            _pip(f"{wheel}[airflow]")
            STAMP.write_text(_stamp_text())
        else:
            _pip("--no-deps", "--force-reinstall", str(wheel))
        PREPARED_FOR.write_text(test_run)


def environment(home: Path, **extra: str) -> dict[str, str]:
    """Variables for Airflow commands: its own home and SQLite database, no examples,
    and no path into this checkout: nbschedule must come from the installed wheel."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("AIRFLOW", "PYTHON", "JUPYTER", "VIRTUAL_ENV"))
    }
    env.update(
        {
            "PATH": f"{VENV / 'bin'}:{env.get('PATH', '/usr/bin:/bin')}",
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__UNIT_TEST_MODE": "False",
            "AIRFLOW__LOGGING__LOGGING_LEVEL": "WARNING",
        }
    )
    env.update(extra)
    return env


def run(arguments: list[str], env: dict[str, str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(arguments, capture_output=True, text=True, env=env, cwd=cwd, timeout=timeout)


def probe(folder: Path, home: Path, *arguments: str) -> dict:
    """What Airflow's DagBag made of the DAG files in `folder` (see airflow_probe.py)."""
    env = environment(home, NBSCHEDULE_WORKSPACE="/workspace")
    done = run(
        [str(VENV_PYTHON), str(Path(__file__).with_name("airflow_probe.py")), str(folder), *arguments], env, home
    )
    assert done.returncode == 0, done.stderr[-5000:]
    marker = "PROBE-JSON "
    line = next(line for line in done.stdout.splitlines() if line.startswith(marker))
    return json.loads(line[len(marker) :])


API_USER, API_PASSWORD = "nbschedule", "api-test-password"


def api_server_environment(home: Path, env: dict[str, str]) -> dict[str, str]:
    """`env` plus Airflow's simple auth manager with one admin user (password in a file)."""
    passwords = home / "api-passwords.json"
    passwords.write_text(json.dumps({API_USER: API_PASSWORD}))
    return {
        **env,
        "AIRFLOW__CORE__AUTH_MANAGER": "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": f"{API_USER}:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(passwords),
    }


def start_api_server(home: Path, env: dict[str, str]) -> tuple[subprocess.Popen, str]:
    """Starts `airflow api-server` on a free loopback port; returns it and its base URL.
    It takes a while to come up: call wait_for_api_server before using it."""
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        port = probe_socket.getsockname()[1]
    server = subprocess.Popen(
        [str(VENV_AIRFLOW), "api-server", "--host", "127.0.0.1", "--port", str(port)],
        env=api_server_environment(home, env),
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=(home / "api-server.log").open("wb"),
        start_new_session=True,
    )
    return server, f"http://127.0.0.1:{port}"


def wait_for_api_server(server: subprocess.Popen, url: str, home: Path, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v2/monitor/health", timeout=5).close()
            return
        except OSError:
            log = (home / "api-server.log").read_text(errors="replace")[-3000:]
            assert server.poll() is None, f"airflow api-server exited:\n{log}"
            assert time.monotonic() < deadline, f"airflow api-server did not answer within {timeout} s:\n{log}"
            time.sleep(0.5)


def stop(server: subprocess.Popen) -> None:
    """Stops a server started here, with the workers it forked (its own process group)."""
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=5)  # its database is thrown away: no need for a long graceful stop
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=30)


if __name__ == "__main__":
    # scripts/test.sh makes the venv this way while the suites before pytest run.
    import tempfile

    with tempfile.TemporaryDirectory(prefix="nbschedule-wheel-") as folder:
        prepare(Path(folder))
