"""/nbschedule/metrics after synthetic runs (succeeded, failed, retried, cancelled, one in
progress, missed fire times): every counter and histogram count, parsed by prometheus_client."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from jupyter_api import fetch
from prometheus_client.parser import text_string_to_metric_families
from scheduler_helpers import make_spec, write_spec
from synthetic_runs import T0, History

from nbschedule.scheduler.server import SETTINGS_KEY
from nbschedule.scheduler.specfiles import SpecFolder
from nbschedule.scheduler.timer import Timer


def samples(text: str) -> dict[tuple, float]:
    """{(sample name, sorted labels): value} of every sample in the exposition text."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            key = (sample.name, tuple(sorted(sample.labels.items())))
            assert key not in found, f"duplicate sample {key}"
            found[key] = sample.value
    return found


def by_schedule(found: dict, name: str, **labels) -> dict[str, float]:
    """{schedule: value} of one sample name, filtered by the other labels."""
    return {
        dict(k)["schedule"]: v
        for (n, k), v in found.items()
        if n == name and all(dict(k).get(key) == value for key, value in labels.items())
    }


async def scrape(jp_fetch, *path) -> str:
    response = await jp_fetch(*path)
    assert response.code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    return response.body.decode()


async def test_metrics_count_every_run_attempt_retry_and_missed_fire_time(jp_fetch, jp_serverapp, tmp_path):
    scheduler = jp_serverapp.web_app.settings[SETTINGS_KEY]
    status, _ = await fetch(jp_fetch, "scheduler", "pause", method="POST", body={})
    assert status == 200  # the server's own scheduler starts none of the synthetic queued runs
    history = History(scheduler)
    for seconds, wait in ((2, 0.2), (10, 0.2), (40, 2), (100, 20)):
        history.run("daily", wait, [("success", seconds)])
    history.run("daily", 0.2, [("failed", 3), ("failed", 4)], retries=1)
    history.run("daily", 0.2, [("failed", 3), ("success", 8)], retries=1)
    history.run("weekly", 0.2, [("success", 700)])
    history.run("weekly", 0.2, [("success", 2000)])
    history.run("weekly", 0.2, [("failed", 20)])
    history.cancelled("weekly")
    history.run("weekly", 7, [("success", 1)], finish=False)  # still running
    # Missed: the schedule had run at 01:00, then nothing fired until 06:00 (catch-up none).
    write_spec(tmp_path, make_spec("hourly", cron="0 * * * *", start_date="2026-01-01", catchup="none"))
    timer = Timer(
        scheduler.db, SpecFolder(tmp_path / "schedules", 0), timedelta(seconds=60), 1000, logging.getLogger("test")
    )
    for hour in (1, 6):
        timer.reload(T0 + timedelta(hours=hour))
        assert timer.claim_due(T0 + timedelta(hours=hour)) == 1

    activity = jp_serverapp.web_app.settings.get("api_last_activity")
    found = samples(await scrape(jp_fetch, "nbschedule", "metrics"))
    assert jp_serverapp.web_app.settings.get("api_last_activity") == activity  # a scrape is no user activity

    assert by_schedule(found, "nbschedule_runs_total", status="success") == {"daily": 5, "weekly": 2}
    assert by_schedule(found, "nbschedule_runs_total", status="failed") == {"daily": 1, "weekly": 1}
    assert by_schedule(found, "nbschedule_runs_total", status="cancelled") == {"weekly": 1}
    assert sum(v for (n, _), v in found.items() if n == "nbschedule_runs_total") == 10
    assert by_schedule(found, "nbschedule_run_retries_total", reason="retry") == {"daily": 2}
    assert by_schedule(found, "nbschedule_runs_in_progress") == {"weekly": 1}
    assert by_schedule(found, "nbschedule_runs_queued") == {"hourly": 2}  # paused: claimed, not started
    assert by_schedule(found, "nbschedule_missed_runs_total") == {"hourly": 4}  # 02:00 to 05:00

    assert by_schedule(found, "nbschedule_run_duration_seconds_count") == {"daily": 8, "weekly": 3}
    assert by_schedule(found, "nbschedule_run_duration_seconds_sum") == pytest.approx(
        {"daily": 170, "weekly": 2720}, abs=0.01
    )
    buckets = {
        dict(k)["le"]: v
        for (n, k), v in found.items()
        if n == "nbschedule_run_duration_seconds_bucket" and dict(k)["schedule"] == "daily"
    }
    assert (buckets["1.0"], buckets["5.0"], buckets["15.0"], buckets["60.0"], buckets["120.0"], buckets["+Inf"]) == (
        0,
        4,
        6,
        7,
        8,
        8,
    )
    weekly = {
        dict(k)["le"]: v
        for (n, k), v in found.items()
        if n == "nbschedule_run_duration_seconds_bucket" and dict(k)["schedule"] == "weekly"
    }
    assert (weekly["30.0"], weekly["600.0"], weekly["1800.0"], weekly["3600.0"]) == (1, 1, 2, 3)

    assert by_schedule(found, "nbschedule_run_queue_wait_seconds_count") == {"daily": 6, "weekly": 4}
    waits = {
        dict(k)["le"]: v
        for (n, k), v in found.items()
        if n == "nbschedule_run_queue_wait_seconds_bucket" and dict(k)["schedule"] == "daily"
    }
    assert (waits["0.5"], waits["5.0"], waits["15.0"], waits["30.0"]) == (4, 5, 5, 6)

    last = by_schedule(found, "nbschedule_last_success_timestamp_seconds")
    assert last["daily"] == pytest.approx((T0 + timedelta(days=5, seconds=0.2 + 3 + 60 + 8)).timestamp())
    assert set(last) == {"daily", "weekly"}
    assert [dict(k)["version"] for (n, k) in found if n == "nbschedule_build_info"] != []
    assert found[("nbschedule_scheduler_mode", (("mode", "paused"),))] == 1

    with scheduler.db.read() as connection:
        run_ids = {row.run_id for row in connection.exec_driver_sql("SELECT run_id FROM runs")}
    assert not any(value in run_ids for (_, labels) in found for _, value in labels)  # no run id as a label

    # jupyter_server's own /metrics carries the same nbschedule samples.
    server_wide = samples(await scrape(jp_fetch, "metrics"))
    assert by_schedule(server_wide, "nbschedule_runs_total", status="success") == {"daily": 5, "weekly": 2}
