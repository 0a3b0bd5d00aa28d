"""A workflow run as the embedded scheduler's worker runs it: the parent run's attempt runs
the graph (the first attempt) or its failed items (any later attempt, e.g. a re-run)."""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any

from .runner import run_workflow

# Items of all nodes under way at once; each node's max_parallel applies within it.
MAX_WORKERS_VARIABLE = "NBSCHEDULE_WORKFLOW_WORKERS"


def run_workflow_job(job: dict[str, Any]) -> dict[str, Any]:
    """The worker's outcome for a workflow spec's run."""
    summary = run_workflow(
        job["spec"],
        rerun=job["attempt"] > 1,
        only=job.get("rerun_items"),
        workspace=job["workspace"],
        logical_date=datetime.fromisoformat(job["logical_date"]),
        run_id=job["run_id"],
        store=job["store"],
        trigger=job["trigger"],
        allow_unsandboxed=job["allow_unsandboxed"],
        max_workers=int(os.environ.get(MAX_WORKERS_VARIABLE, "4")),
    )
    failed = summary["status"] != "success"
    return {
        "status": summary["status"],
        "exit_reason": "node_failed" if failed else "completed",
        "message": summary["message"],
        "output_path": None,
    }
