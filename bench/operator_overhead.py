"""Whole-process cost of ``nbschedule run`` against bare nbclient and papermill.

What a user or the scheduler's worker pays per run: a fresh process (imports, kernel
start in the sandbox, cells, output written, kernel shutdown, exit). Three ways, each
in its own environment so that no way's imports help another:

- nbschedule: ``nbschedule run SPEC --workspace WS`` from this checkout's .venv
  (default configuration: bubblewrap sandbox, limits, record, lineage file);
- nbclient: a Python process that reads the notebook, executes it with nbclient's
  NotebookClient and writes it, in .venvs/bench-nbclient (nbclient and ipykernel at
  nbschedule's versions);
- papermill: the ``papermill IN OUT -p n 2`` command, in .venvs/bench-papermill.

Notebooks: a trivial one (3 cells) and one of 200 small cells, each with a parameters
cell. Ways run alternately within each pair (the order rotates), so machine noise falls
on all alike. Wall time per run, and peak RSS of the run's largest process (the runner
or its kernel) from wait4, as ``/usr/bin/time -v`` reports it. Prints p50/p95 and the
ratios of the p50s against the goals.

Run: python bench/operator_overhead.py [pairs]   (default 8; needs bubblewrap, PyPI)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from bench_venvs import REPO, bench_venv, pinned, summary

NBSCHEDULE = REPO / ".venv" / "bin" / "nbschedule"
NBCLIENT_RUN = """
import sys, nbformat
from nbclient import NotebookClient
nb = nbformat.read(sys.argv[1], as_version=4)
NotebookClient(nb, kernel_name="python3", resources={"metadata": {"path": sys.argv[3]}}).execute()
nbformat.write(nb, sys.argv[2])
"""
GOALS = {"nbclient": 1.10, "papermill": 1 / 3, "papermill_rss": 1.5}


def _notebook(cells: int) -> nbformat.NotebookNode:
    parameters = nbformat.v4.new_code_cell("n = 1")
    parameters.metadata["tags"] = ["parameters"]
    body = [nbformat.v4.new_code_cell(f"value_{i} = n + {i}\nvalue_{i}") for i in range(cells - 1)]
    return nbformat.v4.new_notebook(
        cells=[parameters, *body],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )


def _commands(workspace: Path, name: str, nbclient_python: Path, papermill_python: Path) -> dict[str, list[str]]:
    spec = workspace / f"{name}.json"
    spec.write_text(
        json.dumps(
            {
                "version": 1,
                "name": name.replace("-", "_"),
                "notebook": f"{name}.ipynb",
                "cron": "0 6 * * *",
                "timezone": "UTC",
                "start_date": "2024-01-01",
                "zone": "analytics",
                "owner": "bench@example.com",
                "parameters": [{"name": "n", "type": "int", "default": 2}],
            }
        )
    )
    notebook = str(workspace / f"{name}.ipynb")
    return {
        "nbschedule": [str(NBSCHEDULE), "run", str(spec), "--workspace", str(workspace)],
        "nbclient": [
            str(nbclient_python),
            "-c",
            NBCLIENT_RUN,
            notebook,
            str(workspace / f"{name}-nbclient.ipynb"),
            str(workspace),
        ],
        "papermill": [
            str(papermill_python.parent / "papermill"),
            notebook,
            str(workspace / f"{name}-pm.ipynb"),
            "-p",
            "n",
            "2",
            "--no-progress-bar",
            "--log-level",
            "ERROR",
            "--cwd",
            str(workspace),
        ],
    }


def _run(command: list[str], workspace: Path) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of the largest process of the run's tree."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=workspace, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} failed: {process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return wall, usage.ru_maxrss / 1024


def main(pairs: int) -> None:
    kernel = [pinned("ipykernel")]
    nbclient_python = bench_venv("nbclient", [pinned("nbclient"), pinned("nbformat"), *kernel])
    papermill_python = bench_venv("papermill", ["papermill", *kernel])
    results: dict[tuple[str, str], dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="nbs-bench-", dir="/tmp") as folder:
        workspace = Path(folder)
        notebooks = {"trivial-3-cells": 3, "many-200-cells": 200}
        commands = {}
        for name, cells in notebooks.items():
            nbformat.write(_notebook(cells), workspace / f"{name}.ipynb")
            commands[name] = _commands(workspace, name, nbclient_python, papermill_python)
        for name in notebooks:  # warm-up: file caches, compiled bytecode, the sandbox probe's binaries
            for command in commands[name].values():
                _run(command, workspace)
        for pair in range(pairs):
            for name in notebooks:
                ways = list(commands[name])
                ways = ways[pair % len(ways) :] + ways[: pair % len(ways)]
                for way in ways:
                    wall, rss = _run(commands[name][way], workspace)
                    entry = results.setdefault((name, way), {"wall": [], "rss": []})
                    entry["wall"].append(wall)
                    entry["rss"].append(rss)
    _report(results, pairs)


def _report(results, pairs: int) -> None:
    print(f"whole-process runs, {pairs} alternating pairs each; p50 / p95")
    for name in ("trivial-3-cells", "many-200-cells"):
        print(f"\n{name}")
        for way in ("nbschedule", "nbclient", "papermill"):
            wall, rss = summary(results[(name, way)]["wall"]), summary(results[(name, way)]["rss"])
            print(f"  {way:<11} wall {wall[0]:6.2f} s / {wall[1]:6.2f} s   peak RSS {rss[0]:6.1f} / {rss[1]:6.1f} MiB")
        ours = summary(results[(name, "nbschedule")]["wall"])[0]
        nbclient = summary(results[(name, "nbclient")]["wall"])[0]
        papermill = summary(results[(name, "papermill")]["wall"])[0]
        our_rss = summary(results[(name, "nbschedule")]["rss"])[0]
        papermill_rss = summary(results[(name, "papermill")]["rss"])[0]
        print(f"  nbschedule / nbclient  {ours / nbclient:.2f}x   (goal <= {GOALS['nbclient']:.2f}x)")
        print(
            f"  nbschedule / papermill {ours / papermill:.2f}x = {papermill / ours:.1f}x faster   (goal >= 3x faster)"
        )
        print(f"  peak RSS / papermill   {our_rss / papermill_rss:.2f}x   (goal <= {GOALS['papermill_rss']:.1f}x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 8)
