"""Fixtures for the runs panel's server side: a real SQLite warehouse and a failing notebook."""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def code(source: str, *tags: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def failing_notebook() -> nbformat.NotebookNode:
    """Reads sales for the run's day, then fails on a threshold the data does not meet."""
    return nbformat.v4.new_notebook(metadata={"kernelspec": KERNELSPEC}, cells=[
        code("%load_ext nbschedule.warehouse.magics"),
        code("day = '2000-01-01'\nthreshold = 1", "parameters"),
        code("%%sql sales --conn shop\nselect region, amount from sales where day = :day"),
        code("total = float(sales['amount'].sum())\nassert total > threshold, f'total {total} is too small'"),
        code("%%upload sales --conn shop --table sales_copy"),
    ])


@pytest.fixture
def shop(tmp_path) -> Path:
    path = tmp_path / "shop.db"
    with sqlite3.connect(path) as db:
        db.execute("create table sales (day text, region text, amount real)")
        db.executemany("insert into sales values (?, ?, ?)", [
            ("2024-01-03", "north", 10.0), ("2024-01-03", "south", 2.5), ("2024-01-04", "north", 7.0)])
    db.close()
    return path


def make_spec(name: str = "sales_check", **changes) -> dict:
    spec = {"version": 1, "name": name, "notebook": "report.ipynb", "cron": "0 6 * * *", "timezone": "UTC",
            "start_date": "2024-01-01", "zone": "analytics", "owner": "ada@example.com",
            "inputs": [{"connection": "shop", "table": "sales"}],
            "outputs": [{"connection": "shop", "table": "sales_copy"}],
            "parameters": [{"name": "day", "type": "date", "template": "logical_date"},
                           {"name": "threshold", "type": "float", "value": 100.0}]}
    spec.update(changes)
    return spec


@pytest.fixture(autouse=True)
def run_tmp(monkeypatch, tmp_path_factory) -> Path:
    """Run folders in a short temp dir of their own: kernel sockets live there, and the
    test checks that the operator still removes them."""
    tmp_path_factory.getbasetemp()
    folder = Path(tempfile.mkdtemp(prefix="nbs-", dir="/tmp"))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)
