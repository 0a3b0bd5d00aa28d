"""Two schedulers sharing one database file never create the same run twice."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta, timezone

from scheduler_helpers import make_spec, write_spec
from test_timing_dst import logical_dates, timer_for

from nbschedule.scheduler.database import Database
from nbschedule.scheduler.run_rows import claim_runs


def test_two_timers_ticking_the_same_instants_claim_each_fire_time_once(root):
    for index in range(20):
        write_spec(root, make_spec(f"s{index}", cron=f"{index} * * * *", start_date="2026-01-01"))
    first, second = timer_for(root), timer_for(root)
    now = datetime(2026, 1, 1, 0, 0, 5, tzinfo=timezone.utc)
    claimed = []
    while now < datetime(2026, 1, 1, 1, 0, tzinfo=timezone.utc):
        for timer in (first, second):
            timer.reload(now)
            claimed.append(timer.claim_due(now))
        now += timedelta(seconds=30)
    assert sum(claimed) == 20
    assert len(logical_dates(first)) == 20


def test_concurrent_claims_from_two_connections_race_to_exactly_one_winner(root):
    spec = make_spec("raced")
    dates = [datetime(2026, 1, 1, tzinfo=timezone.utc) + timedelta(hours=h) for h in range(200)]
    won: list[list[datetime]] = []
    barrier = threading.Barrier(2)

    def claim():
        database = Database(root / "state.db")  # its own engine and connections, as another server has
        barrier.wait(timeout=60)  # a thread that died fails the test instead of hanging it
        for date in dates:
            with database.write() as connection:
                won.append(claim_runs(connection, spec, "scheduled", [date], date))

    threads = [threading.Thread(target=claim) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [date for claimed in won for date in claimed]
    assert sorted(winners) == dates  # each date won once, none lost


def test_two_servers_opening_a_new_database_at_once_both_start(tmp_path):
    # Switching a new file to WAL needs it exclusively; the loser must wait, not fail.
    for attempt in range(30):
        path = tmp_path / f"state-{attempt}.db"
        barrier = threading.Barrier(2)
        failures: list[BaseException] = []

        def open_database(barrier=barrier, path=path, failures=failures):
            barrier.wait(timeout=60)
            try:
                Database(path).close()
            except BaseException as error:  # collected: a thread's exception is otherwise lost
                failures.append(error)

        threads = [threading.Thread(target=open_database) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []
