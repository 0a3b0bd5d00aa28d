"""The scheduler service and a Jupyter server as real processes on one workspace, on a
shared test clock (see nbschedule/scheduler/clock.py)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TOKEN = "ops-test-token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SharedClock:
    """Real time shifted so that `now()` reads `set_to(...)`'s instant, for every process."""

    def __init__(self, folder: Path):
        self.path = folder / "clock-offset"
        self.path.write_text("0", encoding="ascii")

    def set_to(self, instant: datetime) -> None:
        offset = (instant - datetime.now(timezone.utc)).total_seconds()
        partial = self.path.with_suffix(".partial")
        partial.write_text(repr(offset), encoding="ascii")
        os.replace(partial, self.path)  # atomic: no process ever reads an empty offset

    def environment(self) -> dict[str, str]:
        return {**os.environ, "NBSCHEDULE_TEST_CLOCK_FILE": str(self.path)}


def get_json(url: str, token: str | None = None, method: str = "GET") -> tuple[int, dict]:
    request = urllib.request.Request(
        url,
        headers={"Authorization": f"token {token}"} if token else {},
        method=method,
        data=b"{}" if method == "POST" else None,
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def get_text(url: str, token: str | None = None) -> str:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"} if token else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except (urllib.error.URLError, ConnectionError):
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


class Service:
    def __init__(self, root: Path, clock: SharedClock, log: Path, stop_grace: float = 20):
        self.port = free_port()
        self.log = open(log, "ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "nbschedule.cli",
                "scheduler",
                str(root),
                "--tick-seconds",
                "0.1",
                "--lease-seconds",
                "2",
                "--http-port",
                str(self.port),
                "--stop-grace-seconds",
                str(stop_grace),
            ],
            cwd=REPO,
            env=clock.environment(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def health(self) -> dict:
        return get_json(self.url + "/health")[1]

    def stop(self, sig: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            self.process.send_signal(sig)
        code = self.process.wait(30)
        self.log.close()
        return code


class JupyterServer:
    def __init__(self, root: Path, clock: SharedClock, folder: Path, log: Path):
        self.port = free_port()
        config_dir = folder / f"jupyter-config-{self.port}"
        config_dir.mkdir()
        (config_dir / "jupyter_server_config.json").write_text(
            json.dumps(
                {
                    "ServerApp": {
                        "ip": "127.0.0.1",
                        "port": self.port,
                        "port_retries": 0,
                        "open_browser": False,
                        "root_dir": str(root),
                        "allow_root": True,
                        # Only nbschedule: the others would only slow the start down.
                        "jpserver_extensions": {
                            "nbschedule": True,
                            "jupyterlab": False,
                            "jupyter_lsp": False,
                            "notebook_shim": False,
                            "jupyter_server_terminals": False,
                        },
                    },
                    "IdentityProvider": {"token": TOKEN},
                    "NbScheduleScheduler": {"tick_seconds": 0.1, "reload_seconds": 0.1, "lease_seconds": 2},
                }
            ),
            encoding="utf-8",
        )
        environment = {
            **clock.environment(),
            "JUPYTER_CONFIG_DIR": str(config_dir),
            "JUPYTER_RUNTIME_DIR": str(folder / f"runtime-{self.port}"),
        }
        self.log = open(log, "ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyter_server"],
            cwd=REPO,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.url = f"http://127.0.0.1:{self.port}/nbschedule"

    def get(self, path: str) -> tuple[int, dict]:
        return get_json(f"{self.url}/{path}", TOKEN)

    def post(self, path: str) -> tuple[int, dict]:
        return get_json(f"{self.url}/{path}", TOKEN, "POST")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(30)
        self.log.close()
