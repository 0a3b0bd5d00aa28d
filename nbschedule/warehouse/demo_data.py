"""The built-in demo warehouse: a small SQLite file with deterministic rows.

It lets a fresh workspace run the demo notebook with no configuration. The same file
content is produced every time, so tests and screenshots are stable.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import date, timedelta
from pathlib import Path

_COUNTRIES = ["DE", "FR", "NL", "SE", "ES", "IT"]
_NAMES = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth"]
FIRST_ORDER_DATE = date(2024, 1, 1)
ORDER_DAYS = 14


def _customers() -> list[tuple]:
    return [
        (number, name, f"{name.split()[0].lower()}@example.com", _COUNTRIES[number - 1])
        for number, name in enumerate(_NAMES, start=1)
    ]


def _orders() -> list[tuple]:
    rows = []
    for day in range(ORDER_DAYS):
        for slot in range(3):
            order_id = day * 3 + slot + 1
            customer_id = (order_id * 5) % len(_NAMES) + 1
            # A fixed formula instead of random numbers keeps every copy identical.
            amount = round(10 + (order_id * 37) % 190 + slot * 0.25, 2)
            rows.append((order_id, customer_id, amount, (FIRST_ORDER_DATE + timedelta(days=day)).isoformat()))
    return rows


def _create(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, name TEXT, email TEXT, country TEXT)")
        db.execute(
            "CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER, amount REAL, order_date TEXT)"
        )
        db.executemany("INSERT INTO customers VALUES (?, ?, ?, ?)", _customers())
        db.executemany("INSERT INTO orders VALUES (?, ?, ?, ?)", _orders())
    db.close()


def ensure_demo_warehouse(path: Path) -> Path:
    """Create the demo database at `path` unless it exists; returns the path."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # Built aside and moved in, so a concurrent run never sees a half-written file.
    handle, scratch = tempfile.mkstemp(prefix=".warehouse-", suffix=".db", dir=path.parent)
    os.close(handle)
    try:
        _create(Path(scratch))
        os.replace(scratch, path)
    finally:
        if os.path.exists(scratch):
            os.unlink(scratch)
    return path
