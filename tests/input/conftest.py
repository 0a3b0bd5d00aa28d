"""A real server with nbschedule, its scheduler (fast ticks), a small body limit, and a schedule."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from input_helpers import MAX_BODY, SPEC  # noqa: E402


@pytest.fixture
def jp_server_config(jp_server_config):
    return {
        "ServerApp": {"jpserver_extensions": {"nbschedule": True}},
        "NbScheduleScheduler": {"tick_seconds": 0.05, "reload_seconds": 0.05, "max_backfill_runs": 5},
        "NbScheduleApi": {"max_body_bytes": MAX_BODY},
    }


@pytest.fixture
def schedules(jp_root_dir):
    folder = jp_root_dir / "schedules"
    folder.mkdir(exist_ok=True)
    # Whole at once: the server may already be running, and rereads the folder every 0.05 s.
    (folder / "daily.json.partial").write_text(json.dumps(SPEC))
    (folder / "daily.json.partial").replace(folder / "daily.json")
    (jp_root_dir / "daily.ipynb").write_text(
        json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
    )
    return folder
