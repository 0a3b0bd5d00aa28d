"""Runs inside the Airflow virtualenv (see airflow_env.py), never under the main pytest.

Loads a folder of generated DAGs with Airflow's own DagBag, in one load, and prints
what it saw (import errors, and each DAG's timetable, arguments and tasks) as JSON for
the test to judge. The tasks themselves run for real in test_airflow_end_to_end.py.

With --fire-times <windows.json> ({dag_id: [[start, end], ...]}) it prints instead the
fire times each DAG's timetable yields in each window, walked the way Airflow's
scheduler walks it (next_dagrun_info from the previous run, catch-up on).

Usage: python airflow_probe.py <dag folder> [--fire-times <windows.json>]
"""

from __future__ import annotations

import inspect
import json
import sys

try:
    from airflow.dag_processing.dagbag import DagBag
except ImportError:  # Airflow 3.0 kept it in airflow.models
    from airflow.models.dagbag import DagBag


def load(folder: str) -> DagBag:
    # Airflow 3.0 still loads its example DAGs unless told not to; later versions dropped the flag.
    if "include_examples" in inspect.signature(DagBag).parameters:
        return DagBag(dag_folder=folder, include_examples=False)
    return DagBag(dag_folder=folder)


def _mapping(task) -> dict:
    """A workflow node's task: its node, and for a mapped one its items and how they are named."""
    if not getattr(task, "is_mapped", False):
        return {"node": getattr(task, "node", None), "mapped": None}
    kwargs, operator = task.partial_kwargs, task.operator_class
    return {
        "class": f"{operator.__module__}.{operator.__name__}",
        "node": kwargs.get("node"),
        "spec": kwargs.get("spec"),
        "mapped": {
            "items": task.expand_input.value,
            "map_index_template": kwargs.get("map_index_template"),
            "max_active_tis_per_dagrun": kwargs.get("max_active_tis_per_dagrun"),
        },
    }


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
                    "sensor": {
                        "mode": task.mode,
                        "poke_interval": task.poke_interval,
                        "timeout": task.timeout,
                        "connection": task.connection,
                        "table": task.table,
                        "date_column": task.date_column,
                    }
                    if hasattr(task, "poke")
                    else None,
                    "spec": getattr(task, "spec", None),
                    "trigger_rule": str(getattr(task.trigger_rule, "value", task.trigger_rule)),
                    **_mapping(task),
                }
                for task in dag.tasks
            },
        }
    return {"import_errors": {path: str(error) for path, error in bag.import_errors.items()}, "dags": dags}


def fire_times(folder: str, windows: dict[str, list[list[str]]]) -> dict:
    import pendulum
    from airflow.timetables.base import TimeRestriction

    bag = load(folder)
    found: dict = {"import_errors": {path: str(error) for path, error in bag.import_errors.items()}, "times": {}}
    for dag_id, spans in windows.items():
        timetable = bag.dags[dag_id].timetable
        per_window = []
        for start, end in spans:
            restriction = TimeRestriction(earliest=pendulum.parse(start), latest=None, catchup=True)
            times, last = [], None
            while True:
                info = timetable.next_dagrun_info(last_automated_data_interval=last, restriction=restriction)
                if info is None or info.run_after > pendulum.parse(end):
                    break
                times.append(info.run_after.isoformat())
                last = info.data_interval
            per_window.append(times)
        found["times"][dag_id] = per_window
    return found


if __name__ == "__main__":
    dag_folder = sys.argv[1]
    if sys.argv[2:3] == ["--fire-times"]:
        with open(sys.argv[3], encoding="utf-8") as file:
            print("PROBE-JSON " + json.dumps(fire_times(dag_folder, json.load(file))))
        sys.exit(0)
    report = describe_dags(dag_folder)
    print("PROBE-JSON " + json.dumps(report, sort_keys=True, default=str))
