"""One attempt of one workflow item, in its own process: ``python -m nbschedule.workflow.item``.

Reads the attempt as JSON on stdin, runs it with ``run_notebook`` and prints a summary as
one JSON line. A process per attempt, as the embedded scheduler's workers are: items of a
fan-out run side by side, and a stuck kernel is stopped with its process group.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from typing import Any

from ..operator import RunAlreadyRecorded, run_notebook
from ..operator.store import AttemptFolder


def summary(record: dict[str, Any]) -> dict[str, Any]:
    return {key: record.get(key) for key in ("status", "exit_reason", "message", "output_uri", "published")}


def run_attempt(job: dict[str, Any]) -> dict[str, Any]:
    try:
        result = run_notebook(
            job["spec"],
            workspace=job["workspace"],
            logical_date=datetime.fromisoformat(job["logical_date"]),
            trigger=job["trigger"],
            run_id=job["run_id"],
            attempt=job["attempt"],
            store=job["store"],
            parameter_overrides=job["overrides"],
            allow_unsandboxed=job["allow_unsandboxed"],
            workflow=job["workflow"],
        )
    except RunAlreadyRecorded:  # recorded before this process was asked again: that record stands
        folder = AttemptFolder(job["store"], job["spec"]["name"], job["run_id"], job["attempt"])
        return summary(json.loads(folder.fs.cat_file(f"{folder.path}/record.json").decode("utf-8")))
    return summary(result.record)


def main() -> int:
    job = json.loads(sys.stdin.read())
    try:
        outcome = run_attempt(job)
    except Exception as error:  # a bad spec or store: the item fails with the reason
        outcome = {
            "status": "failed",
            "exit_reason": "worker_error",
            "output_uri": None,
            "published": {},
            "message": f"The run could not start: {type(error).__name__}: {error}",
        }
    print("NBSCHEDULE-ITEM " + json.dumps(outcome), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
