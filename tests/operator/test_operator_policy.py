"""Purpose policy zones: the pure check, and refusal before anything runs."""

from __future__ import annotations

import json
import sqlite3

import pytest
from operator_helpers import LOGICAL_DATE, code, make_spec, notebook, write_notebook

from nbschedule.operator import RunAlreadyRecorded, run_notebook
from nbschedule.zones import check_zone, load_catalogue

CATALOGUE = load_catalogue()


def test_allowed_reads_and_writes_pass():
    spec = make_spec(
        inputs=[{"connection": "warehouse", "table": "orders"}],
        outputs=[{"connection": "warehouse", "table": "agg_sales"}, {"connection": "lake", "table": "new_table"}],
    )
    assert check_zone(spec, CATALOGUE) == []


def test_reading_pii_in_analytics_is_a_read_violation():
    spec = make_spec(
        inputs=[{"connection": "warehouse", "table": "orders"}, {"connection": "warehouse", "table": "customers"}]
    )
    [violation] = check_zone(spec, CATALOGUE)
    assert (violation.path, violation.kind) == ("/inputs/1", "read")
    assert "warehouse:customers" in violation.message and "customer_pii" in violation.message
    assert "Analytics" in violation.message


def test_writing_another_category_is_a_write_violation():
    spec = make_spec(zone="customer_care", outputs=[{"connection": "warehouse", "table": "agg_totals"}])
    [violation] = check_zone(spec, CATALOGUE)
    assert (violation.path, violation.kind) == ("/outputs/0", "write")
    assert "aggregate" in violation.message and "customer_pii" in violation.message


def test_unknown_zone():
    [violation] = check_zone(make_spec(zone="marketing"), CATALOGUE)
    assert (violation.path, violation.kind) == ("/zone", "unknown_zone")
    assert "analytics" in violation.message


def test_first_matching_dataset_wins_and_default_applies():
    catalogue = {
        **CATALOGUE,
        "datasets": [
            {"connection": "*", "table": "public_*", "category": "public"},
            {"connection": "warehouse", "table": "public_people", "category": "customer_pii"},
        ],
    }
    spec = make_spec(
        inputs=[{"connection": "warehouse", "table": "public_people"}, {"connection": "x", "table": "customers"}]
    )
    assert check_zone(spec, catalogue) == []  # public_* matched first; customers falls to the default


def test_workspace_catalogue_overrides_the_demo(workspace):
    (workspace / ".nbschedule").mkdir()
    (workspace / ".nbschedule" / "zones.json").write_text(
        json.dumps(
            {
                "default_category": "secret",
                "categories": {"secret": "s"},
                "datasets": [],
                "zones": {"vault": {"may_read": ["secret"], "writes": "secret"}},
            }
        )
    )
    assert list(load_catalogue(workspace)["zones"]) == ["vault"]


@pytest.mark.timeout(30)
def test_violation_refused_before_any_kernel_or_staging(workspace, run_tmp, kernel_starts, http_server, monkeypatch):
    staged = []
    monkeypatch.setattr("nbschedule.operator.run.stage_inputs", lambda *args: staged.append(args) or [])
    write_notebook(workspace, notebook(code("%%sql people\nselect * from customers"), code("people.head()")))
    spec = make_spec(
        inputs=[{"connection": "warehouse", "table": "customers"}],
        notify=[{"type": "webhook", "url": http_server.url + "/hook"}],
    )

    result = run_notebook(spec, workspace=workspace, logical_date=LOGICAL_DATE)

    assert (result.status, result.record["exit_reason"]) == ("refused", "zone_violation")
    assert result.record["zone_violations"][0]["path"] == "/inputs/0"
    assert "customer_pii" in result.record["message"]
    assert kernel_starts == [] and staged == []
    assert list(run_tmp.iterdir()) == []  # no run folder, so no staging file either
    assert result.output_uri is None
    attempt = workspace / "nbschedule-runs" / "daily_report" / result.run_id / "attempt-1"
    assert sorted(p.name for p in attempt.iterdir()) == ["record.json"]
    [message] = http_server.received
    assert "was refused" in message["json"]["text"] and "daily_report" in message["json"]["text"]
    assert result.record["notifications"] == [{"type": "webhook", "to": http_server.url + "/hook", "sent": True}]


@pytest.mark.timeout(30)
def test_upload_to_undeclared_table_is_refused(workspace, kernel_starts):
    write_notebook(workspace, notebook(code("df = 1"), code("%%upload df --table agg_secret")))
    warehouse = workspace / ".nbschedule" / "warehouse.db"

    result = run_notebook(make_spec(), workspace=workspace, logical_date=LOGICAL_DATE)

    assert (result.status, result.record["exit_reason"]) == ("refused", "zone_violation")
    assert "agg_secret" in result.record["message"]
    assert kernel_starts == []
    assert not warehouse.exists() or "agg_secret" not in {
        row[0] for row in sqlite3.connect(warehouse).execute("select name from sqlite_master")
    }


@pytest.mark.timeout(30)
def test_attempts_are_immutable(workspace):
    write_notebook(workspace, notebook(code("x = 1")))
    spec = make_spec(zone="nowhere")
    first = run_notebook(spec, workspace=workspace, logical_date=LOGICAL_DATE, run_id="nightly-1")

    with pytest.raises(RunAlreadyRecorded):
        run_notebook(spec, workspace=workspace, logical_date=LOGICAL_DATE, run_id="nightly-1")
    retry = run_notebook(spec, workspace=workspace, logical_date=LOGICAL_DATE, run_id="nightly-1", attempt=2)

    folder = workspace / "nbschedule-runs" / "daily_report" / "nightly-1"
    assert sorted(p.name for p in folder.iterdir()) == ["attempt-1", "attempt-2"]
    assert json.loads((folder / "attempt-1" / "record.json").read_text())["started_at"] == first.record["started_at"]
    assert retry.record["attempt"] == 2
