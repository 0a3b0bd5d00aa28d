"""Command line: ``nbschedule run SPEC.json [options]`` runs a schedule's notebook once;
``nbschedule scheduler ROOT`` runs the scheduler service (see scheduler/command.py).

Exit codes: 0 success, 1 the run failed, 2 the run was refused or the input was bad.
Bad input is reported in one line on stderr, never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from .cron import ParameterNameError, check_parameter_name, parameter_name_problems, timing_problems
from .scheduler import command as scheduler_command

EXIT_CODES = {"success": 0, "failed": 1, "refused": 2}


class BadInput(ValueError):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nbschedule", description="Run scheduled notebooks.")
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run a schedule's notebook once, as the scheduler would")
    run.add_argument("spec", help="the schedule spec (JSON file)")
    run.add_argument("--workspace", default=".", help="folder the spec's notebook path is relative to (default: .)")
    run.add_argument("--logical-date", help="ISO date or date-time the run is for (default: now, UTC)")
    run.add_argument(
        "-p",
        "--parameter",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a parameter; typed by the spec, JSON for undeclared ones",
    )
    run.add_argument("--store", help="run store folder or fsspec URL (default: <workspace>/nbschedule-runs)")
    run.add_argument("--allow-unsandboxed", action="store_true", help="run even where no sandbox can be made")
    run.add_argument(
        "--keep-run-folder",
        action="store_true",
        help="keep the kernel's scratch folder (removed after the run otherwise) and print its path",
    )
    scheduler_command.add_parser(commands)
    return parser


def _load_spec(path: str) -> dict[str, Any]:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise BadInput(f"cannot read spec {path}: {error.strerror}") from None
    except (ValueError, RecursionError) as error:  # not JSON, not UTF-8, nested too deep
        raise BadInput(f"spec {path} is not valid JSON: {str(error)[:200] or type(error).__name__}") from None


def _logical_date(text: str | None) -> datetime:
    if text is None:
        return datetime.now(timezone.utc)
    try:
        value = datetime.fromisoformat(text)
        value = (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    except (ValueError, OverflowError):
        raise BadInput(f"--logical-date {text!r} is not an ISO date or date-time") from None
    if not 1970 <= value.year < 2200:
        raise BadInput(f"--logical-date {text!r} must lie between 1970 and 2200")
    return value


def _typed(raw: str, declared: str | None) -> Any:
    if declared in ("str", "date", "datetime"):
        if declared == "date":
            date.fromisoformat(raw)
        elif declared == "datetime":
            datetime.fromisoformat(raw)
        return raw
    if declared == "int":
        return int(raw)
    if declared == "float":
        return float(raw)
    if declared == "bool":
        if raw.lower() not in ("true", "false", "1", "0", "yes", "no"):
            raise ValueError("expected true or false")
        return raw.lower() in ("true", "1", "yes")
    try:
        value = json.loads(raw)
    except json.JSONDecodeError:
        if declared in ("list", "dict"):
            raise
        return raw  # an undeclared parameter that is not JSON is taken as a string
    if declared == "list" and not isinstance(value, list) or declared == "dict" and not isinstance(value, dict):
        raise ValueError(f"expected a JSON {declared}")
    return value


def _overrides(pairs: list[str], spec: dict[str, Any]) -> dict[str, Any]:
    declared = {p.get("name"): p.get("type") for p in spec.get("parameters", []) if isinstance(p, dict)}
    overrides = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep:
            raise BadInput(f"-p {pair!r} must look like name=value")
        try:
            check_parameter_name(name)
        except ParameterNameError as error:
            raise BadInput(f"-p {pair!r}: {error}") from None
        try:
            overrides[name] = _typed(raw, declared.get(name))
        except ValueError as error:
            raise BadInput(f"-p {name}: {raw!r} is not a valid {declared.get(name) or 'value'} ({error})") from None
    return overrides


def _run(args: argparse.Namespace) -> int:
    # Imported here, not on top: the operator pulls in nbclient and more, which
    # `nbschedule --help` need not wait for.
    from .operator import run_notebook
    from .spec.paths import PathRefused, inside_root

    spec = _load_spec(args.spec)
    if not isinstance(spec, dict):
        raise BadInput(f"spec {args.spec} must be a JSON object")
    if not Path(args.workspace).is_dir():
        raise BadInput(f"workspace {args.workspace} is not a folder")
    problems = timing_problems(spec) + parameter_name_problems(spec)
    if problems:
        raise BadInput(f"spec {args.spec}: " + "; ".join(f"{path}: {message}" for path, message in problems))
    if isinstance(spec.get("notebook"), str):
        try:
            inside_root(args.workspace, spec["notebook"])
        except PathRefused as refused:
            raise BadInput(f"spec {args.spec}: /notebook: {refused}") from None
    result = run_notebook(
        spec,
        workspace=args.workspace,
        logical_date=_logical_date(args.logical_date),
        parameter_overrides=_overrides(args.parameter, spec),
        store=args.store,
        allow_unsandboxed=args.allow_unsandboxed,
        keep_run_folder=args.keep_run_folder,
    )
    record = result.record
    print(f"run_id: {result.run_id}")
    print(f"status: {result.status} ({record['exit_reason']})")
    print(f"output: {result.output_uri or '-'}")
    if result.status != "success":
        print(f"reason: {record['message']}")
    if record.get("run_folder"):
        print(f"run_folder: {record['run_folder']}")
    return EXIT_CODES[result.status]


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "run":
        from .operator.lean_start import skip_format_checkers

        skip_format_checkers()
    from .operator.store import RunAlreadyRecorded

    try:
        if args.command == "scheduler":
            return scheduler_command.run(args)
        return _run(args)
    # BadInput, SpecInvalid, CatalogueInvalid and a bad run id are all ValueErrors.
    except (ValueError, RunAlreadyRecorded) as error:
        print(f"nbschedule: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
