"""The two cell conventions: ``%%sql <df> [--conn NAME]`` and ``%%upload <df> --table T ...``.

One parser serves the IPython magics (live kernels) and the operator (scheduled runs), so
both read a cell the same way.
"""

from __future__ import annotations

import argparse
import re
import shlex
from dataclasses import dataclass

from .connections import DEFAULT_CONNECTION

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TABLE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$")
_CONNECTION = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


class CellSyntaxError(ValueError):
    """A ``%%sql`` or ``%%upload`` cell that does not follow the convention."""


@dataclass(frozen=True)
class SqlCell:
    frame: str
    connection: str
    query: str


@dataclass(frozen=True)
class UploadCell:
    frame: str
    connection: str
    table: str
    mode: str


class _Parser(argparse.ArgumentParser):
    # argparse prints and exits on errors; a notebook cell needs an exception instead.
    def error(self, message):
        raise CellSyntaxError(f"{self.prog}: {message}")


def _sql_parser() -> _Parser:
    parser = _Parser(prog="%%sql", add_help=False)
    parser.add_argument("frame")
    parser.add_argument("--conn", default=DEFAULT_CONNECTION)
    return parser


def _upload_parser() -> _Parser:
    parser = _Parser(prog="%%upload", add_help=False)
    parser.add_argument("frame")
    parser.add_argument("--table", required=True)
    parser.add_argument("--conn", default=DEFAULT_CONNECTION)
    parser.add_argument("--mode", choices=["replace", "append"], default="replace")
    return parser


def _check(kind: str, value: str, pattern: re.Pattern, what: str) -> str:
    if not pattern.match(value):
        raise CellSyntaxError(f"{kind}: {value!r} is not a valid {what}")
    return value


def parse_sql(line: str, body: str) -> SqlCell:
    """`line` is what follows ``%%sql``; `body` the query."""
    args = _sql_parser().parse_args(shlex.split(line))
    if not body.strip():
        raise CellSyntaxError("%%sql: the cell has no query below its first line")
    return SqlCell(
        frame=_check("%%sql", args.frame, _IDENTIFIER, "Python name"),
        connection=_check("%%sql", args.conn, _CONNECTION, "connection name"),
        query=body.strip(),
    )


def parse_upload(line: str, body: str) -> UploadCell:
    """`line` is what follows ``%%upload``; the body may hold comments only."""
    args = _upload_parser().parse_args(shlex.split(line))
    code = [row for row in body.splitlines() if row.strip() and not row.lstrip().startswith("#")]
    if code:
        # Code here would silently never run at schedule time, so it is an error everywhere.
        raise CellSyntaxError("%%upload: put code in a cell of its own; an upload cell holds only its first line")
    return UploadCell(
        frame=_check("%%upload", args.frame, _IDENTIFIER, "Python name"),
        connection=_check("%%upload", args.conn, _CONNECTION, "connection name"),
        table=_check("%%upload", args.table, _TABLE, "table name"),
        mode=args.mode,
    )


def parse_magic_cell(source: str) -> SqlCell | UploadCell | None:
    """The cell's convention, or None for an ordinary cell; raises CellSyntaxError."""
    first, _, body = source.lstrip("\n").partition("\n")
    first = first.strip()
    if first == "%%sql" or first.startswith("%%sql "):
        return parse_sql(first[len("%%sql") :], body)
    if first == "%%upload" or first.startswith("%%upload "):
        return parse_upload(first[len("%%upload") :], body)
    return None
