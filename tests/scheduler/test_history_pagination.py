"""Keyset pagination of the run history: no gaps, no repeats, even while runs are added."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from scheduler_helpers import make_spec

from nbschedule.scheduler.database import Database
from nbschedule.scheduler.history import BadCursor, RunFilter, encode_cursor, list_runs
from nbschedule.scheduler.run_rows import add_manual_run, claim_runs, runs

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


def pages(database, root, where: RunFilter, size: int, between_pages=None) -> list[list[dict]]:
    found, cursor = [], None
    while True:
        with database.read() as connection:
            page, cursor = list_runs(connection, where, cursor, size, root, database.cursor_key)
        found.append(page)
        if between_pages:
            between_pages(len(found))
        if cursor is None:
            return found


def test_pages_cover_every_run_once_while_new_runs_arrive(root):
    database = Database(root / "state.db")
    spec = make_spec("hourly")
    # Equal logical dates on purpose (two schedules, manual runs): the id breaks the tie.
    with database.write() as connection:
        claim_runs(connection, spec, "scheduled", [START + timedelta(hours=h) for h in range(95)], START)
        claim_runs(
            connection, make_spec("twin"), "scheduled", [START + timedelta(hours=h) for h in range(0, 95, 5)], START
        )
        existing = {row.id for row in connection.execute(runs.select())}

    def add_more(page_number: int) -> None:
        with database.write() as connection:
            claim_runs(connection, spec, "backfill", [START - timedelta(days=page_number)], START)  # older: in range
            claim_runs(connection, spec, "scheduled", [START + timedelta(days=30 + page_number)], START)  # newer
            add_manual_run(connection, spec, START + timedelta(hours=40), None)  # a tie in the middle

    seen = [run["id"] for page in pages(database, root, RunFilter(), 7, add_more) for run in page]
    assert len(seen) == len(set(seen))  # no repeats
    assert existing <= set(seen)  # no gaps
    with database.read() as connection:
        ordered, _ = list_runs(connection, RunFilter(), None, 200, root, database.cursor_key)
    keys = [(run["logical_date"], run["id"]) for run in ordered]
    assert keys == sorted(keys, reverse=True)  # newest first


def test_filters_combine_with_the_cursor(root):
    database = Database(root / "state.db")
    with database.write() as connection:
        claim_runs(connection, make_spec("a"), "scheduled", [START + timedelta(hours=h) for h in range(30)], START)
        claim_runs(connection, make_spec("b"), "scheduled", [START + timedelta(hours=h) for h in range(30)], START)
        connection.execute(runs.update().where(runs.c.id % 3 == 0).values(status="failed"))
    where = RunFilter(schedule="a", statuses=("failed",), since=START + timedelta(hours=5))
    found = [run for page in pages(database, root, where, 4) for run in page]
    assert found and all(r["schedule"] == "a" and r["status"] == "failed" for r in found)
    assert all(r["logical_date"] >= (START + timedelta(hours=5)).isoformat() for r in found)
    with database.read() as connection:
        everything, _ = list_runs(connection, RunFilter(schedule="a"), None, 200, root, database.cursor_key)
    assert [r["id"] for r in found] == [
        r["id"] for r in everything if r["status"] == "failed" and r["logical_date"] >= found[-1]["logical_date"]
    ]


def test_a_forged_cursor_is_refused(root):
    database = Database(root / "state.db")
    with database.write() as connection:
        claim_runs(connection, make_spec("a"), "scheduled", [START + timedelta(hours=h) for h in range(3)], START)
    with database.read() as connection:
        _, cursor = list_runs(connection, RunFilter(), None, 1, root, database.cursor_key)
    payload, _, signature = cursor.partition(".")
    other = Database(root / "other.db")  # another database signs with another key
    with other.read() as connection:
        _, foreign = list_runs(connection, RunFilter(), None, 1, root, other.cursor_key)
    year_one = encode_cursor(datetime(1, 1, 1, tzinfo=timezone.utc), 1, b"guessed key")
    for forged in [
        "not-a-cursor!",
        payload,
        f"{payload}.{signature[:-2]}AA",
        f"{payload[:-2]}AA.{signature}",
        year_one,
        foreign or "x.y",
    ]:
        with database.read() as connection, pytest.raises(BadCursor):
            list_runs(connection, RunFilter(), forged, 5, root, database.cursor_key)
    with database.read() as connection:  # the genuine one still works
        page, _ = list_runs(connection, RunFilter(), cursor, 5, root, database.cursor_key)
    assert len(page) == 2
