"""The Airflow landed-data sensor waits for the schedule's local day, as the embedded
scheduler does: the real LandedSensor.poke in a real Airflow against a real warehouse."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from airflow_env import INSTALL_TIMEOUT, environment, run
from sqlalchemy import Column, Date, Integer, MetaData, Table, create_engine, insert

from nbschedule.scheduler.landing import NotLanded, wait_until_landed

pytestmark = pytest.mark.timeout(INSTALL_TIMEOUT + 300)

LANDED = date(2024, 3, 11)  # the only day with rows
# (zone, UTC logical date, has that zone's local day landed?) The UTC date says the opposite each time.
CASES = [
    ("Europe/Berlin", "2024-03-10T23:30:00+00:00", True),  # 00:30 on the 11th in Berlin
    ("Europe/Berlin", "2024-03-11T23:30:00+00:00", False),  # 00:30 on the 12th
    ("Asia/Tokyo", "2024-03-10T15:00:00+00:00", True),  # midnight on the 11th in Tokyo
    ("America/Los_Angeles", "2024-03-12T05:30:00+00:00", True),  # 22:30 on the 11th (PDT)
    ("America/Los_Angeles", "2024-03-11T06:30:00+00:00", False),  # 23:30 on the 10th
    ("America/New_York", "2024-03-12T03:59:00+00:00", True),  # 23:59 on the 11th (EDT)
]


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A workspace whose `dwh` connection is an SQLite warehouse with orders of LANDED only."""
    database = tmp_path / "dwh.db"
    engine = create_engine(f"sqlite:///{database}")
    orders = Table("orders", MetaData(), Column("id", Integer), Column("order_date", Date))
    orders.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(orders), [{"id": 1, "order_date": LANDED}])
    engine.dispose()
    (tmp_path / ".nbschedule").mkdir()
    (tmp_path / ".nbschedule" / "connections.json").write_text(json.dumps({"dwh": f"sqlite:///{database}"}))
    return tmp_path


def poke_in_airflow(python: Path, workspace: Path, cases: list[tuple]) -> list[bool]:
    """The answers of the real sensor, run by the Airflow venv's own nbschedule[airflow]."""
    payload = json.dumps([{"timezone": zone, "logical_date": instant} for zone, instant, _ in cases])
    done = run(
        [str(python), str(Path(__file__).with_name("landed_sensor_probe.py")), str(workspace), payload],
        environment(workspace / "airflow_home"),
        workspace,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("PROBE-JSON "))
    return json.loads(line[len("PROBE-JSON ") :])


def test_the_airflow_sensor_checks_the_schedules_local_day_east_and_west_of_utc(airflow_venv, workspace):
    assert poke_in_airflow(airflow_venv, workspace, CASES) == [landed for _, _, landed in CASES]


@pytest.mark.parametrize("zone, instant, landed", CASES)
def test_the_embedded_scheduler_agrees_with_the_sensor(workspace, zone, instant, landed):
    spec = {
        "timezone": zone,
        "inputs": [
            {
                "connection": "dwh",
                "table": "orders",
                "wait_until_landed": {"date_column": "order_date", "timeout_seconds": 0, "poke_interval_seconds": 1},
            }
        ],
    }
    logical_date = datetime.fromisoformat(instant).astimezone(timezone.utc)
    if landed:
        wait_until_landed(spec, workspace, logical_date, sleep=lambda seconds: None)
    else:
        with pytest.raises(NotLanded):
            wait_until_landed(spec, workspace, logical_date, sleep=lambda seconds: None)
