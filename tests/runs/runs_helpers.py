"""A failing notebook and its spec, shared by the runs panel's server tests."""

from __future__ import annotations

import nbformat
from quiet_cron import DAILY_CRON

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def code(source: str, *tags: str) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def failing_notebook() -> nbformat.NotebookNode:
    """Reads sales for the run's day, then fails on a threshold the data does not meet."""
    return nbformat.v4.new_notebook(
        metadata={"kernelspec": KERNELSPEC},
        cells=[
            code("%load_ext nbschedule.warehouse.magics"),
            code("day = '2000-01-01'\nthreshold = 1", "parameters"),
            code("%%sql sales --conn shop\nselect region, amount from sales where day = :day"),
            code("total = float(sales['amount'].sum())\nassert total > threshold, f'total {total} is too small'"),
            code("%%upload sales --conn shop --table sales_copy"),
        ],
    )


def make_spec(name: str = "sales_check", **changes) -> dict:
    spec = {
        "version": 1,
        "name": name,
        "notebook": "report.ipynb",
        "cron": DAILY_CRON,
        "timezone": "UTC",
        "start_date": "2024-01-01",
        "zone": "analytics",
        "owner": "ada@example.com",
        "inputs": [{"connection": "shop", "table": "sales"}],
        "outputs": [{"connection": "shop", "table": "sales_copy"}],
        "parameters": [
            {"name": "day", "type": "date", "template": "logical_date"},
            {"name": "threshold", "type": "float", "value": 100.0},
        ],
    }
    spec.update(changes)
    return spec
