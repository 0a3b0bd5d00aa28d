"""The golden DAGs, loaded by a real Airflow 3.

Airflow cannot share an environment with the rest of nbschedule (its pins clash), so
it lives in its own virtualenv, .venvs/airflow, made on first use and reused while its
stamp matches. tests/pipeline/airflow_probe.py runs there and reports as JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nbschedule.spec import with_defaults

REPO = Path(__file__).resolve().parents[2]
GOLDEN = REPO / "tests" / "golden"
VENV = REPO / ".venvs" / "airflow"
VENV_PYTHON = VENV / "bin" / "python"
REQUIREMENT = "apache-airflow>=3,<4"
# What the venv was made from; a different stamp means it is stale and is made anew.
STAMP = VENV / "nbschedule-stamp.txt"
STAMP_TEXT = f"{REQUIREMENT}\npython {sys.version_info.major}.{sys.version_info.minor}\n"
INSTALL_TIMEOUT = 1800

# The first test to use the probe may have to build the venv; every test gets the time.
pytestmark = pytest.mark.timeout(INSTALL_TIMEOUT + 900)


def _venv_is_fresh() -> bool:
    if not VENV_PYTHON.exists() or not STAMP.exists() or STAMP.read_text() != STAMP_TEXT:
        return False
    check = subprocess.run([str(VENV_PYTHON), "-c", "import airflow.sdk"], capture_output=True)
    return check.returncode == 0


def _make_venv() -> None:
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    install = subprocess.run(
        [str(VENV_PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", REQUIREMENT],
        capture_output=True, text=True, timeout=INSTALL_TIMEOUT,
    )
    assert install.returncode == 0, f"pip install {REQUIREMENT} failed:\n{install.stdout}\n{install.stderr}"
    STAMP.write_text(STAMP_TEXT)


@pytest.fixture(scope="module")
def probe(tmp_path_factory) -> dict:
    if not _venv_is_fresh():
        _make_venv()
    home = tmp_path_factory.mktemp("airflow_home")
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "NBSCHEDULE_WORKSPACE": "/workspace",
    }
    done = subprocess.run(
        [str(VENV_PYTHON), str(Path(__file__).with_name("airflow_probe.py")), str(GOLDEN / "dags")],
        capture_output=True, text=True, env=env, cwd=home, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    marker = "PROBE-JSON "
    line = next(line for line in done.stdout.splitlines() if line.startswith(marker))
    return json.loads(line[len(marker):])


def _golden_specs() -> dict[str, dict]:
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((GOLDEN / "specs").glob("*.json"))
    }


def _sensor_ids(spec: dict) -> list[str]:
    return sorted(
        f"wait_for__{i['connection']}__{i['table']}" for i in spec.get("inputs", []) if "wait_until_landed" in i
    )


def test_every_golden_dag_imports_without_errors(probe):
    assert probe["import_errors"] == {}
    expected = {f"nbschedule__{spec['name']}" for spec in _golden_specs().values()}
    assert set(probe["dags"]) == expected


@pytest.mark.parametrize("name", sorted(_golden_specs()))
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


def _utc_day_of_local_midnight(spec: dict) -> str:
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    local = datetime.fromisoformat(spec["start_date"]).replace(tzinfo=ZoneInfo(spec["timezone"]))
    return local.astimezone(timezone.utc).isoformat()


def test_notebook_operator_runs_the_spec_as_a_scheduled_run(probe):
    driven = probe["driven"]
    (call,) = driven["run_calls"]
    spec = with_defaults(_golden_specs()["full"])
    assert call["args"] == [spec]
    assert call["kwargs"] == {
        "workspace": "/workspace",
        "logical_date": "2024-03-11 06:30:00+00:00",
        "trigger": "scheduled",
        "run_id": "scheduled__2024-03-11T06:30:00+00:00",
        "attempt": 2,
        "store": None,
    }
    assert driven["success_return"] == "/runs/out.ipynb"
    assert driven["failure"] == "Notebook run r failed: cell_error (cell 4 raised); output notebook: /runs/out.ipynb"


def test_landed_sensor_resolves_its_connection_by_name(probe):
    driven = probe["driven"]
    assert driven["poke"] is True
    assert [c["function"] for c in driven["poke_calls"]] == ["resolve_connection", "has_landed"]
    assert driven["poke_calls"][0]["args"] == ["dwh", "/workspace"]
    assert driven["poke_calls"][1]["args"] == ["sqlite:///w.db", "sales.orders", "order_date", "2024-03-11"]  # New York day


def test_failure_callback_notifies_once_per_failure(probe):
    driven = probe["driven"]
    # The operator notified about its own recorded failure already.
    assert driven["notified_after_recorded_failure"] == 0
    ((schedule, record),) = driven["sensor_notification"]
    assert schedule == "daily_sales_report"
    assert record["exit_reason"] == "input_not_landed"
    assert record["error"] == {"ename": "AirflowSensorTimeout", "evalue": "not landed in time"}
    assert record["run_id"] == "scheduled__2024-03-11T06:30:00+00:00"
    assert record["attempt"] == 2
