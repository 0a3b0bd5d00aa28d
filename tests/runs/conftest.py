"""Fixtures for the runs panel's server side: a real SQLite warehouse, short run folders."""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


@pytest.fixture
def shop(tmp_path) -> Path:
    path = tmp_path / "shop.db"
    with sqlite3.connect(path) as db:
        db.execute("create table sales (day text, region text, amount real)")
        db.executemany(
            "insert into sales values (?, ?, ?)",
            [("2024-01-03", "north", 10.0), ("2024-01-03", "south", 2.5), ("2024-01-04", "north", 7.0)],
        )
    db.close()
    return path


@pytest.fixture(autouse=True)
def run_tmp(monkeypatch, tmp_path_factory) -> Path:
    """Run folders in a short temp dir of their own: kernel sockets live there, and the
    test checks that the operator still removes them."""
    tmp_path_factory.getbasetemp()
    folder = Path(tempfile.mkdtemp(prefix="nbs-", dir="/tmp"))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)
