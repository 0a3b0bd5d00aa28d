"""The ``nbschedule scheduler`` command: run the service, or change or show its mode.

nbschedule scheduler ROOT [options]       run the scheduler service
nbschedule scheduler pause-all ROOT       nothing fires or starts until resume
nbschedule scheduler drain ROOT           running runs finish, none start
nbschedule scheduler resume ROOT          back to running
nbschedule scheduler status ROOT          health as JSON (exit 0 when a scheduler fires)
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
from datetime import datetime, timezone
from pathlib import Path

MODE_OF_ACTION = {"pause-all": "paused", "drain": "draining", "resume": "running"}
ACTIONS = (*MODE_OF_ACTION, "status")


class CommandError(ValueError):
    pass


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "scheduler",
        help="run the scheduler as a service, or pause-all|drain|resume|status it",
        usage="nbschedule scheduler [options] ROOT\n       nbschedule scheduler {pause-all,drain,resume,status} ROOT",
        description="nbschedule scheduler ROOT runs the service; nbschedule scheduler ACTION ROOT, with ACTION "
        "one of pause-all, drain, resume, status, acts on every scheduler of the workspace.",
    )
    parser.add_argument(
        "words",
        nargs="+",
        metavar="[ACTION] ROOT",
        help="an action (default: run the service), then the workspace folder holding schedules/",
    )
    parser.add_argument("--tick-seconds", type=float, default=1.0)
    parser.add_argument("--max-workers", type=int, default=2)
    parser.add_argument(
        "--lease-seconds",
        type=float,
        default=30.0,
        help="a standby takes over this long after the holder stopped renewing (default 30)",
    )
    parser.add_argument("--database", default="", help="scheduler SQLite file (default ROOT/.nbschedule/scheduler.db)")
    parser.add_argument("--store", default="", help="run store folder or fsspec URL (default ROOT/nbschedule-runs)")
    parser.add_argument("--http-port", type=int, help="serve /metrics and /health on 127.0.0.1:PORT")
    parser.add_argument(
        "--stop-grace-seconds",
        type=float,
        default=60.0,
        help="on SIGTERM, how long running runs may take to finish (default 60)",
    )
    parser.add_argument("--allow-unsandboxed", action="store_true")


def run(args: argparse.Namespace) -> int:
    if len(args.words) == 1:
        action, root = "serve", args.words[0]
    elif len(args.words) == 2 and args.words[0] in ACTIONS:
        action, root = args.words
    else:
        raise CommandError(f"expected ROOT or one of {', '.join(ACTIONS)} then ROOT, got {' '.join(args.words)!r}")
    if not Path(root).is_dir():
        raise CommandError(f"workspace {root} is not a folder")
    # The CLI builds this command's parser for every call (--help too); what runs it is
    # imported only here, so the other commands start without the scheduler's imports.
    if action == "serve":
        from .config import NbScheduleScheduler
        from .daemon import serve

        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
        config = NbScheduleScheduler(
            tick_seconds=args.tick_seconds,
            max_workers=args.max_workers,
            lease_seconds=args.lease_seconds,
            database=args.database,
            store=args.store,
            allow_unsandboxed=args.allow_unsandboxed,
        )
        return serve(root, config, http_port=args.http_port, stop_grace=args.stop_grace_seconds)
    from .controls import set_mode
    from .database import Database
    from .health import workspace_health
    from .processes import HOST

    db = Database(args.database or Path(root).resolve() / ".nbschedule" / "scheduler.db")
    try:
        if action in MODE_OF_ACTION:
            with db.write() as connection:
                set_mode(
                    connection, MODE_OF_ACTION[action], f"cli:{getpass.getuser()}@{HOST}", datetime.now(timezone.utc)
                )
        report = workspace_health(db)
    finally:
        db.close()
    print(json.dumps(report, indent=2))
    return 0 if action != "status" or report["alive"] else 1
