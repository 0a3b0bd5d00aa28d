"""Helpers shared by the operator tests: notebooks, specs, outputs."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

LOGICAL_DATE = datetime(2024, 1, 3, 6, 0, tzinfo=timezone.utc)


def code(source: str, *tags: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def notebook(*cells) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(
        cells=list(cells),
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    )


def make_spec(**changes) -> dict:
    spec = {
        "version": 1,
        "name": "daily_report",
        "notebook": "report.ipynb",
        "cron": "0 6 * * *",
        "timezone": "UTC",
        "start_date": "2024-01-01",
        "zone": "analytics",
        "owner": "ada@example.com",
    }
    spec.update(changes)
    return spec


def write_notebook(workspace: Path, nb, name: str = "report.ipynb") -> Path:
    path = workspace / name
    nbformat.write(nb, path)
    return path


def read_output(result) -> nbformat.NotebookNode:
    return nbformat.read(result.output_uri, as_version=4)
