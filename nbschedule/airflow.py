"""Airflow 3 tasks for generated DAGs: the notebook operator, the landed-data sensor
and the failure callback.

Only generated DAG files import this module. It imports nothing else from nbschedule
until a task runs, so parsing a DAG needs Airflow alone and stays fast.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from airflow.exceptions import AirflowException
from airflow.sdk import BaseOperator, BaseSensorOperator

WORKSPACE_VARIABLE = "NBSCHEDULE_WORKSPACE"
# The run store URL shared with JupyterLab (e.g. s3://bucket/runs); credentials come from
# the standard places of its protocol (AWS_* variables, ~/.aws), never from the DAG.
STORE_VARIABLE = "NBSCHEDULE_STORE"
NOTEBOOK_TASK_ID = "run_notebook"
# A re-run asked from JupyterLab (nbschedule.airflow_api) puts what it repeats under this key.
RERUN_CONF_KEY = "nbschedule"


def _workspace(task: BaseOperator, configured: str | None) -> str:
    """The configured workspace, else $NBSCHEDULE_WORKSPACE, else the DAG folder's parent."""
    if configured:
        return configured
    if os.environ.get(WORKSPACE_VARIABLE):
        return os.environ[WORKSPACE_VARIABLE]
    return str(Path(task.dag.fileloc).resolve().parent.parent)


def _store(configured: str | None) -> str | None:
    """The configured store, else $NBSCHEDULE_STORE, else None: the workspace's own folder."""
    return configured or os.environ.get(STORE_VARIABLE) or None


def trigger_of(context: dict[str, Any]) -> str:
    """What started this try, in the run record's words: a later try is a retry, else the
    DAG run's type (a run triggered by hand or through the REST API is manual)."""
    if context["ti"].try_number > 1:
        return "retry"
    run_type = context["dag_run"].run_type
    run_type = str(getattr(run_type, "value", run_type))
    return run_type if run_type in ("scheduled", "backfill") else "manual"


def _logical_date(context: dict[str, Any]) -> datetime:
    # Airflow 3 runs triggered by hand or by assets may have no logical date.
    return context.get("logical_date") or context["dag_run"].run_after


def _rerun_request(context: dict[str, Any]) -> dict[str, Any]:
    """What a re-run asked from JupyterLab repeats (its DAG run's conf ``{"nbschedule": {...}}``):
    the original logical date and parameters; empty for any other DAG run."""
    asked = (getattr(context["dag_run"], "conf", None) or {}).get(RERUN_CONF_KEY)
    if asked is None:
        return {}
    if (
        not isinstance(asked, dict)
        or not isinstance(asked.get("logical_date"), str)
        or not isinstance(asked.get("parameters"), dict)
    ):
        raise AirflowException(
            f"The DAG run's conf '{RERUN_CONF_KEY}' must be an object with 'logical_date' "
            "(an ISO 8601 string) and 'parameters' (an object)."
        )
    try:
        return {"logical_date": datetime.fromisoformat(asked["logical_date"]), "parameters": asked["parameters"]}
    except ValueError:
        raise AirflowException(
            f"The DAG run's conf '{RERUN_CONF_KEY}.logical_date' is not an ISO 8601 date and time."
        ) from None


def store_run_id(airflow_run_id: str) -> str:
    """The run store's id for an Airflow DAG run: the same run id, in the store's alphabet.

    Every try of the task shares it; the try number becomes the attempt, so retries
    sit side by side in one run's folder.
    """
    safe = re.sub(r"[^A-Za-z0-9._:+-]", "_", airflow_run_id)
    safe = re.sub(r"\.{2,}", ".", safe).lstrip("._:+-")
    return (safe or "airflow")[:200]


class NotebookRunFailed(AirflowException):
    """A notebook run that ended and was recorded as failed (its owner is notified already)."""

    def __init__(self, result: Any):
        self.result = result
        record = result.record
        super().__init__(
            f"Notebook run {result.run_id} {result.status}: {record.get('exit_reason')}"
            f" ({record.get('message')}); output notebook: {result.output_uri or 'none written'}"
        )


class NotebookOperator(BaseOperator):
    """Runs the spec's notebook once, exactly as the embedded scheduler would."""

    def __init__(self, *, spec: dict, workspace: str | None = None, store: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.spec = spec
        self.workspace = workspace
        self.store = store

    def execute(self, context):
        from nbschedule.operator import run_notebook

        ti = context["ti"]
        rerun = _rerun_request(context)
        result = run_notebook(
            self.spec,
            workspace=_workspace(self, self.workspace),
            logical_date=rerun.get("logical_date") or _logical_date(context),
            parameter_overrides=rerun.get("parameters"),
            trigger=trigger_of(context),
            run_id=store_run_id(context["run_id"]),
            attempt=ti.try_number,
            store=_store(self.store),
        )
        if result.status != "success":
            raise NotebookRunFailed(result)
        return result.output_uri


class LandedSensor(BaseSensorOperator):
    """Waits until `table` has a row whose `date_column` is the run's logical date as a
    day in the schedule's time zone, the day the embedded scheduler waits for too."""

    def __init__(self, *, connection: str, table: str, date_column: str, workspace: str | None = None, **kwargs):
        super().__init__(**kwargs)
        self.connection = connection
        self.table = table
        self.date_column = date_column
        self.workspace = workspace

    def poke(self, context) -> bool:
        from nbschedule.warehouse import has_landed, landed_day, resolve_connection

        url = resolve_connection(self.connection, _workspace(self, self.workspace))
        # Airflow's logical date is UTC; the day waited for is the schedule's, as embedded.
        day = landed_day(_logical_date(context), _spec_of(self)["timezone"])
        return has_landed(url, self.table, self.date_column, day)


def _spec_of(task: BaseOperator) -> dict:
    if isinstance(task, NotebookOperator):
        return task.spec
    return task.dag.get_task(NOTEBOOK_TASK_ID).spec


def _exit_reason(task: BaseOperator, error: BaseException | None) -> str:
    if isinstance(task, LandedSensor):
        return "input_not_landed"
    if type(error).__name__ == "AirflowTaskTimeout":
        return "run_timeout"
    return "task_failed"


def notify_failure(context) -> None:
    """Airflow failure callback: tells the spec's notify targets that a task failed.

    A failed notebook run was recorded and notified by the operator itself, so only
    failures around it (an input that never landed, a task killed or timed out by
    Airflow, a spec the operator refused to start) are notified here.
    """
    error = context.get("exception")
    if isinstance(error, NotebookRunFailed):
        return
    from nbschedule.notify import notify_failure as notify

    task = context["task"]
    spec = _spec_of(task)
    record = {
        "schedule": spec["name"],
        "notebook": spec["notebook"],
        "owner": spec["owner"],
        "run_id": store_run_id(context["run_id"]),
        "attempt": context["ti"].try_number,
        "trigger": trigger_of(context),
        "logical_date": _logical_date(context).isoformat(),
        "status": "failed",
        "exit_reason": _exit_reason(task, error),
        "message": f"Airflow task {task.task_id} failed",
        "error": {"ename": type(error).__name__, "evalue": str(error)} if error else None,
        "failing_cell": None,
        "output_uri": None,
    }
    notify(spec, record)
