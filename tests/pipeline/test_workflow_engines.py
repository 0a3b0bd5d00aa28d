"""The demo workflow (collect → enrich → report_region × [us, eu, apac] → report) on both
engines: the embedded runner and Airflow (`airflow dags test`, the real operator, real
kernels in the real sandbox). The first try of `eu` fails; each engine retries that item
alone. Per node and item, both end with the same states, attempts, parameters (published
values included) and output notebooks.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import airflow_env
import dag_files
import nbformat
import pytest

from nbschedule.workflow.runner import run_workflow

pytestmark = pytest.mark.timeout(airflow_env.INSTALL_TIMEOUT + 1200)

DEMO = airflow_env.REPO / "demo" / "workflow"
SPEC = json.loads((DEMO / "regional_reports.json").read_text(encoding="utf-8"))
LOGICAL_DATE = "2024-05-01T02:00:00+00:00"
ITEMS = [
    ("collect", None),
    ("enrich", None),
    ("report_region", "region=us"),
    ("report_region", "region=eu"),
    ("report_region", "region=apac"),
    ("report", None),
]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("workspace")
    shutil.copytree(DEMO, root / "workflow")
    return root


@pytest.fixture(scope="module")
def embedded(workspace, tmp_path_factory):
    store = tmp_path_factory.mktemp("embedded_store")
    summary = run_workflow(
        SPEC,
        workspace=str(workspace),
        logical_date=datetime.fromisoformat(LOGICAL_DATE),
        run_id="manual__demo",
        store=str(store),
        trigger="manual",
    )
    return summary, store


@pytest.fixture(scope="module")
def airflow(airflow_venv, dag_generator, workspace, tmp_path_factory):
    store, home = tmp_path_factory.mktemp("airflow_store"), tmp_path_factory.mktemp("airflow_home")
    dags = tmp_path_factory.mktemp("dags")
    (dag_id,) = dag_files.write_dags(dag_generator, [SPEC], dags)
    env = airflow_env.environment(
        home, AIRFLOW__CORE__DAGS_FOLDER=str(dags), NBSCHEDULE_WORKSPACE=str(workspace), NBSCHEDULE_STORE=str(store)
    )
    migrate = airflow_env.run([str(airflow_env.VENV_AIRFLOW), "db", "migrate"], env, home)
    assert migrate.returncode == 0, migrate.stderr[-3000:]
    done = airflow_env.run([str(airflow_env.VENV_AIRFLOW), "dags", "test", dag_id, LOGICAL_DATE], env, home)
    with sqlite3.connect(home / "airflow.db") as db:
        instances = db.execute(
            "SELECT task_id, map_index, rendered_map_index, state, try_number "
            "FROM task_instance ORDER BY task_id, map_index"
        ).fetchall()
    return store, instances, done.stdout[-4000:] + done.stderr[-4000:]


def _cells(path: Path) -> list[tuple]:
    """An output notebook as a reader compares it: each cell's source and what it printed or raised."""
    nb = nbformat.read(path, as_version=4)
    shown = []
    for cell in nb.cells:
        outputs = [output.get("text") or output.get("ename") for output in cell.get("outputs", [])]
        shown.append((cell.cell_type, cell.source, outputs))
    return shown


def _runs(store: Path) -> dict[tuple, list[dict]]:
    """(node, item label) → its attempts as the store holds them, oldest first."""
    found: dict[tuple, list[dict]] = {}
    for path in sorted(store.glob(f"{SPEC['name']}/*/attempt-*/record.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        key = (record["workflow"]["node"], record["workflow"]["item_label"])
        found.setdefault(key, []).append(
            {
                "attempt": record["attempt"],
                "status": record["status"],
                "exit_reason": record["exit_reason"],
                "trigger": record["trigger"],
                "parameters": record["parameters"],
                "published": record["published"],
                "error": (record["error"] or {}).get("ename"),
                "cells": _cells(path.parent / "output.ipynb"),
                "parent": record["workflow"]["parent_run_id"],
                "run_id": record["run_id"],
            }
        )
    return {key: sorted(attempts, key=lambda a: a["attempt"]) for key, attempts in found.items()}


def _without_ids(runs: dict[tuple, list[dict]]) -> dict[tuple, list[dict]]:
    return {
        key: [{k: v for k, v in attempt.items() if k not in ("parent", "run_id")} for attempt in attempts]
        for key, attempts in runs.items()
    }


def test_the_embedded_runner_retries_only_the_flaky_item(embedded):
    summary, store = embedded
    runs = _runs(store)
    assert sorted(runs) == sorted(ITEMS, key=lambda k: (k[0], k[1] or "")), summary
    states = {(item["node"], item["label"] or None): (item["status"], item["attempts"]) for item in summary["items"]}
    assert states == {key: ("success", 2 if key[1] == "region=eu" else 1) for key in ITEMS}
    eu = runs[("report_region", "region=eu")]
    assert [(a["status"], a["error"], a["trigger"]) for a in eu] == [
        ("failed", "TimeoutError", "manual"),
        ("success", None, "retry"),
    ]
    # Each item is its own run beside its parent's, with its own output notebook.
    assert {a["run_id"] for a in eu} == {"manual__demo.report_region.1"}
    assert {attempts[0]["parent"] for attempts in runs.values()} == {"manual__demo"}
    # collect published its row count; enrich got it as a parameter.
    assert runs[("collect", None)][0]["published"] == {"rows": 4}
    assert runs[("enrich", None)][0]["parameters"] == {"rows": 4}
    assert runs[("report_region", "region=apac")][0]["parameters"] == {"region": "apac"}


def test_airflow_names_each_mapped_item_and_ends_like_the_embedded_runner(embedded, airflow):
    summary, embedded_store = embedded
    airflow_store, instances, output = airflow
    assert _without_ids(_runs(airflow_store)) == _without_ids(_runs(embedded_store)), output
    # Airflow's own view: mapped instances named by their parameters, the eu item on its second try.
    assert [row[1:] for row in instances if row[0] == "report_region"] == [
        (0, "region=us", "success", 1),
        (1, "region=eu", "success", 2),
        (2, "region=apac", "success", 1),
    ], output
    assert {row[0]: row[3] for row in instances} == {
        "collect": "success",
        "enrich": "success",
        "report_region": "success",
        "report": "success",
    }
    assert {(row[0], row[1]): row[3] for row in instances} == {
        (item["node"], -1 if item["index"] is None else item["index"]): item["status"] for item in summary["items"]
    }
