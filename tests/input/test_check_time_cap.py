"""A spec check past NbScheduleApi.check_seconds is stopped with 503, and the next one works."""

from __future__ import annotations

import json

import pytest
from input_helpers import SPEC, raw
from test_check_off_loop import maximal_spec_body


@pytest.fixture
def jp_server_config(jp_server_config):
    return {
        "ServerApp": {"jpserver_extensions": {"nbschedule": True}},
        "NbScheduleScheduler": {"enabled": False},
        "NbScheduleApi": {"check_seconds": 0.2},
    }


async def test_a_check_over_its_time_cap_is_stopped_and_the_next_one_runs(jp_fetch):
    code, body = await raw(jp_fetch, "spec", "check", method="POST", body=maximal_spec_body(), timeout=180)
    assert (code, body["field"]) == (503, "spec") and "longer than 0.2 s" in body["message"]
    code, body = await raw(jp_fetch, "spec", "check", method="POST", body=json.dumps({"spec": SPEC}).encode())
    assert code == 200 and body["problems"] == []
