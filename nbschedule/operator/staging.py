"""Staging query results before the run and publishing uploads after it.

Files are Parquet (through pyarrow), or CSV where pyarrow is missing. Both directions
go through the named connection outside the sandbox; the notebook only sees files.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..warehouse.frames import pandas_module, read_query, write_frame

if TYPE_CHECKING:
    import pandas
from .rewrite import StagedCell


class StepFailed(Exception):
    """Staging or publishing a cell failed; says which cell and why."""

    def __init__(self, cell: StagedCell, error: Exception):
        self.cell, self.error = cell, error
        super().__init__(f"{type(error).__name__}: {error}")


def staging_format() -> str:
    return "parquet" if importlib.util.find_spec("pyarrow") is not None else "csv"


def _save(frame: pandas.DataFrame, path: Path) -> None:
    if path.suffix == ".parquet":
        frame.to_parquet(path)
    else:
        frame.to_csv(path)


def _load(path: Path) -> pandas.DataFrame:
    pandas = pandas_module()
    return pandas.read_parquet(path) if path.suffix == ".parquet" else pandas.read_csv(path, index_col=0)


def stage_inputs(inputs: list[StagedCell], url_of: Callable[[str], str], values: dict[str, Any]) -> list[dict[str, Any]]:
    """Run each SQL cell's query into its staging file; raises StepFailed."""
    staged = []
    for cell in inputs:
        try:
            frame = read_query(url_of(cell.magic.connection), cell.magic.query, values)
            _save(frame, cell.path)
        except Exception as error:  # a driver, SQL or file error all mean "this cell could not be staged"
            raise StepFailed(cell, error) from error
        staged.append({"cell": cell.index, "cell_id": cell.cell_id, "connection": cell.magic.connection,
                       "frame": cell.magic.frame, "rows": len(frame)})
    return staged


def _staged_frame(cell: StagedCell):
    if not cell.path.exists():
        raise FileNotFoundError(f"the upload cell did not write {cell.path.name}; did it run?")
    return _load(cell.path)


def _summary(cell: StagedCell, rows: int) -> dict[str, Any]:
    return {"cell": cell.index, "cell_id": cell.cell_id, "connection": cell.magic.connection,
            "table": cell.magic.table, "mode": cell.magic.mode, "rows": rows}


def publish_outputs(outputs: list[StagedCell], url_of: Callable[[str], str]) -> list[dict[str, Any]]:
    """Write each upload cell's staged DataFrame to its table; raises StepFailed."""
    published = []
    for cell in outputs:
        try:
            rows = write_frame(_staged_frame(cell), url_of(cell.magic.connection), cell.magic.table, cell.magic.mode)
        except Exception as error:  # as above: any failure here means "not published"
            raise StepFailed(cell, error) from error
        published.append(_summary(cell, rows))
    return published


def withheld_outputs(outputs: list[StagedCell]) -> list[dict[str, Any]]:
    """What publishing would write, read back but not written: test runs leave the
    warehouse untouched. Raises StepFailed where publishing would have failed to read."""
    withheld = []
    for cell in outputs:
        try:
            rows = len(_staged_frame(cell))
        except Exception as error:  # as above
            raise StepFailed(cell, error) from error
        withheld.append(_summary(cell, rows))
    return withheld


def remove_staging(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
