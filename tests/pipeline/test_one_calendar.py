"""One calendar: the wizard's next runs (the fire-time API of a real server), the
embedded scheduler's calendar and the generated DAG under a real Airflow fire at the
same instants around every DST transition of 2024-2027 in 25 time zones.

The zones include Lord Howe (a 30-minute shift), Chatham (+12:45/+13:45), Troll (a
two-hour shift), Havana and Asuncion (changes at midnight), zones that changed their
rules in or just before these years (Asuncion, Nuuk, Scoresbysund, Cairo), and
Casablanca and Gaza, whose DST follows Ramadan.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import airflow_env
import dag_files
import pytest
from jupyter_api import fetch

from nbschedule.cron.calendar import FireCalendar

pytestmark = pytest.mark.timeout(airflow_env.INSTALL_TIMEOUT + 900)

ZONES = [
    "Europe/Berlin",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Chisinau",
    "Europe/Kyiv",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/St_Johns",
    "America/Havana",
    "America/Santiago",
    "America/Asuncion",
    "America/Nuuk",
    "America/Scoresbysund",
    "Africa/Cairo",
    "Africa/Casablanca",
    "Asia/Gaza",
    "Asia/Beirut",
    "Australia/Lord_Howe",
    "Australia/Sydney",
    "Australia/Adelaide",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Antarctica/Troll",
]
CRONS = ["30 2 * * *", "45 2 * * *", "0 0 * * *", "0 * * * *", "*/30 * * * *"]
YEARS = (datetime(2024, 1, 1, tzinfo=timezone.utc), datetime(2028, 1, 1, tzinfo=timezone.utc))
REACH = timedelta(hours=26)


def transitions(zone_name: str) -> list[datetime]:
    """Every instant in YEARS where the zone's UTC offset changes, to the minute."""
    zone = ZoneInfo(zone_name)
    offset = lambda instant: instant.astimezone(zone).utcoffset()  # noqa: E731
    found, day = [], YEARS[0]
    while day < YEARS[1]:
        low, high = day, day + timedelta(days=1)
        if offset(low) != offset(high):
            while high - low > timedelta(minutes=1):
                middle = low + (high - low) / 2
                low, high = (middle, high) if offset(middle) == offset(low) else (low, middle)
            found.append(high.replace(second=0, microsecond=0))
        day += timedelta(days=1)
    return found


def windows(zone_name: str) -> list[tuple[datetime, datetime]]:
    # Starting at minute 7 UTC: no cron here fires there in any of these zones' offsets.
    return [((t - REACH).replace(minute=7), t + REACH) for t in transitions(zone_name)]


def spec_of(zone_name: str, cron: str) -> dict:
    name = f"cal_{CRONS.index(cron)}_{ZONES.index(zone_name)}"
    return {
        "version": 1,
        "name": name,
        "notebook": "report.ipynb",
        "cron": cron,
        "timezone": zone_name,
        "start_date": "2023-01-01",
        "zone": "analytics",
        "owner": "ada@example.com",
        "catchup": "all",
    }


CASES = [spec_of(zone_name, cron) for zone_name in ZONES for cron in CRONS]


def test_every_zone_has_transitions_in_these_years():
    counts = {zone_name: len(transitions(zone_name)) for zone_name in ZONES}
    assert len(ZONES) >= 20 and all(count >= 1 for count in counts.values()), counts
    assert counts["Australia/Lord_Howe"] == 8 and counts["America/Asuncion"] == 2  # Paraguay kept DST in 2024


@pytest.fixture(scope="module")
def airflow_times(airflow_venv, dag_generator, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("calendar_dags")
    dag_ids = dag_files.write_dags(dag_generator, CASES, folder)
    spans = {
        dag_id: [[start.isoformat(), end.isoformat()] for start, end in windows(spec["timezone"])]
        for dag_id, spec in zip(dag_ids, CASES)
    }
    request = tmp_path_factory.mktemp("calendar_request") / "windows.json"
    request.write_text(json.dumps(spans))
    found = airflow_env.probe(folder, tmp_path_factory.mktemp("airflow_home"), "--fire-times", str(request))
    assert found["import_errors"] == {}
    return found["times"]


@pytest.fixture
def jp_server_config(jp_server_config):
    return {**jp_server_config, "ServerApp": {"jpserver_extensions": {"nbschedule": True}}}


async def api_times(jp_fetch, spec: dict, start: datetime, end: datetime) -> list[str]:
    """The wizard's next runs, page after page, until past `end`."""
    times: list[str] = []
    after = start
    while True:
        code, body = await fetch(
            jp_fetch, "cron", "next", cron=spec["cron"], timezone=spec["timezone"], after=after.isoformat(), count="50"
        )
        assert code == 200, body
        for text in body["next"]:
            instant = datetime.fromisoformat(text)
            if instant > end:
                return times
            times.append(instant.astimezone(timezone.utc).isoformat())
            after = instant


async def test_wizard_embedded_scheduler_and_airflow_fire_at_the_same_instants(jp_fetch, airflow_times):
    compared = 0
    for spec in CASES:
        calendar = FireCalendar(spec)
        for (start, end), from_airflow in zip(windows(spec["timezone"]), airflow_times[f"nbschedule__{spec['name']}"]):
            embedded = [t.isoformat() for t in calendar.between(start, end, 10_000)]
            wizard = await api_times(jp_fetch, spec, start, end)
            airflow = [datetime.fromisoformat(t).astimezone(timezone.utc).isoformat() for t in from_airflow]
            where = (spec["cron"], spec["timezone"], start.isoformat())
            assert wizard == airflow, where
            assert embedded == airflow, where
            compared += len(airflow)
    assert compared > 20_000
