"""Named warehouse connections and the data moving through them.

A connection is a name (``warehouse`` by default) bound to an SQLAlchemy URL; see
``connections.resolve_connection`` for where names are looked up. The operator stages
query results and publishes uploads through these helpers; the IPython magics in
``magics`` use the same helpers so a notebook behaves alike live and scheduled.
"""

from .cell_syntax import CellSyntaxError, SqlCell, UploadCell, parse_magic_cell
from .connections import DEFAULT_CONNECTION, ConnectionConfigError, resolve_connection
from .frames import read_query, write_frame
from .landed import has_landed, landed_day

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
