"""REST "run now" of a trivial notebook, submit → finished: nbschedule against jupyter-scheduler.

Both run as Jupyter servers on 127.0.0.1, in their default configuration, each from its
own environment: nbschedule from this checkout's .venv (embedded scheduler, bubblewrap
sandbox), jupyter-scheduler installed by this bench into .venvs/bench-jupyter-scheduler
(with nbschedule's ipykernel version). Each run is timed from just before the POST that
submits it to the first status poll (every 10 ms) that shows it finished:

- nbschedule: POST /nbschedule/schedules/trivial/runs, then GET /nbschedule/runs/<id>
  until its status is neither queued nor running;
- jupyter-scheduler: POST /scheduler/jobs (an ipynb output), then GET
  /scheduler/jobs/<id> until its status is COMPLETED or FAILED (a new job reads STOPPED
  until its process starts: that is its database column's default).

One warm-up run each is not counted; the servers then alternate (order rotating per
pair). Prints p50/p95 per server and the ratio of the p50s (goal: at most 0.5).

Run: python bench/run_now.py [pairs]   (default 10; needs bubblewrap and PyPI for the venv)
"""

from __future__ import annotations

import json
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
from bench_venvs import REPO, bench_venv, pinned, summary

TOKEN = secrets.token_hex(16)
SPEC = {
    "version": 1,
    "name": "trivial",
    "notebook": "trivial.ipynb",
    "cron": "0 0 1 1 *",
    "timezone": "UTC",
    "start_date": "2024-01-01",
    "zone": "analytics",
    "owner": "bench@example.com",
    "catchup": "none",
}
GOAL = 0.5


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _call(port: int, method: str, path: str, body: dict | None = None) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        method=method,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"token {TOKEN}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"{}")


def _workspace(folder: Path) -> Path:
    folder.mkdir()
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("x + 1")],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )
    nbformat.write(nb, folder / "trivial.ipynb")
    return folder


def _server(python: Path, root: Path, log: Path) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    process = subprocess.Popen(
        [
            str(python),
            "-m",
            "jupyter_server",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={root}",
        ],
        cwd=root,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            _call(port, "GET", "/api/status")
            return process, port
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"the server in {root} did not start; see {log}")


def _until_finished(poll, finished) -> float:
    while True:
        state = poll()
        if finished(state):
            return time.perf_counter()
        time.sleep(0.01)


def nbschedule_run(port: int) -> float:
    started = time.perf_counter()
    run = _call(port, "POST", "/nbschedule/schedules/trivial/runs", {})
    ended = _until_finished(
        lambda: _call(port, "GET", f"/nbschedule/runs/{run['id']}"),
        lambda state: state["status"] not in ("queued", "running"),
    )
    state = _call(port, "GET", f"/nbschedule/runs/{run['id']}")
    if state["status"] != "success":
        raise SystemExit(f"nbschedule run failed: {state}")
    return ended - started


def jupyter_scheduler_run(port: int) -> float:
    started = time.perf_counter()
    job = _call(
        port,
        "POST",
        "/scheduler/jobs",
        {
            "name": "trivial",
            "input_uri": "trivial.ipynb",
            "input_filename": "trivial.ipynb",
            "runtime_environment_name": "python3",
            "output_formats": ["ipynb"],
        },
    )
    ended = _until_finished(
        lambda: _call(port, "GET", f"/scheduler/jobs/{job['job_id']}"),
        lambda state: state["status"] in ("COMPLETED", "FAILED"),
    )
    state = _call(port, "GET", f"/scheduler/jobs/{job['job_id']}")
    if state["status"] != "COMPLETED":
        raise SystemExit(f"jupyter-scheduler job failed: {state}")
    return ended - started


def main(pairs: int) -> None:
    theirs_python = bench_venv("jupyter-scheduler", ["jupyter_scheduler", pinned("ipykernel")])
    with tempfile.TemporaryDirectory(prefix="nbs-runnow-", dir="/tmp") as folder:
        ours_root, theirs_root = _workspace(Path(folder) / "nbs"), _workspace(Path(folder) / "js")
        (ours_root / "schedules").mkdir()
        (ours_root / "schedules" / "trivial.json").write_text(json.dumps(SPEC))
        servers = [
            _server(REPO / ".venv" / "bin" / "python", ours_root, Path(folder) / "nbs.log"),
            _server(theirs_python, theirs_root, Path(folder) / "js.log"),
        ]
        try:
            (_, ours_port), (_, theirs_port) = servers
            deadline = time.monotonic() + 60
            while (
                _call(ours_port, "GET", "/nbschedule/schedules").get("schedules") == [] and time.monotonic() < deadline
            ):
                time.sleep(0.1)  # the schedule is loaded on the scheduler's first tick
            ways = {
                "nbschedule": lambda: nbschedule_run(ours_port),
                "jupyter-scheduler": lambda: jupyter_scheduler_run(theirs_port),
            }
            for way in ways.values():
                way()  # warm-up, not counted
            times: dict[str, list[float]] = {name: [] for name in ways}
            for pair in range(pairs):
                order = list(ways) if pair % 2 == 0 else list(reversed(ways))
                for name in order:
                    times[name].append(ways[name]())
        finally:
            for process, _ in servers:
                process.terminate()
            for process, _ in servers:
                process.wait(timeout=60)
    print(f'REST "run now" of a trivial notebook, submit -> finished; {pairs} alternating pairs; p50 / p95')
    for name, values in times.items():
        p50, p95 = summary(values)
        print(f"  {name:<18} {p50:6.2f} s / {p95:6.2f} s")
    ratio = summary(times["nbschedule"])[0] / summary(times["jupyter-scheduler"])[0]
    print(f"  nbschedule / jupyter-scheduler {ratio:.2f}x   (goal <= {GOAL}x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
