"""Named warehouse connections and the data moving through them.

A connection is a name (``warehouse`` by default) bound to an SQLAlchemy URL; see
``connections.resolve_connection`` for where names are looked up. The operator stages
query results and publishes uploads through these helpers; the IPython magics in
``magics`` use the same helpers so a notebook behaves alike live and scheduled.

Names are loaded on first use (PEP 562): pandas and SQLAlchemy are imported only by a
run that stages or uploads data, not by every process that touches this package.
"""

import importlib

_HOMES = {
    "CellSyntaxError": "cell_syntax",
    "SqlCell": "cell_syntax",
    "UploadCell": "cell_syntax",
    "parse_magic_cell": "cell_syntax",
    "DEFAULT_CONNECTION": "connections",
    "ConnectionConfigError": "connections",
    "resolve_connection": "connections",
    "read_query": "frames",
    "write_frame": "frames",
    "has_landed": "landed",
    "landed_day": "landed",
}


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)


__all__ = [
    "DEFAULT_CONNECTION",
    "CellSyntaxError",
    "ConnectionConfigError",
    "SqlCell",
    "UploadCell",
    "has_landed",
    "landed_day",
    "parse_magic_cell",
    "read_query",
    "resolve_connection",
    "write_frame",
]
