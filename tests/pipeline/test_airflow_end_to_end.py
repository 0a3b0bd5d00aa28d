"""Airflow as the scale-out engine, end to end.

A worker environment made with `pip install "nbschedule[airflow]"` runs two generated
DAGs with `airflow dags test` and the real operator (real kernels, real sandbox): one
succeeds, one fails and is retried. Both write to a shared run store on a real S3 API
(moto's server on loopback), found through the standard AWS variables only. A real
Jupyter server pointed at the same store URL then lists those runs in /runs.
"""

from __future__ import annotations

import asyncio
import http.server
import json
import sqlite3
import urllib.parse
import urllib.request
from pathlib import Path

import airflow_env
import dag_files
import fsspec
import nbformat
import pandas
import pytest
from jupyter_api import fetch
from local_servers import http_server_thread
from s3_server import s3_server

pytestmark = pytest.mark.timeout(airflow_env.INSTALL_TIMEOUT + 1200)

STORE = "s3://nbschedule-shared/runs"
LOGICAL_DATE = "2024-03-11T05:30:00+00:00"  # 06:30 in Berlin, a fire time of both crons
BASE = {
    "version": 1,
    "cron": "30 6 * * *",
    "timezone": "Europe/Berlin",
    "start_date": "2024-01-01",
    "zone": "analytics",
    "owner": "ada@example.com",
}
SUCCEEDS = {
    **BASE,
    "name": "airflow_ok",
    "notebook": "notebooks/ok.ipynb",
    "parameters": [{"name": "rate", "type": "float", "default": 1.0, "value": 5.0}],
}
FAILS = {
    **BASE,
    "name": "airflow_fail",
    "notebook": "notebooks/fail.ipynb",
    "retries": 1,
    "retry_delay_seconds": 0,
    "inputs": [{"connection": "shop", "table": "sales"}],
    "parameters": [{"name": "limit", "type": "int", "default": 3, "value": 7}],
}
FAIL_CELLS = (
    "limit = 3",
    "%load_ext nbschedule.warehouse.magics",
    "%%sql sales --conn shop\nselect region, amount from sales",
    "raise ValueError(f'the data is short: {len(sales)} rows')",
)


def _notebook(path: Path, *sources: str) -> None:
    # Fixed cell ids: the workers and JupyterLab read the same file (one repository's checkout).
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(source, id=f"cell-{index}") for index, source in enumerate(sources)]
    )
    nb.cells[0].metadata["tags"] = ["parameters"]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)


class _Hook(http.server.BaseHTTPRequestHandler):
    received: list[dict] = []

    def do_POST(self):
        self.received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def airflow_runs(airflow_venv, dag_generator, tmp_path_factory):
    """Runs both DAGs once under Airflow; yields (AWS variables, dags test outputs, webhook posts)."""
    workspace = tmp_path_factory.mktemp("workspace")
    _notebook(workspace / "notebooks" / "ok.ipynb", "rate = 1", "print(type(rate).__name__, rate)")
    _notebook(workspace / "notebooks" / "fail.ipynb", *FAIL_CELLS)
    shop = workspace / "shop.db"
    with sqlite3.connect(shop) as db:
        db.execute("create table sales (region text, amount real)")
        db.executemany("insert into sales values (?, ?)", [("north", 10.0), ("south", 2.5)])
    db.close()
    (workspace / ".nbschedule").mkdir()
    (workspace / ".nbschedule" / "connections.json").write_text(json.dumps({"shop": f"sqlite:///{shop}"}))
    home = tmp_path_factory.mktemp("airflow_home")
    with s3_server() as aws, http_server_thread(_Hook) as hook:
        fails = {**FAILS, "notify": [{"type": "webhook", "url": f"{hook.url}/failed"}]}
        dag_files.write_dags(dag_generator, [SUCCEEDS, fails], workspace / "dags")
        fsspec.filesystem("s3", **_client(aws)).mkdir(STORE.split("/")[2])
        env = airflow_env.environment(
            home,
            **aws,
            AIRFLOW__CORE__DAGS_FOLDER=str(workspace / "dags"),
            NBSCHEDULE_WORKSPACE=str(workspace),
            NBSCHEDULE_STORE=STORE,
        )
        migrate = airflow_env.run([str(airflow_env.VENV_AIRFLOW), "db", "migrate"], env, home)
        assert migrate.returncode == 0, migrate.stderr[-3000:]
        outputs = {}
        for spec in (SUCCEEDS, FAILS):
            done = airflow_env.run(
                [str(airflow_env.VENV_AIRFLOW), "dags", "test", f"nbschedule__{spec['name']}", LOGICAL_DATE], env, home
            )
            outputs[spec["name"]] = done.stdout + done.stderr
        # Airflow's REST API, for re-runs asked from JupyterLab; it comes up while the runs are listed.
        api_server, api_url = airflow_env.start_api_server(home, env)
        try:
            yield aws, outputs, _Hook.received, (api_server, api_url, home)
        finally:
            airflow_env.stop(api_server)


def _client(aws: dict[str, str]) -> dict:
    return {
        "key": aws["AWS_ACCESS_KEY_ID"],
        "secret": aws["AWS_SECRET_ACCESS_KEY"],
        "client_kwargs": {"endpoint_url": aws["AWS_ENDPOINT_URL_S3"]},
    }


def _attempts(aws, schedule: str) -> dict[int, dict]:
    """Attempt number → {record, lineage, output notebook} as the store holds them."""
    fs = fsspec.filesystem("s3", **_client(aws))
    fs.invalidate_cache()
    found = {}
    for record_path in fs.glob(f"{STORE[5:]}/{schedule}/*/attempt-*/record.json"):
        folder = record_path.rsplit("/", 1)[0]
        record = json.loads(fs.cat_file(record_path))
        found[record["attempt"]] = {
            "record": record,
            "lineage": [json.loads(line) for line in fs.cat_file(f"{folder}/lineage.jsonl").decode().splitlines()],
            "notebook": nbformat.reads(fs.cat_file(f"{folder}/output.ipynb").decode(), as_version=4),
            "folder": f"s3://{folder}",
        }
    return found


def test_a_succeeding_notebook_lands_in_the_shared_store(airflow_runs):
    aws, outputs, _, _ = airflow_runs
    attempts = _attempts(aws, "airflow_ok")
    assert list(attempts) == [1], outputs["airflow_ok"][-3000:]
    record = attempts[1]["record"]
    assert (record["status"], record["exit_reason"]) == ("success", "completed")
    # `airflow dags test` makes a manual DAG run; the record says so.
    assert record["trigger"] == "manual"
    assert record["logical_date"] == LOGICAL_DATE
    assert record["output_uri"] == f"{attempts[1]['folder']}/output.ipynb"
    assert record["sandbox"] is not None
    # 5.0 went through the DAG file and Airflow and reached the kernel as a float.
    assert record["parameters"] == {"rate": 5.0} and isinstance(record["parameters"]["rate"], float)
    printed = attempts[1]["notebook"].cells[-1].outputs[0]["text"]
    assert printed == "float 5.0\n"
    assert [event["eventType"] for event in attempts[1]["lineage"]] == ["START", "COMPLETE"]


def test_a_failing_notebook_is_retried_and_every_attempt_is_kept(airflow_runs):
    aws, outputs, _, _ = airflow_runs
    attempts = _attempts(aws, "airflow_fail")
    assert sorted(attempts) == [1, 2], outputs["airflow_fail"][-3000:]
    assert len({a["record"]["run_id"] for a in attempts.values()}) == 1
    assert [attempts[n]["record"]["trigger"] for n in (1, 2)] == ["manual", "retry"]
    for attempt in attempts.values():
        record = attempt["record"]
        assert (record["status"], record["exit_reason"]) == ("failed", "cell_error")
        assert record["error"]["ename"] == "ValueError"
        failing = attempt["notebook"].cells[record["failing_cell"]["index"]]
        assert "the data is short" in json.dumps(failing.outputs)
        assert [event["eventType"] for event in attempt["lineage"]] == ["START", "FAIL"]


def test_each_failed_attempt_notifies_once(airflow_runs):
    # The operator notifies about its recorded failure; Airflow's failure callback must not
    # notify a second time.
    _, outputs, posts, _ = airflow_runs
    assert len(posts) == 2, outputs["airflow_fail"][-3000:]


@pytest.fixture
def shared_store_server(airflow_runs, monkeypatch):
    aws, _, _, _ = airflow_runs
    for name, value in aws.items():
        monkeypatch.setenv(name, value)
    # Airflow's API credentials, from the standard variables only.
    monkeypatch.setenv("AIRFLOW_API_USERNAME", airflow_env.API_USER)
    monkeypatch.setenv("AIRFLOW_API_PASSWORD", airflow_env.API_PASSWORD)
    # s3fs keeps one client per set of options; a fresh one must see these variables.
    fsspec.filesystem("s3").clear_instance_cache()


@pytest.fixture
def jp_server_config(jp_server_config, shared_store_server, airflow_runs):
    return {
        **jp_server_config,
        "ServerApp": {"jpserver_extensions": {"nbschedule": True}},
        "NbScheduleScheduler": {
            "tick_seconds": 0.05,
            "shared_store": STORE,
            "shared_store_sync_seconds": 0.2,
            "airflow_api_url": airflow_runs[3][1],
        },
    }


async def test_the_runs_api_lists_the_airflow_runs_from_the_shared_store(jp_fetch, jp_root_dir, airflow_runs):
    aws, _, _, (api_server, api_url, airflow_home) = airflow_runs
    # JupyterLab's root is a checkout of the same repository the workers run.
    _notebook(jp_root_dir / "notebooks" / "fail.ipynb", *FAIL_CELLS)
    for _ in range(300):
        code, body = await fetch(jp_fetch, "runs")
        if code == 200 and len(body["runs"]) == 2:
            break
        await asyncio.sleep(0.1)
    runs = {run["schedule"]: run for run in body["runs"]}
    assert set(runs) == {"airflow_ok", "airflow_fail"}, body
    ok, failed = runs["airflow_ok"], runs["airflow_fail"]
    assert (ok["engine"], ok["status"], ok["trigger"], ok["attempts"]) == ("airflow", "success", "manual", 1)
    assert (failed["engine"], failed["status"], failed["attempts"]) == ("airflow", "failed", 2)
    assert ok["output_uri"].startswith(f"{STORE}/airflow_ok/") and ok["logical_date"] == LOGICAL_DATE

    code, detail = await fetch(jp_fetch, "runs", str(failed["id"]))
    assert code == 200
    assert [(a["number"], a["status"]) for a in detail["attempt_list"]] == [(1, "failed"), (2, "failed")]
    assert detail["record"]["attempt"] == 2 and detail["record"]["trigger"] == "retry"
    assert [event["eventType"] for event in detail["lineage"]] == ["START", "FAIL"]

    # Open output: each output notebook is copied from the bucket into the server root, in
    # the run store's layout, read-only, and opens through Jupyter's contents API.
    stored = _attempts(aws, "airflow_ok")[1]["record"]["output_uri"]
    assert ok["output_path"] == f"nbschedule-runs/airflow-runs/airflow_ok/{ok['run_id']}/attempt-1/output.ipynb"
    copy_path = jp_root_dir / ok["output_path"]
    assert copy_path.read_bytes() == fsspec.filesystem("s3").cat_file(stored)
    assert not copy_path.stat().st_mode & 0o222
    opened = await jp_fetch("api", "contents", *ok["output_path"].split("/"))
    assert json.loads(opened.body)["content"]["cells"][-1]["outputs"][0]["text"] == "float 5.0\n"
    assert [a["output_path"] for a in detail["attempt_list"]] == [
        f"nbschedule-runs/airflow-runs/airflow_fail/{failed['run_id']}/attempt-{n}/output.ipynb" for n in (1, 2)
    ]

    code, filtered = await fetch(jp_fetch, "runs", status="success")
    assert [run["schedule"] for run in filtered["runs"]] == ["airflow_ok"]

    # A debug copy of an Airflow run, with the run's parameters, at the failing cell.
    code, copy = await fetch(jp_fetch, "runs", str(failed["id"]), "debug", method="POST", body={})
    assert code == 201, copy
    assert copy["path"] == f"notebooks/fail.debug-{failed['run_id']}.ipynb"
    # The output notebook has papermill's two error banner cells above the failing cell; the copy has none.
    assert copy["failing_cell"]["index"] == detail["record"]["failing_cell"]["index"] - 2
    # The failed attempt's staged input came from the bucket: the copy replays it, not a live query.
    assert copy["warnings"] == []
    inputs = jp_root_dir / f"nbschedule-runs/airflow-runs/airflow_fail/{failed['run_id']}/attempt-2/inputs"
    [kept] = list(inputs.iterdir())
    sql_cell = nbformat.read(jp_root_dir / copy["path"], as_version=4).cells[3].source
    assert str(kept) in sql_cell and "select region" in sql_cell
    frame = pandas.read_parquet(kept) if kept.suffix == ".parquet" else pandas.read_csv(kept, index_col=0)
    assert sorted(frame["amount"]) == [2.5, 10.0]

    # Re-run: a new DAG run through Airflow's REST API, with the run's logical date and parameters.
    await asyncio.to_thread(airflow_env.wait_for_api_server, api_server, api_url, airflow_home)
    code, rerun = await fetch(jp_fetch, "runs", str(failed["id"]), "rerun", method="POST", body={})
    assert code == 202, rerun
    assert (rerun["engine"], rerun["schedule"], rerun["trigger"], rerun["status"]) == (
        "airflow",
        "airflow_fail",
        "manual",
        "running",
    )
    assert rerun["id"] != failed["id"] and rerun["run_id"].startswith("rerun__")
    assert rerun["logical_date"] == LOGICAL_DATE
    dag_run = await asyncio.to_thread(_airflow_dag_run, api_url, "nbschedule__airflow_fail", rerun["run_id"])
    assert dag_run["run_type"] == "manual" and dag_run["state"] == "queued"
    assert dag_run["conf"] == {
        "nbschedule": {"rerun_of": failed["run_id"], "logical_date": LOGICAL_DATE, "parameters": {"limit": 7}}
    }
    assert "Re-run of" in dag_run["note"]
    code, listed = await fetch(jp_fetch, "runs", schedule="airflow_fail")
    assert rerun["run_id"] in [run["run_id"] for run in listed["runs"]]
    # It is Airflow's now: not re-run twice while it has not finished, never cancelled from here.
    code, refused = await fetch(jp_fetch, "runs", str(rerun["id"]), "rerun", method="POST", body={})
    assert code == 409 and refused["field"] == "id" and "running" in refused["message"]
    code, refused = await fetch(jp_fetch, "runs", str(rerun["id"]), "cancel", method="POST", body={})
    assert code == 409 and "Airflow" in refused["message"]


def _airflow_dag_run(api_url: str, dag_id: str, dag_run_id: str) -> dict:
    """The DAG run as Airflow's own API tells it, signed in as the test's user."""

    def call(path: str, body: dict | None = None, token: str | None = None) -> dict:
        request = urllib.request.Request(
            f"{api_url}{path}",
            data=body and json.dumps(body).encode(),
            headers={"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    token = call("/auth/token", {"username": airflow_env.API_USER, "password": airflow_env.API_PASSWORD})
    return call(f"/api/v2/dags/{dag_id}/dagRuns/{urllib.parse.quote(dag_run_id, safe='')}", token=token["access_token"])
