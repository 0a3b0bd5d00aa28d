"""The scheduler without a Jupyter server: ``python -m nbschedule.scheduler.standalone ROOT``.

For machines that only run schedules, and for tests that kill a scheduler process.
Options map to ``NbScheduleScheduler`` traits; SIGTERM or SIGINT stops it cleanly.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading

from .config import NbScheduleScheduler
from .engine import Scheduler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m nbschedule.scheduler.standalone")
    parser.add_argument("root", help="workspace folder holding schedules/*.json")
    parser.add_argument("--tick-seconds", type=float, default=1.0)
    parser.add_argument("--max-workers", type=int, default=2)
    parser.add_argument("--lease-seconds", type=float, default=30.0)
    parser.add_argument("--allow-unsandboxed", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    config = NbScheduleScheduler(tick_seconds=args.tick_seconds, max_workers=args.max_workers,
                                 lease_seconds=args.lease_seconds, allow_unsandboxed=args.allow_unsandboxed)
    scheduler = Scheduler(args.root, config)
    stopping = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stopping.set())
    while not stopping.is_set():
        try:
            scheduler.tick()
        except Exception:  # logged; the next tick tries again
            logging.getLogger("nbschedule.scheduler").exception("scheduler tick failed")
        stopping.wait(config.tick_seconds)
    scheduler.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
