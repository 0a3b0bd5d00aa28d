"""The golden DAGs, loaded by a real Airflow 3 (the venv of airflow_env.py).

tests/pipeline/airflow_probe.py runs there and reports what Airflow's DagBag made of
them as JSON.
"""

from __future__ import annotations

import json

import airflow_env
import dag_files
import pytest

from nbschedule.spec import with_defaults

GOLDEN = airflow_env.REPO / "tests" / "golden"

# The first test to use the venv may have to build it; every test gets the time.
pytestmark = pytest.mark.timeout(airflow_env.INSTALL_TIMEOUT + 900)


@pytest.fixture(scope="module")
def probe(airflow_venv, tmp_path_factory) -> dict:
    return airflow_env.probe(GOLDEN / "dags", tmp_path_factory.mktemp("airflow_home"))


def _golden_specs() -> dict[str, dict]:
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted((GOLDEN / "specs").glob("*.json"))
    }


def _sensor_ids(spec: dict) -> list[str]:
    return sorted(
        f"wait_for__{i['connection']}__{i['table']}" for i in spec.get("inputs", []) if "wait_until_landed" in i
    )


def test_every_golden_dag_imports_without_errors(probe):
    assert probe["import_errors"] == {}
    expected = {f"nbschedule__{spec['name']}" for spec in _golden_specs().values()}
    assert set(probe["dags"]) == expected


# A workflow's DAG has a task per node; test_generated_dags_import.py checks those.
@pytest.mark.parametrize("name", sorted(name for name, spec in _golden_specs().items() if "nodes" not in spec))
def test_golden_dag_matches_its_spec(probe, name):
    spec = with_defaults(_golden_specs()[name])
    dag = probe["dags"][f"nbschedule__{spec['name']}"]

    assert dag["timetable"]["class"] == "CronTriggerTimetable"
    assert dag["timetable"]["expression"] == spec["cron"] == dag["summary"]
    assert dag["timetable"]["timezone"] == spec["timezone"]
    assert dag["start_date"].startswith(_utc_day_of_local_midnight(spec))
    assert dag["catchup"] is (spec["catchup"] == "all")
    assert dag["max_active_runs"] == spec["max_active_runs"]
    assert dag["tags"] == sorted(["nbschedule", f"zone:{spec['zone']}"])

    sensors = _sensor_ids(spec)
    assert sorted(dag["tasks"]) == sorted([*sensors, "run_notebook"])
    notebook = dag["tasks"]["run_notebook"]
    assert notebook["class"] == "nbschedule.airflow.NotebookOperator"
    assert notebook["upstream"] == sensors
    # The spec survived the trip through Python source intact, tricky strings included.
    assert notebook["spec"] == spec
    assert notebook["inlets"] == sorted({f"nbschedule://{i['connection']}/{i['table']}" for i in spec["inputs"]})
    assert notebook["outlets"] == sorted({f"nbschedule://{o['connection']}/{o['table']}" for o in spec["outputs"]})
    for task in dag["tasks"].values():
        assert task["owner"] == spec["owner"]
        assert task["retries"] == spec["retries"]
        assert task["retry_delay"] == spec["retry_delay_seconds"]
        assert task["execution_timeout"] == spec["timeout_seconds"]
        assert task["on_failure_callback"] == ["nbschedule.airflow.notify_failure"]
    for sensor_id in sensors:
        sensor = dag["tasks"][sensor_id]
        assert sensor["class"] == "nbschedule.airflow.LandedSensor"
        assert sensor["upstream"] == []
        check = next(i for i in spec["inputs"] if sensor_id.endswith(f"__{i['connection']}__{i['table']}"))
        assert sensor["sensor"] == {
            "mode": "reschedule",
            "connection": check["connection"],
            "table": check["table"],
            "date_column": check["wait_until_landed"]["date_column"],
            "poke_interval": check["wait_until_landed"]["poke_interval_seconds"],
            "timeout": check["wait_until_landed"]["timeout_seconds"],
        }


def test_the_golden_workflow_dag_has_a_task_per_node(probe):
    workflow = _golden_specs()["workflow"]
    dag_files.check_workflow_dag(probe["dags"][f"nbschedule__{workflow['name']}"], workflow)
    mapped = probe["dags"]["nbschedule__workflow"]["tasks"]["report_region"]["mapped"]
    assert mapped["items"] == [{"parameters": {"region": region}} for region in ("us", "eu", "apac")]


def _utc_day_of_local_midnight(spec: dict) -> str:
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    local = datetime.fromisoformat(spec["start_date"]).replace(tzinfo=ZoneInfo(spec["timezone"]))
    return local.astimezone(timezone.utc).isoformat()
