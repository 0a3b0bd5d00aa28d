"""What a plain ``pip install nbschedule`` costs a user, next to a plain ``pip install papermill``.

Builds nbschedule's wheel from this worktree, then makes fresh virtual environments side
by side and installs into each with pip, as a user would (no extras, dependencies from
the package index pip is configured with): nbschedule; papermill; and papermill with
ipykernel, since papermill alone brings no kernel to run a notebook on (nbschedule
does). Prints for each: the size of what the install added (the environment less an
empty one), its largest added packages, and the command line's start time (``--help``,
whole process, p50/p95 over repeated runs); then nbschedule's ratios against each.

    .venv/bin/python bench/install_size.py [--runs 15] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def folder_size(path: Path) -> int:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            file = Path(root, name)
            if not file.is_symlink():
                total += file.stat().st_size
    return total


def site_packages(venv: Path) -> Path:
    return next((venv / "lib").glob("python*/site-packages"))


def largest_packages(venv: Path, empty: Path, count: int = 6) -> list[tuple[str, int]]:
    """The largest packages the install added (pip and what else an empty venv has aside)."""
    present = {entry.name for entry in site_packages(empty).iterdir()}
    sizes = {}
    for entry in site_packages(venv).iterdir():
        if entry.is_dir() and entry.name not in present and not entry.name.endswith((".dist-info", "__pycache__")):
            sizes[entry.name] = folder_size(entry)
    return sorted(sizes.items(), key=lambda item: -item[1])[:count]


def make_venv(path: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True)


def pip_install(venv: Path, *requirements: str) -> None:
    subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", *requirements],
        check=True,
    )


def build_wheel(target: Path) -> Path:
    # The frontend is already built by scripts/setup.sh; no build isolation reuses it and
    # the build tools of the running environment.
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(target), str(REPO)],
        check=True,
    )
    return next(target.glob("nbschedule-*.whl"))


def start_times(command: list[str], runs: int) -> list[float]:
    subprocess.run(command, check=True, capture_output=True)  # warm the page cache and bytecode
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        seconds.append(time.perf_counter() - started)
    return seconds


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="start-time runs per command (default 15)")
    parser.add_argument("--keep", help="build the environments here and keep them (default: a temporary folder)")
    args = parser.parse_args()
    root = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="nbschedule-install-size-"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        wheel = build_wheel(root / "dist")
        empty = root / "empty"
        installs = {
            "nbschedule": (str(wheel),),
            "papermill": ("papermill",),
            "papermill + ipykernel": ("papermill", "ipykernel"),
        }
        make_venv(empty)
        baseline = folder_size(empty)
        results = {}
        for label, requirements in installs.items():
            venv = root / label.replace(" + ", "-")
            make_venv(venv)
            pip_install(venv, *requirements)
            added = folder_size(venv) - baseline
            command = label.split(" ")[0]
            times = start_times([str(venv / "bin" / command), "--help"], args.runs)
            results[label] = (added, times)
            print(f"{label}: a plain install adds {added / MB:.0f} MB")
            print("  largest: " + ", ".join(f"{pkg} {size / MB:.0f} MB" for pkg, size in largest_packages(venv, empty)))
            print(
                f"  `{command} --help` start: p50 {percentile(times, 0.5) * 1000:.0f} ms, "
                f"p95 {percentile(times, 0.95) * 1000:.0f} ms ({args.runs} runs)"
            )
        our_size, our_times = results["nbschedule"]
        for label, (size, times) in results.items():
            if label != "nbschedule":
                print(
                    f"ratio nbschedule / {label}: install size {our_size / size:.2f}x, "
                    f"start p50 {statistics.median(our_times) / statistics.median(times):.2f}x"
                )
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
