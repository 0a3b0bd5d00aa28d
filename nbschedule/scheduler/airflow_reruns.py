"""The row of a re-run that Airflow executes, recorded as soon as Airflow accepts its DAG run,
so the runs panel shows it before a worker picks it up; the shared run store's records then
fill in its attempts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from .models import RunRow

runs = RunRow.__table__
AIRFLOW_ENGINE = "airflow"


def insert_airflow_rerun(connection: Connection, original: Any, dag_run_id: str, now: datetime) -> Any:
    """The new run's row: running (Airflow owns it now; this server never executes it)."""
    run_pk = connection.execute(
        insert(runs).values(
            run_id=dag_run_id,
            schedule=original.schedule,
            owner=original.owner,
            trigger="manual",
            logical_date=original.logical_date,
            status="running",
            next_try_at=now,
            next_reason="rerun",
            created_at=now,
            engine=AIRFLOW_ENGINE,
        )
    ).inserted_primary_key[0]
    return connection.execute(select(runs).where(runs.c.id == run_pk)).first()
