"""The scheduler service and a Jupyter server on one workspace: exactly one fires.

With the server killed, the service alone fires the cron three times (three output
notebooks); with the service killed, the server takes the firing lease over within the
lease time and the next fire time runs once.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timedelta, timezone

from ops_processes import JupyterServer, Service, SharedClock, get_text, wait_for
from prometheus_client.parser import text_string_to_metric_families
from scheduler_helpers import make_spec, write_notebook, write_spec
from sqlalchemy import select

from nbschedule.scheduler.database import Database
from nbschedule.scheduler.models import AttemptRow, RunRow

runs, attempts = RunRow.__table__, AttemptRow.__table__
LEASE_SECONDS = 2
START = datetime(2026, 1, 1, 0, 30, tzinfo=timezone.utc)


def fire(hour: int) -> datetime:
    return datetime(2026, 1, 1, hour, tzinfo=timezone.utc)


def run_rows(db: Database) -> list[dict]:
    """The cron's runs."""
    with db.read() as connection:
        return [
            dict(r)
            for r in connection.execute(
                select(runs).where(runs.c.trigger == "scheduled").order_by(runs.c.logical_date)
            ).mappings()
        ]


def succeeded(db: Database, hour: int) -> bool:
    return any(r["logical_date"] == fire(hour) and r["status"] == "success" for r in run_rows(db))


def test_service_fires_without_the_server_and_the_server_takes_over_when_the_service_dies(root, tmp_path):
    write_notebook(root, "value = 6 * 7")
    write_spec(root, make_spec("hourly", cron="0 * * * *", start_date="2026-01-01", catchup="none"))
    clock = SharedClock(tmp_path)
    clock.set_to(START)
    db = Database(root / ".nbschedule" / "scheduler.db")
    service = Service(root, clock, tmp_path / "service.log")
    server = second_server = None
    try:
        wait_for(lambda: service.health()["this_process"]["role"] == "holder", 30, "the service to fire")
        server = JupyterServer(root, clock, tmp_path, tmp_path / "server.log")
        health = wait_for(lambda: server.get("health")[1], 60, "the server to answer")
        assert health["alive"] and health["this_process"]["role"] == "standby"
        assert health["lease"]["kind"] == "service" and health["lease"]["pid"] == service.process.pid

        clock.set_to(fire(1) + timedelta(seconds=1))
        wait_for(lambda: succeeded(db, 1), 60, "the first run")
        # The standby server lists what the service ran, as its panels show it.
        status, page = server.get("runs?schedule=hourly")
        assert status == 200 and [(r["status"], r["trigger"]) for r in page["runs"]] == [("success", "scheduled")]
        status, overview = server.get("schedules")
        assert overview["schedules"][0]["next_fire_time"] == "2026-01-01T02:00:00+00:00"
        status, manual = server.post("schedules/hourly/runs")  # "Run now" on the standby: the service runs it
        assert status == 201
        wait_for(lambda: server.get(f"runs/{manual['id']}")[1]["status"] == "success", 60, "the manual run")

        server.kill()  # nobody is logged in any more
        for hour in (2, 3):
            clock.set_to(fire(hour) + timedelta(seconds=1))
            wait_for(lambda hour=hour: succeeded(db, hour), 60, f"the run of {hour}:00")
        assert len(list(root.glob("nbschedule-runs/hourly/scheduled__*/**/output.ipynb"))) == 3
        metrics = {m.name: m for m in text_string_to_metric_families(get_text(service.url + "/metrics"))}
        assert [(s.labels, s.value) for s in metrics["nbschedule_runs"].samples] == [
            ({"schedule": "hourly", "status": "success"}, 4.0)
        ]  # 3 fired, 1 manual

        second_server = JupyterServer(root, clock, tmp_path, tmp_path / "server2.log")
        wait_for(
            lambda: second_server.get("health")[1]["this_process"]["role"] == "standby",
            60,
            "the second server to stand by",
        )
        service.stop(9)  # SIGKILL: no hand-over
        killed_at = time.monotonic()
        wait_for(
            lambda: second_server.get("health")[1]["this_process"]["role"] == "holder",
            LEASE_SECONDS + 5,
            "the server to take over",
        )
        assert time.monotonic() - killed_at <= LEASE_SECONDS + 1
        clock.set_to(fire(4) + timedelta(seconds=1))
        wait_for(lambda: succeeded(db, 4), 60, "the run of 4:00")
        time.sleep(1)  # a duplicate would be claimed within a few ticks
    finally:
        for process in (server, second_server):
            if process is not None:
                process.kill()
        service.stop(9)
    rows = run_rows(db)
    assert Counter(r["logical_date"] for r in rows) == {fire(h): 1 for h in (1, 2, 3, 4)}
    assert [r["status"] for r in rows] == ["success"] * 4
    with db.read() as connection:
        assert connection.execute(
            select(attempts.c.run_pk, attempts.c.number).where(attempts.c.run_pk.in_([r["id"] for r in rows]))
        ).all() == [(r["id"], 1) for r in rows]
    assert len(list(root.glob("nbschedule-runs/hourly/scheduled__*/**/output.ipynb"))) == 4
    db.close()
