"""Re-run of a run Airflow executed: a new DAG run through Airflow's API, with the exact
logical date and parameters of the run it repeats.

The new DAG run carries them in its conf (``{"nbschedule": {...}}``), which the
generated DAG's operator reads; Airflow records it as a manual run, and so does its
run record. The scheduler records the run's row at once (scheduler/airflow_reruns.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .client import AirflowApi

DAG_ID_PREFIX = "nbschedule__"  # as the DAG generator names DAGs
CONF_KEY = "nbschedule"
MAX_RUN_ID = 200


def rerun_conf(record: dict[str, Any]) -> dict[str, Any]:
    return {
        CONF_KEY: {
            "rerun_of": record["run_id"],
            "logical_date": record["logical_date"],
            "parameters": record.get("parameters") or {},
        }
    }


def rerun_id(original_run_id: str, now: datetime) -> str:
    """A DAG run id in the run store's alphabet (so the store keeps it as is), unique per instant."""
    return f"rerun__{now:%Y%m%dT%H%M%S%fZ}__{original_run_id}"[:MAX_RUN_ID]


async def trigger_rerun(api: AirflowApi, record: dict[str, Any], now: datetime, user: str) -> dict[str, Any]:
    """Ask Airflow for the new DAG run; returns Airflow's DAG run (raises AirflowApiError)."""
    return await api.trigger_dag_run(
        f"{DAG_ID_PREFIX}{record['schedule']}",
        rerun_id(record["run_id"], now),
        rerun_conf(record),
        f"Re-run of {record['run_id']}, asked from JupyterLab by {user}.",
    )
