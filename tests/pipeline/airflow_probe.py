"""Runs inside the Airflow virtualenv (see test_dagbag.py), never under the main pytest.

Loads a folder of generated DAGs with Airflow's own DagBag and drives the tasks of
nbschedule.airflow with stand-ins for the modules they call lazily, then prints what it
saw as JSON for the test to judge.

Usage: python airflow_probe.py <dag folder>
"""

from __future__ import annotations

import inspect
import json
import sys
import types
from datetime import datetime, timezone

try:
    from airflow.dag_processing.dagbag import DagBag
except ImportError:  # Airflow 3.0 kept it in airflow.models
    from airflow.models.dagbag import DagBag

LOGICAL_DATE = datetime(2024, 3, 11, 6, 30, tzinfo=timezone.utc)


def load(folder: str) -> DagBag:
    # Airflow 3.0 still loads its example DAGs unless told not to; later versions dropped the flag.
    if "include_examples" in inspect.signature(DagBag).parameters:
        return DagBag(dag_folder=folder, include_examples=False)
    return DagBag(dag_folder=folder)


def describe_dags(folder: str) -> dict:
    bag = load(folder)
    dags = {}
    for dag_id, dag in sorted(bag.dags.items()):
        dags[dag_id] = {
            "timetable": {"class": type(dag.timetable).__name__, **dag.timetable.serialize()},
            "summary": dag.timetable.summary,
            "catchup": dag.catchup,
            "max_active_runs": dag.max_active_runs,
            "start_date": dag.start_date.isoformat(),
            "tags": sorted(dag.tags),
            "tasks": {
                task.task_id: {
                    "class": f"{type(task).__module__}.{type(task).__name__}",
                    "upstream": sorted(task.upstream_task_ids),
                    "owner": task.owner,
                    "retries": task.retries,
                    "retry_delay": task.retry_delay.total_seconds(),
                    "execution_timeout": task.execution_timeout.total_seconds(),
                    "on_failure_callback": [f"{f.__module__}.{f.__name__}" for f in task.on_failure_callback or []],
                    "inlets": sorted(asset.uri for asset in task.inlets),
                    "outlets": sorted(asset.uri for asset in task.outlets),
                    "sensor": {"mode": task.mode, "poke_interval": task.poke_interval, "timeout": task.timeout,
                               "connection": task.connection, "table": task.table, "date_column": task.date_column}
                    if hasattr(task, "poke") else None,
                    "spec": getattr(task, "spec", None),
                }
                for task in dag.tasks
            },
        }
    return {"import_errors": {path: str(error) for path, error in bag.import_errors.items()}, "dags": dags}


class FakeTaskInstance:
    try_number = 2


def fake_module(name: str, **functions) -> list:
    """Installs module `name` with `functions`; returns the list their calls are logged in."""
    calls: list = []
    module = types.ModuleType(name)
    for function_name, result in functions.items():
        def call(*args, _name=function_name, _result=result, **kwargs):
            calls.append({"function": _name, "args": list(args), "kwargs": kwargs})
            return _result(*args, **kwargs) if callable(_result) else _result

        setattr(module, function_name, call)
    sys.modules[name] = module
    return calls


def drive_tasks(folder: str) -> dict:
    """Calls execute/poke/notify_failure of the full golden DAG's tasks with stand-ins."""
    from nbschedule.airflow import NotebookRunFailed, notify_failure

    dag = load(folder).dags["nbschedule__daily_sales_report"]
    notebook_task = dag.get_task("run_notebook")
    sensor = dag.get_task("wait_for__dwh__sales.orders")
    context = {"ti": FakeTaskInstance(), "run_id": "scheduled__2024-03-11T06:30:00+00:00",
               "logical_date": LOGICAL_DATE, "task": notebook_task}
    seen: dict = {}

    def result(status):
        record = {"exit_reason": "completed" if status == "success" else "cell_error", "message": "cell 4 raised"}
        return types.SimpleNamespace(status=status, run_id="r", record=record, output_uri="/runs/out.ipynb")

    runs = fake_module("nbschedule.operator", run_notebook=lambda *a, **k: result("success"))
    seen["success_return"] = notebook_task.execute(context)
    seen["run_calls"] = runs
    fake_module("nbschedule.operator", run_notebook=lambda *a, **k: result("failed"))
    try:
        notebook_task.execute(context)
        seen["failure"] = None
    except NotebookRunFailed as error:
        seen["failure"] = str(error)

    landed = fake_module("nbschedule.warehouse", resolve_connection="sqlite:///w.db", has_landed=True)
    seen["poke"] = sensor.poke({**context, "task": sensor})
    seen["poke_calls"] = landed

    notified = fake_module("nbschedule.notify", notify_failure=lambda spec, record: [])
    notify_failure({**context, "exception": NotebookRunFailed(result("failed"))})
    seen["notified_after_recorded_failure"] = len(notified)
    timeout_error = type("AirflowSensorTimeout", (Exception,), {})("not landed in time")
    captured = []
    fake_module("nbschedule.notify", notify_failure=lambda spec, record: captured.append((spec["name"], record)))
    notify_failure({**context, "task": sensor, "exception": timeout_error})
    seen["sensor_notification"] = captured
    return seen


if __name__ == "__main__":
    dag_folder = sys.argv[1]
    report = describe_dags(dag_folder)
    report["driven"] = drive_tasks(dag_folder)
    print("PROBE-JSON " + json.dumps(report, sort_keys=True, default=str))
