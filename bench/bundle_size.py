"""JavaScript the extension adds to JupyterLab's start-up, against JupyterLab's own, measured in Chromium.

Two views of the built labextension (production build: numeric chunk names; a development
build's named chunks are read the same way):
  - static: remoteEntry's exposed modules (./index, ./extension, ./style) name the chunks
    JupyterLab loads at start-up ("initial"); every other chunk is "lazy". The same reading
    is printed for every other prebuilt extension installed here, as a baseline.
  - in the browser: a JupyterLab server on loopback (default configuration), opened in
    Chromium (bench/bundle_startup_browser.js), lists the files fetched at start-up, those the
    Schedules view reads ahead once JupyterLab is idle, and those fetched on first showing the
    runs panel and the Schedules view. The extension's start-up JS is put beside all
    JavaScript JupyterLab fetched at start-up (the baseline). A lazy chunk fetched at start-up
    (before the read-ahead) fails the bench.
Sizes are gzip -6 of the files, as a compressing server sends them.
Run: jlpm build:prod && .venv/bin/python bench/bundle_size.py
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lab_server import running_lab, wait_until_up  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
STATIC = REPO / "nbschedule" / "labextension" / "static"
SHARE = Path(sys.prefix) / "share" / "jupyter"
EXPOSED = re.compile(r'"\./(?:index|extension|style|mimeExtension)":\s*\(\)\s*=>(.*?)\.then\(', re.S)
CHUNK = re.compile(r'\.e\(\s*"?([\w\-]+)"?\s*\)')


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def kib(size: int) -> str:
    return f"{size / 1024:8.1f} KiB"


def classify(static: Path) -> tuple[list[Path], list[Path]]:
    """(initial, lazy) JavaScript of one built labextension."""
    # The entry JupyterLab loads is named in the extension's package.json (older ones may linger).
    entry = static.parent / json.loads((static.parent / "package.json").read_text())["jupyterlab"]["_build"]["load"]
    chunk_ids = {cid for body in EXPOSED.findall(entry.read_text(encoding="utf-8")) for cid in CHUNK.findall(body)}
    scripts = sorted(path for path in static.glob("*.js") if path != entry)
    initial = [entry] + [path for path in scripts if path.name.split(".")[0] in chunk_ids]
    return initial, [path for path in scripts if path not in initial]


def static_report() -> dict[str, int]:
    initial, lazy = classify(STATIC)
    print("nbschedule chunks (static reading of remoteEntry):")
    for path in initial + lazy:
        kind = "initial" if path in initial else "lazy"
        print(f"  {kind:8}{kib(path.stat().st_size)} raw {kib(gzipped(path))} gz  {path.name}")
    totals = {"initial": sum(map(gzipped, initial)), "lazy": sum(map(gzipped, lazy))}
    print(f"  nbschedule: initial {kib(totals['initial'])} gz, lazy {kib(totals['lazy'])} gz")
    for other in sorted((SHARE / "labextensions").glob("**/static/remoteEntry.*.js")):
        if other.parent.resolve() == STATIC.resolve():
            continue
        its_initial, its_lazy = classify(other.parent)
        name = other.parent.parent.relative_to(SHARE / "labextensions")
        print(
            f"  baseline {str(name) + ':':<26} initial {kib(sum(map(gzipped, its_initial)))} gz, "
            f"lazy {kib(sum(map(gzipped, its_lazy)))} gz"
        )
    return totals


def local_file(url_path: str) -> Path | None:
    """The file behind a /static/ URL path: an extension's, or JupyterLab's own."""
    name = url_path.rsplit("/", 1)[-1]
    if "/lab/extensions/" in url_path:
        extension = url_path.split("/lab/extensions/", 1)[1].rsplit("/static/", 1)[0]
        path = SHARE / "labextensions" / extension / "static" / name
    else:
        path = SHARE / "lab" / "static" / name
    return path if path.is_file() else None


def browser_fetches() -> dict[str, list[str]]:
    folder = Path(tempfile.mkdtemp(prefix="nbs-bench-bundle-"))
    (folder / "root").mkdir()
    with running_lab(folder / "root", folder, "--LabApp.expose_app_in_browser=True") as (port, token):
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/api/status?token={token}", time.monotonic() + 180)
        driver = subprocess.run(
            ["node", str(REPO / "bench" / "bundle_startup_browser.js"), base, token],
            cwd=REPO / "ui-tests",
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(driver.stdout.strip().splitlines()[-1])


def js_total(url_paths: list[str]) -> tuple[int, list[Path]]:
    files = [path for path in (local_file(url) for url in url_paths if url.endswith(".js") or ".js?" in url) if path]
    return sum(map(gzipped, files)), files


def main() -> int:
    if not list(STATIC.glob("remoteEntry.*.js")):
        print(f"No build in {STATIC}; run `jlpm build:prod` first.", file=sys.stderr)
        return 2
    build = "development" if list(STATIC.glob("*.js.map")) else "production"
    print(f"build: {build}")
    totals = static_report()
    fetched = browser_fetches()
    ours = [url for url in fetched["startup"] if "/lab/extensions/nbschedule/" in url]
    everything, _ = js_total(fetched["startup"])
    ours_size, our_files = js_total(ours)
    print("\nIn Chromium, JupyterLab start-up:")
    for path in our_files:
        print(f"  fetched {kib(gzipped(path))} gz  {path.name}")
    print(f"  nbschedule JS at start-up: {kib(ours_size)} gz (static initial: {kib(totals['initial'])} gz)")
    print(f"  all JS at start-up (JupyterLab and every extension; the baseline): {kib(everything)} gz")
    print(f"  nbschedule's share of start-up JS: {ours_size / everything:.3f}")
    for label, key in (
        ("read ahead when idle", "readAhead"),
        ("on first showing the runs panel", "runs"),
        ("on first showing the Schedules view", "schedules"),
    ):
        size, files = js_total([url for url in fetched[key] if "/lab/extensions/nbschedule/" in url])
        print(f"  {label}: {kib(size)} gz in {', '.join(p.name for p in files) or '-'}")
    initial_names = {path.name for path in classify(STATIC)[0]}
    unexpected = [path.name for path in our_files if path.name not in initial_names]
    if unexpected:
        print(f"  lazy chunks fetched at start-up: {', '.join(unexpected)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
