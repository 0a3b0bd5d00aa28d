"""IPython magics for interactive use: ``%load_ext nbschedule.warehouse.magics``.

``%%sql df [--conn NAME]`` runs the query below and binds the DataFrame ``df``;
``%%upload df --table NAME [--conn NAME] [--mode replace|append]`` writes ``df``.
Bind parameters in queries (``:name``) take their values from the user namespace,
as the scheduled run takes them from the injected parameters.

The workspace (for connections) is ``$NBSCHEDULE_WORKSPACE``, else the nearest folder
above the kernel's working directory holding ``.nbschedule``, else that directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from IPython.core.magic import Magics, cell_magic, magics_class

from .cell_syntax import parse_sql, parse_upload
from .connections import resolve_connection
from .frames import read_query, write_frame


def _workspace() -> Path:
    if os.environ.get("NBSCHEDULE_WORKSPACE"):
        return Path(os.environ["NBSCHEDULE_WORKSPACE"])
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / ".nbschedule").is_dir():
            return folder
    return here


@magics_class
class WarehouseMagics(Magics):
    @cell_magic
    def sql(self, line: str, cell: str):
        parsed = parse_sql(line, cell)
        url = resolve_connection(parsed.connection, _workspace())
        self.shell.user_ns[parsed.frame] = read_query(url, parsed.query, self.shell.user_ns)
        return self.shell.user_ns[parsed.frame]

    @cell_magic
    def upload(self, line: str, cell: str):
        parsed = parse_upload(line, cell)
        if parsed.frame not in self.shell.user_ns:
            raise NameError(f"%%upload: no DataFrame named '{parsed.frame}' in the notebook")
        url = resolve_connection(parsed.connection, _workspace())
        rows = write_frame(self.shell.user_ns[parsed.frame], url, parsed.table, parsed.mode)
        print(f"Wrote {rows} rows to {parsed.connection}:{parsed.table} ({parsed.mode})")


def _give_upload_cells_a_body(lines: list[str]) -> list[str]:
    # IPython refuses a cell magic whose body is empty, but an upload cell is just its
    # first line; a comment body (ignored by the parser) lets it through.
    if lines and lines[0].lstrip().startswith("%%upload") and not "".join(lines[1:]).strip():
        return [lines[0].rstrip("\n") + "\n", "# (upload)\n"]
    return lines


def load_ipython_extension(ipython) -> None:
    ipython.register_magics(WarehouseMagics)
    if _give_upload_cells_a_body not in ipython.input_transformers_cleanup:
        ipython.input_transformers_cleanup.append(_give_upload_cells_a_body)
