"""The words of a failure notification, from a run record.

The notebook controls part of them (an exception's text), so each part is cut short
and so is the whole: a notice is a pointer to the run, not a copy of its output.
"""

from __future__ import annotations

from typing import Any

_REASONS = {
    "cell_error": "a cell raised an error",
    "cell_timeout": "a cell ran past its time limit",
    "run_timeout": "the run ran past its time limit",
    "kernel_died": "the kernel died",
    "bad_notebook": "the notebook could not be read",
    "zone_violation": "it breaks its purpose policy zone",
    "staging_failed": "an input query could not be staged",
    "publish_failed": "an output could not be published",
    "sandbox_unavailable": "no sandbox could be made on this machine",
    "invalid_notebook": "the notebook is not a valid notebook file",
    "memory_limit": "it used more memory than its limit",
    "process_limit": "it started more processes than its limit",
    "cpu_limit": "it used more CPU time than its limit",
    "disk_limit": "it wrote more to disk than its limit",
    "output_limit": "its output notebook grew past its limit",
}
MAX_ERROR_CHARS = 300
MAX_TEXT_CHARS = 1000


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def failure_subject(record: dict[str, Any]) -> str:
    verb = "was refused" if record["status"] == "refused" else "failed"
    return f"[nbschedule] {record['schedule']} {verb} ({record['logical_date'][:10]})"


def failure_text(record: dict[str, Any]) -> str:
    verb = "was refused" if record["status"] == "refused" else "failed"
    lines = [
        f"Schedule {record['schedule']}: run {record['run_id']} (attempt {record['attempt']}) {verb}: "
        f"{_REASONS.get(record['exit_reason'], record['exit_reason'])}."
    ]
    error = record.get("error")
    if error:
        lines.append(_cut(f"{_cut(str(error['ename']), 100)}: {error['evalue']}", MAX_ERROR_CHARS))
    failing = record.get("failing_cell")
    if failing:
        lines.append(f"Failing cell: {failing['index']} (id {failing['id']}).")
    if record.get("output_uri"):
        lines.append(f"Output notebook: {record['output_uri']}")
    return _cut("\n".join(lines), MAX_TEXT_CHARS)
