"""Re-run of an Airflow-executed run when Airflow's API cannot take it: not configured,
or not answering. Either way a clear error naming what to fix, and no run is added.
(The re-run through a real Airflow API server is in test_airflow_end_to_end.py.)"""

from __future__ import annotations

import asyncio
import socket

import pytest
from jupyter_api import fetch

from nbschedule.airflow_api import Credentials, credentials_for
from nbschedule.operator.store import AttemptFolder

RUN_ID = "scheduled__2024-03-11T05:30:00+00:00"


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(params=["not configured", "not answering"])
def api_url(request) -> str:
    return "" if request.param == "not configured" else f"http://127.0.0.1:{_closed_port()}"


@pytest.fixture
def jp_server_config(jp_server_config, tmp_path, api_url, monkeypatch):
    monkeypatch.setenv("AIRFLOW_API_TOKEN", "a-token-from-the-environment")
    shared = tmp_path / "shared"
    folder = AttemptFolder(str(shared), "sales", RUN_ID, 1)
    folder.claim()
    folder.write_record(
        {
            "schedule": "sales",
            "notebook": "report.ipynb",
            "owner": "ada@example.com",
            "run_id": RUN_ID,
            "attempt": 1,
            "trigger": "scheduled",
            "logical_date": "2024-03-11T05:30:00+00:00",
            "status": "failed",
            "exit_reason": "cell_error",
            "message": "boom",
            "started_at": "2024-03-11T05:31:00+00:00",
            "ended_at": "2024-03-11T05:32:00+00:00",
            "output_uri": None,
            "parameters": {"limit": 7},
        }
    )
    return {
        **jp_server_config,
        "ServerApp": {"jpserver_extensions": {"nbschedule": True}},
        "NbScheduleScheduler": {
            "tick_seconds": 0.05,
            "shared_store": str(shared),
            "shared_store_sync_seconds": 0.05,
            "airflow_api_url": api_url,
        },
    }


async def test_a_rerun_airflow_cannot_take_is_refused_with_what_to_fix(jp_fetch, api_url):
    for _ in range(200):
        code, body = await fetch(jp_fetch, "runs")
        if code == 200 and body["runs"]:
            break
        await asyncio.sleep(0.05)
    [run] = body["runs"]
    assert run["engine"] == "airflow"

    code, refused = await fetch(jp_fetch, "runs", str(run["id"]), "rerun", method="POST", body={})

    assert refused["field"] == "airflow_api_url"
    if not api_url:
        assert code == 409
        assert "c.NbScheduleScheduler.airflow_api_url" in refused["message"]
        assert "AIRFLOW_API_TOKEN" in refused["message"]
    else:
        assert code == 502 and "cannot be reached" in refused["message"] and api_url in refused["message"]
    code, body = await fetch(jp_fetch, "runs")
    assert [r["run_id"] for r in body["runs"]] == [RUN_ID]


def test_api_credentials_come_from_the_environment_then_netrc(tmp_path):
    netrc_file = tmp_path / "netrc"
    netrc_file.write_text("machine airflow.internal login ops password from-netrc\n")
    netrc_file.chmod(0o600)
    url = "http://airflow.internal:8080"
    both = {
        "AIRFLOW_API_TOKEN": "jwt",
        "AIRFLOW_API_USERNAME": "u",
        "AIRFLOW_API_PASSWORD": "p",
        "NETRC": str(netrc_file),
    }
    assert credentials_for(url, both) == Credentials(token="jwt")
    assert credentials_for(url, {**both, "AIRFLOW_API_TOKEN": ""}) == Credentials(username="u", password="p")
    assert credentials_for(url, {"NETRC": str(netrc_file)}) == Credentials(username="ops", password="from-netrc")
    assert credentials_for("http://other:8080", {"NETRC": str(netrc_file)}) == Credentials()
    assert credentials_for(url, {"NETRC": str(tmp_path / "missing")}) == Credentials()
