"""Initial vs lazily loaded JavaScript of the built labextension.

JupyterLab loads remoteEntry, the plugin entry chunk and the style chunk at start-up;
every other chunk (the wizard, Octokit, the runs panel's heavy parts) loads on first
use. Run after `jlpm build:prod` (or `jlpm build`) as `python bench/bundle_size.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "nbschedule" / "labextension" / "static"
INITIAL_PREFIXES = ("remoteEntry.", "lib_index_js.", "style_index_js.", "style.js")


def main() -> int:
    chunks = sorted(STATIC.glob("*.js"))
    if not chunks:
        print(f"No build in {STATIC}; run `jlpm build:prod` first.", file=sys.stderr)
        return 2
    initial = [chunk for chunk in chunks if chunk.name.startswith(INITIAL_PREFIXES)]
    lazy = [chunk for chunk in chunks if chunk not in initial]
    initial_bytes = sum(chunk.stat().st_size for chunk in initial)
    lazy_bytes = sum(chunk.stat().st_size for chunk in lazy)
    for chunk in chunks:
        kind = "initial" if chunk in initial else "lazy"
        print(f"{kind:8} {chunk.stat().st_size / 1024:9.1f} KiB  {chunk.name}")
    print(f"initial JS: {initial_bytes / 1024:.1f} KiB; lazy JS: {lazy_bytes / 1024:.1f} KiB")
    print(f"initial share of all extension JS: {initial_bytes / (initial_bytes + lazy_bytes):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
