"""Airflow's REST API v2, as far as nbschedule uses it: re-runs of Airflow-executed runs."""

from .client import AirflowApi, AirflowApiError, Credentials, credentials_for
from .rerun import insert_rerun, trigger_rerun

__all__ = ["AirflowApi", "AirflowApiError", "Credentials", "credentials_for", "insert_rerun", "trigger_rerun"]
