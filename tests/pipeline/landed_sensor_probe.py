"""Runs inside the Airflow virtualenv (see test_landed_sensor.py), never under the main pytest.

Builds one DAG per time zone from nbschedule.airflow's real classes, as a generated DAG
file does, and calls the real LandedSensor.poke against the warehouse of the workspace
given, once per case. Prints the answers as JSON for the test to judge.

Usage: python landed_sensor_probe.py <workspace> <cases JSON>
"""

from __future__ import annotations

import json
import sys

import pendulum
from airflow.sdk import DAG

from nbschedule.airflow import LandedSensor, NotebookOperator


def sensor_in_zone(timezone: str, workspace: str) -> LandedSensor:
    spec = {"name": "landed_probe", "notebook": "report.ipynb", "owner": "ada@example.com", "timezone": timezone}
    with DAG(
        dag_id=f"landed_probe_{timezone.replace('/', '_')}",
        schedule=None,
        start_date=pendulum.datetime(2024, 1, 1, tz=timezone),
    ):
        run_notebook = NotebookOperator(task_id="run_notebook", spec=spec, workspace=workspace)
        sensor = LandedSensor(
            task_id="wait_for__dwh__orders",
            connection="dwh",
            table="orders",
            date_column="order_date",
            workspace=workspace,
        )
        sensor >> run_notebook
    return sensor


def main(workspace: str, cases: list[dict]) -> list[bool]:
    answers = []
    for case in cases:
        sensor = sensor_in_zone(case["timezone"], workspace)
        # Airflow hands tasks the logical date as a UTC pendulum DateTime.
        logical_date = pendulum.parse(case["logical_date"]).in_timezone("UTC")
        answers.append(sensor.poke({"logical_date": logical_date, "task": sensor}))
    return answers


if __name__ == "__main__":
    print("PROBE-JSON " + json.dumps(main(sys.argv[1], json.loads(sys.argv[2]))))
