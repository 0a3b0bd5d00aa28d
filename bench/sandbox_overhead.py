"""Wall time of the hardened sandbox against the sandbox before it, per whole run.

Each run is a whole ``nbschedule run SPEC --workspace WS`` process on a 200-cell
notebook, as a user or the scheduler's worker pays it. Two ways, alternated so that
machine noise falls on both alike:

- hardened: this checkout as it is (allow-listed bubblewrap view with the workspace
  scan, rlimits through prlimit, the pids cgroup where there is one, the run folder
  watcher, output counting);
- baseline: the same checkout with those pieces switched back to the previous
  sandbox inside the measured process: bubblewrap binding ``/`` read-only with an
  empty /tmp and /run, the workspace bound with .nbschedule and the run store
  emptied, no limits, no cgroup, no watcher, no output counting.

Prints p50 and p95 per way and the ratio of the p50s. Target: at most 1.05.
Run: python bench/sandbox_overhead.py [pairs]   (needs bubblewrap)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
CELLS = 200

# Runs inside the baseline process before the CLI: the sandbox as it was.
BASELINE = r"""
import os, sys
from nbschedule.operator import execute, kernel, limits, run, sandbox
from nbschedule.operator.view import View

def previous_options(run_folder, view, tmp_bytes):
    shown = [view.workspace] if view.workspace else []  # the probe has no workspace
    hidden = [f for w in shown for f in (w + "/.nbschedule", w + "/nbschedule-runs") if os.path.isdir(f)]
    under_tmp = [f for f in view.interpreter if f.startswith("/tmp/")]
    return ["--unshare-user", "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
            "--cap-drop", "ALL", "--die-with-parent", "--ro-bind", "/", "/",
            "--dev", "/dev", "--tmpfs", "/dev/shm", "--proc", "/proc", "--tmpfs", "/tmp", "--tmpfs", "/run",
            *[o for f in (*under_tmp, *shown) for o in ("--ro-bind", f, f)],
            *[o for f in hidden for o in ("--tmpfs", f)], "--bind", run_folder, run_folder]

sandbox._bubblewrap_options = previous_options
kernel.kernel_view = lambda workspace, private, executable, python_path="": View(
    workspace=str(workspace), interpreter=sandbox.interpreter_folders(executable, python_path))
limits.Limits.prlimit = lambda self, own_user_namespace: []
run.pids_cgroup_base = lambda: None
execute.DiskWatch.INTERVAL_SECONDS = 10 ** 6
execute._CappedClient.process_message = execute.NotebookClient.process_message
from nbschedule.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _notebook() -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_code_cell(f"value_{i} = {i} * 2\nvalue_{i}") for i in range(CELLS)]
    return nbformat.v4.new_notebook(
        cells=cells, metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )


def _run(way: str, spec: Path, workspace: Path) -> float:
    arguments = ["run", str(spec), "--workspace", str(workspace)]
    command = (
        [sys.executable, "-m", "nbschedule.cli", *arguments]
        if way == "hardened"
        else [sys.executable, "-c", BASELINE, *arguments]
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or "status: success" not in done.stdout:
        raise SystemExit(f"{way} run failed:\n{done.stdout}\n{done.stderr[-2000:]}")
    return elapsed


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    pairs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory(prefix="nbs-bench-") as folder:
        workspace = Path(folder) / "ws"
        workspace.mkdir()
        nbformat.write(_notebook(), workspace / "bench.ipynb")
        spec = Path(folder) / "spec.json"
        spec.write_text(
            json.dumps(
                {
                    "version": 1,
                    "name": "bench",
                    "notebook": "bench.ipynb",
                    "cron": "0 6 * * *",
                    "timezone": "UTC",
                    "start_date": "2024-01-01",
                    "zone": "analytics",
                    "owner": "bench",
                }
            )
        )
        times: dict[str, list[float]] = {"baseline": [], "hardened": []}
        _run("hardened", spec, workspace)  # warm the file cache for both
        for index in range(pairs):
            order = ("baseline", "hardened") if index % 2 == 0 else ("hardened", "baseline")
            for way in order:
                times[way].append(_run(way, spec, workspace))
        print(f"{CELLS}-cell notebook, whole `nbschedule run` processes, {pairs} alternating pairs")
        print(f"{'way':<10}{'p50 s':>9}{'p95 s':>9}")
        for way, values in times.items():
            print(f"{way:<10}{statistics.median(values):>9.3f}{_p(values, 0.95):>9.3f}")
        ratio = statistics.median(times["hardened"]) / statistics.median(times["baseline"])
        print(f"ratio hardened/baseline (p50): {ratio:.3f}  (target <= 1.05)")


if __name__ == "__main__":
    main()
