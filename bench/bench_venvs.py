"""Separate virtual environments for the baselines a bench compares against.

Each baseline (bare nbclient, papermill, jupyter-scheduler) is installed from PyPI by
the bench itself into ``.venvs/bench-<name>``, with the same ipykernel and nbclient
versions as nbschedule's environment where it has them, so kernels are alike and no
baseline's imports run in nbschedule's process or the other way round.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def pinned(package: str) -> str:
    """`package==<the version nbschedule's environment has>`."""
    return f"{package}=={version(package)}"


def bench_venv(name: str, packages: list[str]) -> Path:
    """The python of .venvs/bench-<name>, created (once) with `packages` installed."""
    folder = REPO / ".venvs" / f"bench-{name}"
    python = folder / "bin" / "python"
    marker = folder / "installed.txt"
    wanted = "\n".join(packages)
    if not (python.exists() and marker.exists() and marker.read_text() == wanted):
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(folder)], check=True)
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *packages], check=True
        )
        marker.write_text(wanted)
    return python


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (p50 is the median of an odd count)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))]


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), percentile(values, 0.95)
