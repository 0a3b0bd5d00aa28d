"""Fixtures of the operations tests: short workspace paths, the scheduler test helpers, and
the nbschedule extension on the in-process Jupyter server."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "scheduler"))
sys.path.insert(0, str(Path(__file__).parents[1]))


@pytest.fixture
def root() -> Path:
    """Kernel ipc sockets live below the workspace and Unix socket paths are short."""
    folder = Path(tempfile.mkdtemp(prefix="nbs-ops-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def jp_server_config(jp_server_config):
    return {"ServerApp": {"jpserver_extensions": {"nbschedule": True}}}


@pytest.fixture
def schedulers():
    """Schedulers made by a test, shut down (workers killed, lease released) at its end."""
    made = []
    yield made
    for scheduler in made:
        scheduler.shutdown()
