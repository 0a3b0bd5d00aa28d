"""A debug copy of a run: the source notebook as that run saw it, editable, on a live kernel.

Next to the source notebook, ``<name>.debug-<run_id>.ipynb`` holds:

- the run's injected-parameters cell with the exact values from its record;
- each SQL cell reading the input the run staged, when the failed attempt kept it
  (``inputs/`` of its attempt folder), else the original ``%%sql`` cell, which queries
  the warehouse live, with a warning in the cell;
- upload cells commented out: debugging must not publish to production tables;
- no outputs.

An existing copy is never overwritten: it may hold the user's fixes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from ..operator.parameters import INJECTED_TAG, inject_parameters
from ..operator.rewrite import ensure_cell_ids
from ..operator.workspace_git import exclude_debug_copies
from ..spec.paths import inside_root
from ..warehouse.cell_syntax import CellSyntaxError, SqlCell, UploadCell, parse_magic_cell

DEBUG_METADATA = "nbschedule_debug"


class NoRecord(ValueError):
    """The run has nothing to debug from (no record, or its notebook is gone)."""


@dataclass
class DebugCopy:
    path: str  # relative to the server root, ready to open
    created: bool
    failing_cell: dict[str, Any] | None
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "created": self.created,
            "failing_cell": self.failing_cell,
            "warnings": self.warnings,
        }


def _commented(source: str) -> str:
    return "\n".join(f"# {line}" if line.strip() else "#" for line in source.splitlines())


def _kept_inputs(record: dict[str, Any]) -> dict[str, str]:
    """Cell id → local file of the staged input the attempt kept."""
    return {
        staged["cell_id"]: staged["kept"]
        for staged in record.get("staged_inputs", [])
        if staged.get("kept") and os.path.isfile(staged["kept"])
    }


def _reader(path: str) -> str:
    if path.endswith(".parquet"):
        return f"pandas.read_parquet({path!r})"
    return f"pandas.read_csv({path!r}, index_col=0)"


def _rewrite_cell(cell, kept: dict[str, str], run_id: str, warnings: list[str], index: int) -> None:
    try:
        magic = parse_magic_cell(cell.source)
    except CellSyntaxError:
        return  # the run failed on it; the user should see it as it is
    if isinstance(magic, SqlCell):
        if cell.id in kept:
            cell.source = (
                f"{_commented(cell.source)}\n# nbschedule debug: the input run {run_id} staged for this "
                f"query.\nimport pandas\n{magic.frame} = {_reader(kept[cell.id])}\n{magic.frame}"
            )
        else:
            head, _, query = cell.source.partition("\n")
            # A cell magic must stay on the first line, so the warning is an SQL comment.
            cell.source = (
                f"{head}\n-- nbschedule debug: run {run_id} kept no staged input for this cell; "
                f"this queries the warehouse live, its data may differ from the run's.\n{query}"
            )
            warnings.append(f"Cell {index} queries the warehouse live: run {run_id} kept no staged input for it.")
    elif isinstance(magic, UploadCell):
        cell.source = (
            f"# nbschedule debug: not published from a debug copy (it would write to "
            f"{magic.connection}:{magic.table}).\n{_commented(cell.source)}"
        )


def _failing_index(nb, record: dict[str, Any]) -> dict[str, Any] | None:
    """The failing cell in the copy: the source notebook's cells plus the injected one.

    By position, not id: a source notebook without cell ids gets fresh ones on every read.
    The injected cell shifts the cells after it only where it was inserted, not where it
    replaced the source's own injected cell or where there was nothing to inject.
    """
    failing = record.get("failing_cell")
    injected = next((i for i, c in enumerate(nb.cells) if INJECTED_TAG in c.metadata.get("tags", [])), None)
    if not failing:
        return None
    source_index = failing.get("source_index")
    if source_index is None:
        index = injected
    else:
        inserted_at = nb.metadata.get(DEBUG_METADATA, {}).get("inserted_at", injected)
        index = source_index + (1 if inserted_at is not None and source_index >= inserted_at else 0)
    if index is None or index >= len(nb.cells):
        return None
    return {"index": index, "id": nb.cells[index].get("id")}


def debug_copy_path(root: Path, record: dict[str, Any]) -> Path:
    """Beside the run's notebook; raises PathRefused when either is not inside `root`."""
    source = inside_root(root, record["notebook"])
    return inside_root(
        root, source.with_name(f"{source.stem}.debug-{record['run_id']}.ipynb").relative_to(root).as_posix()
    )


def write_debug_copy(root: str | os.PathLike, record: dict[str, Any]) -> DebugCopy:
    """Write (or find) the debug copy of the run `record` describes; raises NoRecord, or
    PathRefused for a notebook outside the root."""
    root = Path(root).resolve()
    target = debug_copy_path(root, record)
    relative = target.relative_to(root).as_posix()
    if target.exists():
        return DebugCopy(relative, False, _failing_index(nbformat.read(target, as_version=4), record))
    try:
        nb = nbformat.read(inside_root(root, record["notebook"]), as_version=4)
    except (OSError, ValueError, AttributeError, KeyError, TypeError) as error:  # unreadable or not a notebook
        raise NoRecord(f"The notebook {record['notebook']} cannot be read: {error}") from None
    ensure_cell_ids(nb)
    kept, warnings = _kept_inputs(record), []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            _rewrite_cell(cell, kept, record["run_id"], warnings, index)
            cell.outputs, cell.execution_count = [], None
    count = len(nb.cells)
    injected_at, _ = inject_parameters(nb, record.get("parameters") or {})
    nb.metadata[DEBUG_METADATA] = {key: record.get(key) for key in ("schedule", "run_id", "attempt", "parameters")}
    nb.metadata[DEBUG_METADATA]["inserted_at"] = injected_at if len(nb.cells) > count else None
    nbformat.write(nb, target)
    exclude_debug_copies(root)
    return DebugCopy(relative, True, _failing_index(nb, record), warnings)
