"""Staging query results before the run and publishing uploads after it.

Files are Parquet (through pyarrow), or CSV where pyarrow is missing. Both directions
go through the named connection outside the sandbox; the notebook only sees files.
pandas and SQLAlchemy (``warehouse.frames``) are imported only when a cell needs them.
"""

from __future__ import annotations

import importlib.util
import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .readback import read_run_file
from .rewrite import StagedCell

if TYPE_CHECKING:
    import pandas


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


def stage_inputs(
    inputs: list[StagedCell], url_of: Callable[[str], str], values: dict[str, Any]
) -> list[dict[str, Any]]:
    """Run each SQL cell's query into its staging file; raises StepFailed."""
    staged = []
    for cell in inputs:
        from ..warehouse.frames import read_query

        try:
            frame = read_query(url_of(cell.magic.connection), cell.magic.query, values)
            _save(frame, cell.path)
        except Exception as error:  # a driver, SQL or file error all mean "this cell could not be staged"
            raise StepFailed(cell, error) from error
        staged.append(
            {
                "cell": cell.index,
                "cell_id": cell.cell_id,
                "connection": cell.magic.connection,
                "frame": cell.magic.frame,
                "rows": len(frame),
            }
        )
    return staged


def _staged_frame(cell: StagedCell, run_folder: Path, max_bytes: int) -> pandas.DataFrame:
    """The DataFrame an upload cell wrote; the kernel wrote the file, so it is read back
    through read_run_file (no links, regular files, capped)."""
    try:
        data = read_run_file(run_folder, cell.path, max_bytes)
    except FileNotFoundError:
        raise FileNotFoundError(f"the upload cell did not write {cell.path.name}; did it run?") from None
    from ..warehouse.frames import pandas_module

    pandas = pandas_module()
    if cell.path.suffix == ".parquet":
        return pandas.read_parquet(io.BytesIO(data))
    return pandas.read_csv(io.BytesIO(data), index_col=0)


def _summary(cell: StagedCell, rows: int) -> dict[str, Any]:
    return {
        "cell": cell.index,
        "cell_id": cell.cell_id,
        "connection": cell.magic.connection,
        "table": cell.magic.table,
        "mode": cell.magic.mode,
        "rows": rows,
    }


def publish_outputs(
    outputs: list[StagedCell], url_of: Callable[[str], str], run_folder: Path, max_bytes: int
) -> list[dict[str, Any]]:
    """Write each upload cell's staged DataFrame to its table; raises StepFailed."""
    published = []
    for cell in outputs:
        from ..warehouse.frames import write_frame

        try:
            rows = write_frame(
                _staged_frame(cell, run_folder, max_bytes),
                url_of(cell.magic.connection),
                cell.magic.table,
                cell.magic.mode,
            )
        except Exception as error:  # as above: any failure here means "not published"
            raise StepFailed(cell, error) from error
        published.append(_summary(cell, rows))
    return published


def withheld_outputs(outputs: list[StagedCell], run_folder: Path, max_bytes: int) -> list[dict[str, Any]]:
    """What publishing would write, read back but not written: test runs leave the
    warehouse untouched. Raises StepFailed where publishing would have failed to read."""
    withheld = []
    for cell in outputs:
        try:
            rows = len(_staged_frame(cell, run_folder, max_bytes))
        except Exception as error:  # as above
            raise StepFailed(cell, error) from error
        withheld.append(_summary(cell, rows))
    return withheld


def remove_staging(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
