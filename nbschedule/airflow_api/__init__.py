"""Airflow's REST API v2, as far as nbschedule uses it: re-runs of Airflow-executed runs."""

from .client import AirflowApi, AirflowApiError, Credentials, credentials_for
from .rerun import DAG_ID_PREFIX, trigger_rerun

__all__ = ["AirflowApi", "AirflowApiError", "Credentials", "credentials_for", "DAG_ID_PREFIX", "trigger_rerun"]
