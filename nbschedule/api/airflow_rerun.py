"""POST runs/<id>/rerun for a run Airflow executed: a new DAG run through Airflow's API."""

from __future__ import annotations

from typing import Any

from ..airflow_api import DAG_ID_PREFIX, AirflowApi, AirflowApiError, credentials_for, trigger_rerun
from ..scheduler.facade import FINISHED, SchedulerFacade
from .errors import ApiError

NOT_CONFIGURED = (
    "Run {id} ran on Airflow, which owns its DAG runs. To re-run it from here, set "
    "c.NbScheduleScheduler.airflow_api_url to Airflow's API (e.g. http://airflow:8080) and its "
    "credentials in AIRFLOW_API_TOKEN, or AIRFLOW_API_USERNAME and AIRFLOW_API_PASSWORD; or "
    "trigger it in Airflow's UI or with 'airflow dags trigger'."
)


def _refusal(error: AirflowApiError, dag_id: str, base_url: str) -> ApiError:
    if error.status == 0:
        return ApiError(502, f"{error}", "airflow_api_url")
    if error.status in (401, 403):
        return ApiError(
            502,
            f"Airflow's API at {base_url} refused nbschedule's credentials ({error}); check "
            "AIRFLOW_API_TOKEN, or AIRFLOW_API_USERNAME and AIRFLOW_API_PASSWORD.",
            "airflow_api_url",
        )
    if error.status == 404:
        return ApiError(409, f"Airflow has no DAG {dag_id} ({error}); deploy its DAG file first.", "id")
    return ApiError(
        502, f"Airflow's API refused the new DAG run of {dag_id} (HTTP {error.status}: {error}).", "airflow_api_url"
    )


async def rerun_on_airflow(handler: Any, scheduler: SchedulerFacade, run: dict[str, Any]) -> dict[str, Any]:
    """The new run (as in /runs), once Airflow has accepted its DAG run; raises ApiError."""
    base_url = scheduler.config.airflow_api_url
    if not base_url:
        raise ApiError(409, NOT_CONFIGURED.format(id=run["id"]), "airflow_api_url")
    if run["status"] not in FINISHED:
        raise ApiError(409, f"Run {run['id']} is {run['status']}; only a finished run can be re-run.", "id")
    record = (await handler.load_run(scheduler, str(run["id"])))["record"]
    if record is None:
        raise ApiError(409, f"Run {run['id']} has no run record in the shared store; there is nothing to repeat.", "id")
    now = scheduler.now()
    user = getattr(handler.current_user, "username", None) or "anonymous"
    api = AirflowApi(base_url, credentials_for(base_url))
    try:
        dag_run = await trigger_rerun(api, record, now, user)
    except AirflowApiError as error:
        raise _refusal(error, f"{DAG_ID_PREFIX}{run['schedule']}", base_url) from None
    return await handler.in_thread(scheduler.record_airflow_rerun, run["id"], dag_run["dag_run_id"], now)
