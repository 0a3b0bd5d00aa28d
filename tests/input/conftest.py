"""A real server with nbschedule and its scheduler (fast ticks), a schedule, a failed run to
debug, and helpers that send raw requests and snapshot everything a request could change."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

SPEC = {"version": 1, "name": "daily", "notebook": "daily.ipynb", "cron": "0 6 * * *", "timezone": "UTC",
        "start_date": "2026-01-01", "zone": "analytics", "owner": "ada@example.com", "catchup": "none",
        "parameters": [{"name": "region", "type": "str", "default": "eu"}]}
MAX_BODY = 256 * 1024


@pytest.fixture
def jp_server_config(jp_server_config):
    return {"ServerApp": {"jpserver_extensions": {"nbschedule": True}},
            "NbScheduleScheduler": {"tick_seconds": 0.05, "reload_seconds": 0.05, "max_backfill_runs": 5},
            "NbScheduleApi": {"max_body_bytes": MAX_BODY}}


@pytest.fixture
def schedules(jp_root_dir):
    folder = jp_root_dir / "schedules"
    folder.mkdir(exist_ok=True)
    (folder / "daily.json").write_text(json.dumps(SPEC))
    (jp_root_dir / "daily.ipynb").write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4,
                                                          "nbformat_minor": 5}))
    return folder
