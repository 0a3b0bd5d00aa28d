"""Where a run stopped and why, in the words of its record's message."""

from __future__ import annotations

from .limits import REASONS


def failure_message(outcome, failing: dict | None) -> str:
    if failing is None:
        return outcome.error["evalue"]
    where = f"cell {failing['index']}" + (
        ""
        if failing["source_index"] == failing["index"]
        else f" (cell {failing['source_index']} of the source notebook)"
    )
    return {
        "cell_error": f"Output notebook {where} raised {outcome.error['ename']}: {outcome.error['evalue']}",
        "cell_timeout": f"Output notebook {where} ran past the cell time limit.",
        "run_timeout": f"The run passed its time limit at output notebook {where}.",
        "kernel_died": f"{outcome.error['evalue']} (output notebook {where})",
    }.get(outcome.exit_reason) or (
        f"The run stopped at output notebook {where}: {REASONS[outcome.exit_reason]} "
        f"({outcome.error['ename']}: {outcome.error['evalue']})"
    )
