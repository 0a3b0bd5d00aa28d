"""Re-run of a run Airflow executed: a new DAG run through Airflow's API, with the exact
logical date and parameters of the run it repeats.

The new DAG run carries them in its conf (``{"nbschedule": {...}}``), which the
generated DAG's operator reads; Airflow records it as a manual run, and so does its
run record. The run row is inserted here at once, so the runs panel shows it before a
worker picks it up; the shared run store's records then fill in its attempts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from ..scheduler.models import RunRow
from .client import AirflowApi

runs = RunRow.__table__
DAG_ID_PREFIX = "nbschedule__"  # as the DAG generator names DAGs
CONF_KEY = "nbschedule"
ENGINE = "airflow"
MAX_RUN_ID = 200


def rerun_conf(record: dict[str, Any]) -> dict[str, Any]:
    return {CONF_KEY: {"rerun_of": record["run_id"], "logical_date": record["logical_date"],
                       "parameters": record.get("parameters") or {}}}


def rerun_id(original_run_id: str, now: datetime) -> str:
    """A DAG run id in the run store's alphabet (so the store keeps it as is), unique per instant."""
    return f"rerun__{now:%Y%m%dT%H%M%S%fZ}__{original_run_id}"[:MAX_RUN_ID]


async def trigger_rerun(api: AirflowApi, record: dict[str, Any], now: datetime, user: str) -> dict[str, Any]:
    """Ask Airflow for the new DAG run; returns Airflow's DAG run (raises AirflowApiError)."""
    return await api.trigger_dag_run(
        f"{DAG_ID_PREFIX}{record['schedule']}", rerun_id(record["run_id"], now), rerun_conf(record),
        f"Re-run of {record['run_id']}, asked from JupyterLab by {user}.")


def insert_rerun(connection: Connection, original: Any, dag_run: dict[str, Any], now: datetime) -> Any:
    """The new run's row: running (Airflow owns it now; this server never executes it)."""
    run_pk = connection.execute(insert(runs).values(
        run_id=dag_run["dag_run_id"], schedule=original.schedule, owner=original.owner, trigger="manual",
        logical_date=original.logical_date, status="running", next_try_at=now, next_reason="rerun",
        created_at=now, engine=ENGINE)).inserted_primary_key[0]
    return connection.execute(select(runs).where(runs.c.id == run_pk)).first()
