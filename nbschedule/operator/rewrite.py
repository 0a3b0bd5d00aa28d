"""Rewriting the notebook for a scheduled run: no cell reaches a database itself.

- ``%%sql df`` cells become a read of the file the operator staged the query into;
- ``%%upload df --table T`` cells become a write of ``df`` to a staging file, which the
  operator publishes after the run;
- ``%load_ext nbschedule.warehouse.magics`` lines become comments (the magics are not
  needed, and the package need not be importable inside the sandbox).

Cells keep their ids and metadata, so the output notebook lines up with the source; the
original cell text stays visible as comments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..warehouse.cell_syntax import CellSyntaxError, SqlCell, UploadCell, parse_magic_cell

_LOAD_MAGICS = re.compile(r"^(\s*)%(re)?load_ext\s+nbschedule\.warehouse\.magics\s*$", re.MULTILINE)


class NotebookCellError(ValueError):
    def __init__(self, index: int, message: str):
        self.index = index
        super().__init__(f"Cell {index}: {message}")


@dataclass(frozen=True)
class StagedCell:
    """A SQL or upload cell and the staging file standing in for its database access."""

    index: int  # in the source notebook
    cell_id: str
    magic: SqlCell | UploadCell
    path: Path


@dataclass
class Plan:
    inputs: list[StagedCell]
    outputs: list[StagedCell]


def ensure_cell_ids(nb: nbformat.NotebookNode) -> None:
    """Give cells without an id (notebooks before format 4.5) a stable one."""
    nb.nbformat_minor = max(nb.nbformat_minor, 5)
    for index, cell in enumerate(nb.cells):
        if not cell.get("id"):
            cell["id"] = f"cell-{index}"


def _commented(source: str) -> str:
    return "\n".join(f"# {line}" if line.strip() else "#" for line in source.splitlines())


def _reader(path: Path, file_format: str) -> str:
    return (
        f"pandas.read_parquet({str(path)!r})"
        if file_format == "parquet"
        else f"pandas.read_csv({str(path)!r}, index_col=0)"
    )


def _writer(frame: str, path: Path, file_format: str) -> str:
    return f"{frame}.to_parquet({str(path)!r})" if file_format == "parquet" else f"{frame}.to_csv({str(path)!r})"


def rewrite_notebook(nb: nbformat.NotebookNode, staging: Path, file_format: str) -> Plan:
    """Rewrite `nb` in place; raises NotebookCellError for a malformed magic cell."""
    plan = Plan([], [])
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        try:
            magic = parse_magic_cell(cell.source)
        except CellSyntaxError as error:
            raise NotebookCellError(index, str(error)) from None
        original = _commented(cell.source)
        if isinstance(magic, SqlCell):
            path = staging / f"input-{index}-{magic.frame}.{file_format}"
            plan.inputs.append(StagedCell(index, cell.id, magic, path))
            cell.source = (
                f"{original}\n# nbschedule: the query ran before the notebook; its result is read from staging.\n"
                f"import pandas\n{magic.frame} = {_reader(path, file_format)}\n{magic.frame}"
            )
        elif isinstance(magic, UploadCell):
            path = staging / f"output-{index}-{magic.table}.{file_format}"
            plan.outputs.append(StagedCell(index, cell.id, magic, path))
            cell.source = (
                f"{original}\n# nbschedule: written to staging here, published to the table after the run.\n"
                f"{_writer(magic.frame, path, file_format)}"
            )
        else:
            cell.source = _LOAD_MAGICS.sub(
                r"\1# %load_ext nbschedule.warehouse.magics  (not needed in a scheduled run)", cell.source
            )
    return plan
