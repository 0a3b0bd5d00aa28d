"""The spec check refuses what a DAG cannot carry, naming the field."""

from __future__ import annotations

import pytest

from nbschedule.spec.check import check_spec
from nbschedule.zones import load_catalogue

SPEC = {
    "version": 1,
    "name": "limits",
    "notebook": "report.ipynb",
    "cron": "0 6 * * *",
    "timezone": "UTC",
    "start_date": "2024-01-01",
    "zone": "analytics",
    "owner": "ada@example.com",
}


@pytest.mark.parametrize(
    ("change", "path"),
    [
        # wait_for__<connection>__<table> would pass Airflow's 250-character task id limit.
        ({"inputs": [{"connection": "c" * 64, "table": "t"}]}, "/inputs/0/connection"),
        ({"inputs": [{"connection": "c", "table": "t" * 128}]}, "/inputs/0/table"),
        ({"outputs": [{"connection": "c", "table": "s" * 60 + "." + "t" * 67}]}, "/outputs/0/table"),
        # The DAG's zone:<zone> tag would pass Airflow's 100 characters.
        ({"zone": "z" * 96}, "/zone"),
        ({"start_date": "2024-02-30"}, "/start_date"),
        ({"start_date": "0001-01-01"}, "/start_date"),
    ],
)
def test_what_a_dag_cannot_carry_is_refused_at_its_field(tmp_path, change, path):
    problems = check_spec({**SPEC, **change}, load_catalogue(tmp_path))["problems"]
    assert path in [problem["path"] for problem in problems], problems


def test_the_longest_accepted_ids_fit():
    longest = {
        "inputs": [
            {"connection": "c" * 63, "table": "s" * 63 + "." + "t" * 63, "wait_until_landed": {"date_column": "day"}}
        ]
    }
    problems = check_spec({**SPEC, **longest}, load_catalogue("/nonexistent"))["problems"]
    assert [p for p in problems if not p["kind"].startswith("zone_")] == []
    assert len("wait_for__" + "c" * 63 + "__" + "s" * 63 + "." + "t" * 63) <= 250


@pytest.mark.parametrize("alias", ["@hourly", "@daily", "@weekly", "@monthly", "@yearly"])
def test_cron_aliases_are_accepted_as_airflow_accepts_them(tmp_path, alias):
    # test_generated_dags_import.py loads DAGs of such specs in a real Airflow.
    problems = check_spec({**SPEC, "cron": alias}, load_catalogue(tmp_path))["problems"]
    assert [p for p in problems if p["path"] == "/cron"] == []
