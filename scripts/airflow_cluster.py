"""Drives the cluster scripts/airflow-cluster.sh started: triggers DAG runs through
Airflow's REST API, waits for them, and checks them where a user would look.

- both Celery workers ran some of the runs (each worker reports its name as the task's
  hostname);
- every run's record, output notebook and lineage are in the shared S3 run store;
- nbschedule's /runs API (Jupyter's server reading the same store) lists every run;
- a re-run asked through /runs becomes a new DAG run that Airflow runs with the same
  logical date and parameters.

Prints throughput (runs per minute, first trigger to last record) and the p50/p95 of the
runs' durations (the records' started_at to ended_at) and of trigger-to-record latency.
Exits non-zero when a check fails. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from datetime import datetime, timedelta, timezone

import fsspec

FIRST_LOGICAL_DATE = datetime(2024, 1, 1, 6, 0, tzinfo=timezone.utc)


def call(url: str, body: dict | None = None, method: str | None = None, headers: dict | None = None) -> dict:
    request = urllib.request.Request(
        url,
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read()
    return json.loads(text) if text else {}


def wait(what: str, check, timeout: float, every: float = 2.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = check()
        except (OSError, urllib.error.URLError, KeyError, ValueError):
            found = None
        if found:
            return found
        if time.monotonic() > deadline:
            sys.exit(f"FAILED: {what} did not happen within {timeout:.0f} s")
        time.sleep(every)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Airflow:
    def __init__(self, url: str, dag_id: str):
        self.url, self.dag_id = url, dag_id
        # The same credentials nbschedule's server uses, from the same variables.
        token = call(
            f"{url}/auth/token",
            {"username": os.environ["AIRFLOW_API_USERNAME"], "password": os.environ["AIRFLOW_API_PASSWORD"]},
        )
        self.headers = {"Authorization": f"Bearer {token['access_token']}"}

    def get(self, path: str) -> dict:
        return call(f"{self.url}/api/v2/dags/{self.dag_id}{path}", headers=self.headers)

    def send(self, path: str, body: dict, method: str = "POST") -> dict:
        return call(f"{self.url}/api/v2/dags/{self.dag_id}{path}", body, method, self.headers)

    def dag_runs(self) -> dict[str, dict]:
        return {run["dag_run_id"]: run for run in self.get("/dagRuns?limit=500")["dag_runs"]}

    def worker_of(self, dag_run_id: str) -> str:
        tasks = self.get(f"/dagRuns/{urllib.parse.quote(dag_run_id, safe='')}/taskInstances")["task_instances"]
        return next(task["hostname"] for task in tasks if task["task_id"] == "run_notebook")


def store_records(store: str, schedule: str) -> dict[str, dict]:
    """run id → its latest attempt's record, as the shared store holds them."""
    fs, root = fsspec.core.url_to_fs(store)
    fs.invalidate_cache()
    records = {}
    for path in fs.glob(f"{root}/{schedule}/*/attempt-*/record.json"):
        record = json.loads(fs.cat_file(path))
        if record["attempt"] >= records.get(record["run_id"], {}).get("attempt", 0):
            records[record["run_id"]] = record
    return records


def main() -> None:
    parser = argparse.ArgumentParser()
    for name in ("--api", "--lab", "--lab-token", "--store", "--dag"):
        parser.add_argument(name, required=True)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    schedule = args.dag.removeprefix("nbschedule__")
    lab_headers = {"Authorization": f"token {args.lab_token}"}

    wait("Airflow's API server to start", lambda: call(f"{args.api}/api/v2/monitor/health"), 300)
    airflow = Airflow(args.api, args.dag)
    wait(f"the DAG processor to load {args.dag}", lambda: airflow.get(""), 300)
    airflow.send("", {"is_paused": False}, "PATCH")

    print(f"==> triggering {args.runs} DAG runs")
    started = time.time()
    triggered_at = {}
    for index in range(args.runs):
        run_id = f"cluster__{index + 1:02d}"
        airflow.send(
            "/dagRuns", {"dag_run_id": run_id, "logical_date": (FIRST_LOGICAL_DATE + timedelta(days=index)).isoformat()}
        )
        triggered_at[run_id] = time.time()

    def all_finished():
        runs = airflow.dag_runs()
        states = Counter(runs[run_id]["state"] for run_id in triggered_at if run_id in runs)
        print(f"    {dict(states)}", flush=True)
        return runs if states.get("success", 0) + states.get("failed", 0) == args.runs else None

    runs = wait(f"all {args.runs} DAG runs to finish", all_finished, 3600, every=10)
    failed = [run_id for run_id in triggered_at if runs[run_id]["state"] != "success"]
    records = store_records(args.store, schedule)
    workers = Counter(airflow.worker_of(run_id) for run_id in triggered_at)
    problems = []
    if failed:
        problems.append(f"DAG runs that did not succeed: {failed}")
    if len(workers) < 2 or not all(name.startswith("worker-") for name in workers):
        problems.append(f"the runs were not spread over both workers: {dict(workers)}")
    missing = [run_id for run_id in triggered_at if records.get(run_id, {}).get("status") != "success"]
    if missing:
        problems.append(f"runs without a successful record in {args.store}: {missing}")

    def listed():
        page = call(f"{args.lab}/nbschedule/runs?schedule={schedule}&limit=200", headers=lab_headers)["runs"]
        ours = {run["run_id"]: run for run in page if run["run_id"] in triggered_at}
        return ours if len(ours) == args.runs else None

    in_panel = wait(f"nbschedule's /runs to list all {args.runs} runs", listed, 120)
    not_ok = [run_id for run_id, run in in_panel.items() if (run["engine"], run["status"]) != ("airflow", "success")]
    if not_ok:
        problems.append(f"/runs shows these runs as not successful Airflow runs: {not_ok}")

    durations = [
        (
            datetime.fromisoformat(records[r]["ended_at"]) - datetime.fromisoformat(records[r]["started_at"])
        ).total_seconds()
        for r in triggered_at
        if r in records
    ]
    latencies = [
        datetime.fromisoformat(records[r]["ended_at"]).timestamp() - triggered_at[r]
        for r in triggered_at
        if r in records
    ]
    last_end = max(datetime.fromisoformat(records[r]["ended_at"]).timestamp() for r in triggered_at if r in records)
    minutes = (last_end - started) / 60

    print("==> re-run of one run through nbschedule's /runs")
    original = in_panel["cluster__01"]
    rerun = call(f"{args.lab}/nbschedule/runs/{original['id']}/rerun", {}, headers=lab_headers)

    def rerun_recorded():
        return store_records(args.store, schedule).get(rerun["run_id"], {}).get("status") == "success"

    wait(f"the re-run {rerun['run_id']} to be recorded", rerun_recorded, 900, every=5)
    again = store_records(args.store, schedule)[rerun["run_id"]]
    first = records["cluster__01"]
    if (again["logical_date"], again["parameters"], again["trigger"]) != (
        first["logical_date"],
        first["parameters"],
        "manual",
    ):
        problems.append(
            f"the re-run changed the logical date or parameters: {again['logical_date']} "
            f"{again['parameters']} vs {first['logical_date']} {first['parameters']}"
        )

    print(f"runs: {args.runs} DAG runs, {len(records)} records in the store, {len(in_panel)} listed by /runs")
    print(f"workers (runs each): {dict(sorted(workers.items()))}")
    print(
        f"throughput: {args.runs / minutes:.2f} runs/minute ({args.runs} runs in {minutes * 60:.0f} s, first "
        "trigger to last record)"
    )
    print(
        f"run duration (record started_at to ended_at): p50 {percentile(durations, 0.5):.1f} s, "
        f"p95 {percentile(durations, 0.95):.1f} s"
    )
    print(f"trigger to record: p50 {percentile(latencies, 0.5):.1f} s, p95 {percentile(latencies, 0.95):.1f} s")
    print(
        f"re-run: {original['run_id']} -> {rerun['run_id']} ({again['status']}, logical date "
        f"{again['logical_date']}, parameters {again['parameters']})"
    )
    if problems:
        sys.exit("FAILED:\n  " + "\n  ".join(problems))
    print("OK")


if __name__ == "__main__":
    main()
