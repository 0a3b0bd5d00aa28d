"""Fixtures of the scheduler tests."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def root() -> Path:
    """A workspace on a short path: kernel ipc sockets live below it and Unix socket
    paths are limited to about 107 bytes."""
    folder = Path(tempfile.mkdtemp(prefix="nbs-sch-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def schedulers():
    """Schedulers made by a test, shut down (workers killed) at its end."""
    made = []
    yield made
    for scheduler in made:
        scheduler.shutdown()
