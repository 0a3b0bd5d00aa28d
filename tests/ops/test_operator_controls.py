"""Pause all, drain and resume, from the CLI and the REST API, kept in the scheduler
database so they hold for every scheduler of the workspace."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from jupyter_api import fetch
from scheduler_helpers import (
    all_attempts,
    all_runs,
    backfill,
    fast_config,
    make_spec,
    quiet_spec,
    tick_until,
    write_notebook,
    write_spec,
)
from test_lease import Clock

from nbschedule.cli import main
from nbschedule.scheduler.engine import Scheduler
from nbschedule.scheduler.run_rows import claim_runs


def cli(capsys, *words: str) -> tuple[int, dict]:
    code = main(["scheduler", *words])
    return code, json.loads(capsys.readouterr().out)


def test_pause_all_fires_nothing_and_resume_applies_the_catch_up_policy(root, schedulers, capsys):
    write_spec(root, make_spec("hourly", cron="0 * * * *", start_date="2026-01-01", catchup="latest"))
    clock = Clock(datetime(2026, 1, 1, 0, 30, tzinfo=timezone.utc))
    scheduler = Scheduler(root, fast_config(), clock=clock)
    schedulers.append(scheduler)
    with scheduler.db.write() as connection:  # a run already queued
        claim_runs(
            connection, make_spec("hourly"), "backfill", [datetime(2025, 6, 1, tzinfo=timezone.utc)], clock.instant
        )
    code, report = cli(capsys, "pause-all", str(root))
    assert code == 0 and report["mode"] == "paused" and report["mode_changed_by"].startswith("cli:")
    for hour in (1, 2, 3):
        clock.instant = datetime(2026, 1, 1, hour, 0, 1, tzinfo=timezone.utc)
        scheduler.tick()
    assert [(r["trigger"], r["status"]) for r in all_runs(scheduler)] == [("backfill", "queued")]
    clock.instant = datetime(2026, 1, 1, 3, 30, tzinfo=timezone.utc)
    code, report = cli(capsys, "resume", str(root))
    assert code == 0 and report["mode"] == "running"
    scheduler.tick()
    # 'latest': one run for the most recent fire time missed while paused; the queued run started.
    assert [(r["trigger"], r["logical_date"].hour) for r in all_runs(scheduler)] == [("backfill", 0), ("scheduled", 3)]
    assert all_runs(scheduler)[0]["status"] == "running"


def test_drain_lets_the_running_run_finish_and_starts_none_until_resume(root, schedulers, capsys):
    write_notebook(root, "import time\ntime.sleep(1)")
    spec = quiet_spec("quiet")
    write_spec(root, spec)
    scheduler = Scheduler(root, fast_config())
    schedulers.append(scheduler)
    backfill(scheduler, spec, 1)
    tick_until(scheduler, lambda s: any(a["worker_pid"] for a in all_attempts(s)))
    code, report = cli(capsys, "drain", str(root))
    assert code == 0 and report["mode"] == "draining" and report["drained"] is False
    with scheduler.db.write() as connection:  # a second run arrives while draining
        claim_runs(connection, spec, "backfill", [datetime(2025, 6, 1, tzinfo=timezone.utc)], scheduler.clock())
    tick_until(scheduler, lambda s: all_runs(s)[0]["status"] == "success")
    for _ in range(5):
        scheduler.tick()
    assert [r["status"] for r in all_runs(scheduler)] == ["success", "queued"]
    code, report = cli(capsys, "status", str(root))
    assert code == 0 and report["drained"] is True and report["runs_queued"] == 1
    assert report["lease"]["holder_id"] == scheduler.lease.server_id
    cli(capsys, "resume", str(root))
    tick_until(scheduler, lambda s: all_runs(s)[1]["status"] == "running")


def test_the_cli_rejects_an_unknown_action_or_workspace_in_one_line(root, capsys):
    assert main(["scheduler", "stop-everything", str(root)]) == 2
    assert "pause-all, drain, resume, status" in capsys.readouterr().err
    assert main(["scheduler", "drain", str(root / "missing")]) == 2
    error = capsys.readouterr().err
    assert error.startswith("nbschedule: error: workspace") and error.count("\n") == 1
    assert not (root / "missing").exists()


def test_status_exits_1_when_no_scheduler_fires(root, capsys):
    code, report = cli(capsys, "status", str(root))
    assert code == 1 and report["alive"] is False and report["lease"] is None


async def test_rest_pause_drain_resume_and_health(jp_fetch, jp_serverapp):
    for action, mode in (("pause", "paused"), ("drain", "draining"), ("resume", "running")):
        status, report = await fetch(jp_fetch, "scheduler", action, method="POST", body={})
        assert status == 200 and report["mode"] == mode
        assert (report["mode_changed_by"] or "rest:").startswith("rest:")
        assert (report["mode_changed_by"] is None) == (mode == "running")
    await fetch(jp_fetch, "scheduler", "pause", method="POST", body={})
    status, health = await fetch(jp_fetch, "health")
    assert health["mode"] == "paused" and health["this_process"]["kind"] == "server"
    assert status == (200 if health["alive"] else 503)


def test_a_busy_metrics_port_is_one_line_not_a_traceback(root, capsys):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["scheduler", str(root), "--http-port", str(port)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"nbschedule: error: cannot serve metrics on 127.0.0.1:{port}") and error.count("\n") == 1
