"""Lineage events and failure notifications reach real local servers."""

from __future__ import annotations

import json
import uuid
from email import message_from_string

import pytest
from operator_helpers import LOGICAL_DATE, code, make_spec, notebook, write_notebook

from nbschedule.operator import run_notebook


@pytest.mark.timeout(60)
def test_failed_run_posts_lineage_and_notifies_webhook_and_email(workspace, http_server, smtp_server, monkeypatch):
    monkeypatch.setenv("NBSCHEDULE_OPENLINEAGE_URL", http_server.url + "/api/v1/lineage")
    write_notebook(workspace, notebook(code("%%sql orders\nselect * from orders"), code("1 / 0")))
    spec = make_spec(
        inputs=[{"connection": "warehouse", "table": "orders"}],
        notify=[{"type": "webhook", "url": http_server.url + "/slack"}, {"type": "email", "to": "oncall@example.com"}],
    )

    result = run_notebook(spec, workspace=workspace, logical_date=LOGICAL_DATE, trigger="scheduled")

    assert (result.status, result.record["exit_reason"]) == ("failed", "cell_error")
    posted = {
        "lineage": [r["json"] for r in http_server.received if r["path"] == "/api/v1/lineage"],
        "slack": [r["json"] for r in http_server.received if r["path"] == "/slack"],
    }
    start, fail = posted["lineage"]
    assert (start["eventType"], fail["eventType"]) == ("START", "FAIL")
    assert start["run"]["runId"] == fail["run"]["runId"] and uuid.UUID(start["run"]["runId"])
    assert fail["job"] == {**fail["job"], "namespace": "nbschedule", "name": "daily_report"}
    zone = fail["run"]["facets"]["nbschedule_zone"]
    assert zone["name"] == "analytics" and zone["_producer"] and zone["_schemaURL"]
    assert fail["run"]["facets"]["errorMessage"]["message"].startswith("ZeroDivisionError")
    assert fail["run"]["facets"]["nominalTime"]["nominalStartTime"] == LOGICAL_DATE.isoformat()
    warehouse = workspace.resolve() / ".nbschedule" / "warehouse.db"
    assert fail["inputs"] == [{"namespace": f"sqlite://{warehouse}", "name": "orders"}]
    lineage_file = workspace / "nbschedule-runs" / "daily_report" / result.run_id / "attempt-1" / "lineage.jsonl"
    assert [json.loads(line) for line in lineage_file.read_text().splitlines()] == [start, fail]

    [slack] = posted["slack"]
    assert set(slack) == {"text"}
    assert "daily_report" in slack["text"] and "ZeroDivisionError" in slack["text"] and result.run_id in slack["text"]
    [mail] = smtp_server.messages
    assert mail["to"] == ["<oncall@example.com>"]
    parsed = message_from_string(mail["data"])
    assert parsed["From"] == "scheduler@example.com" and "daily_report failed" in parsed["Subject"]
    assert "ZeroDivisionError" in parsed.get_payload()
    assert [n["sent"] for n in result.record["notifications"]] == [True, True]


def test_unreachable_notification_targets_are_logged_not_raised(monkeypatch, caplog):
    from nbschedule.notify import notify_failure

    monkeypatch.delenv("NBSCHEDULE_SMTP_HOST", raising=False)
    record = {
        "schedule": "s",
        "run_id": "r",
        "attempt": 1,
        "status": "failed",
        "exit_reason": "cell_error",
        "logical_date": "2024-01-03",
        "error": None,
        "failing_cell": None,
        "output_uri": None,
    }
    spec = {"notify": [{"type": "webhook", "url": "http://127.0.0.1:9/hook"}, {"type": "email", "to": "a@b.c"}]}

    results = notify_failure(spec, record)

    assert [r["sent"] for r in results] == [False, False]
    assert "NBSCHEDULE_SMTP_HOST" in results[1]["error"]
    assert len([r for r in caplog.records if "Could not notify" in r.getMessage()]) == 2


@pytest.mark.timeout(60)
def test_a_notebook_cannot_make_a_notice_long(workspace, http_server, smtp_server):
    """The error text is the notebook's to choose; notices and the record's message cut it."""
    write_notebook(workspace, notebook(code("raise ValueError('secret-looking filler ' * 50000)")))
    spec = make_spec(
        notify=[{"type": "webhook", "url": http_server.url + "/slack"}, {"type": "email", "to": "oncall@example.com"}]
    )

    result = run_notebook(spec, workspace=workspace, logical_date=LOGICAL_DATE)

    assert (result.status, result.record["exit_reason"]) == ("failed", "cell_error")
    [slack] = [r["json"] for r in http_server.received if r["path"] == "/slack"]
    [mail] = smtp_server.messages
    body = message_from_string(mail["data"]).get_payload()
    for text in (slack["text"], body):
        assert "ValueError: secret-looking filler" in text and len(text) <= 1100
        assert result.run_id in text  # the pointer to the run survives the cut
    # The Lab notice shows the record's message.
    assert len(result.record["message"]) <= 500 and result.record["message"].endswith("…")
