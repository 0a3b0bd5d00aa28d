"""POST runs/<id>/rerun for a run Airflow executed: a new DAG run through Airflow's API."""

from __future__ import annotations

from typing import Any

from ..airflow_api import AirflowApi, AirflowApiError, credentials_for, insert_rerun, trigger_rerun
from ..airflow_api.rerun import DAG_ID_PREFIX
from ..scheduler.engine import Scheduler
from ..scheduler.history import run_json
from ..scheduler.models import FINISHED
from .errors import ApiError

NOT_CONFIGURED = ("Run {id} ran on Airflow, which owns its DAG runs. To re-run it from here, set "
                  "c.NbScheduleScheduler.airflow_api_url to Airflow's API (e.g. http://airflow:8080) and its "
                  "credentials in AIRFLOW_API_TOKEN, or AIRFLOW_API_USERNAME and AIRFLOW_API_PASSWORD; or "
                  "trigger it in Airflow's UI or with 'airflow dags trigger'.")


def _refusal(error: AirflowApiError, dag_id: str, base_url: str) -> ApiError:
    if error.status == 0:
        return ApiError(502, f"{error}", "airflow_api_url")
    if error.status in (401, 403):
        return ApiError(502, f"Airflow's API at {base_url} refused nbschedule's credentials ({error}); check "
                             "AIRFLOW_API_TOKEN, or AIRFLOW_API_USERNAME and AIRFLOW_API_PASSWORD.",
                        "airflow_api_url")
    if error.status == 404:
        return ApiError(409, f"Airflow has no DAG {dag_id} ({error}); deploy its DAG file first.", "id")
    return ApiError(502, f"Airflow's API refused the new DAG run of {dag_id} (HTTP {error.status}: {error}).",
                    "airflow_api_url")


async def rerun_on_airflow(handler: Any, scheduler: Scheduler, row: Any) -> dict[str, Any]:
    """The new run (as in /runs), once Airflow has accepted its DAG run; raises ApiError."""
    base_url = scheduler.config.airflow_api_url
    if not base_url:
        raise ApiError(409, NOT_CONFIGURED.format(id=row.id), "airflow_api_url")
    if row.status not in FINISHED:
        raise ApiError(409, f"Run {row.id} is {row.status}; only a finished run can be re-run.", "id")
    record = (await handler.load_run(scheduler, str(row.id)))["record"]
    if record is None:
        raise ApiError(409, f"Run {row.id} has no run record in the shared store; there is nothing to repeat.",
                       "id")
    now = scheduler.clock()
    user = getattr(handler.current_user, "username", None) or "anonymous"
    api = AirflowApi(base_url, credentials_for(base_url))
    try:
        dag_run = await trigger_rerun(api, record, now, user)
    except AirflowApiError as error:
        raise _refusal(error, f"{DAG_ID_PREFIX}{row.schedule}", base_url) from None

    def remember():
        with scheduler.db.write() as connection:
            return insert_rerun(connection, row, dag_run, now)

    return run_json(await handler.in_thread(remember), scheduler.root)
