"""The firing lease between schedulers sharing a workspace: one holder, hand-over on a clean
stop, take-over after expiry, and a standby claims nothing."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

from scheduler_helpers import all_runs, fast_config, make_spec, write_spec
from sqlalchemy import insert

from nbschedule.scheduler.controls import set_mode
from nbschedule.scheduler.engine import Scheduler
from nbschedule.scheduler.health import health_report
from nbschedule.scheduler.ops_tables import ROW, lease
from nbschedule.scheduler.processes import HOST


class Clock:
    def __init__(self, instant: datetime):
        self.instant = instant

    def __call__(self) -> datetime:
        return self.instant


def drain(scheduler: Scheduler) -> None:
    """Fire times are claimed but no notebook starts: these tests are about claiming."""
    with scheduler.db.write() as connection:
        set_mode(connection, "draining", "test", scheduler.clock())


def test_one_holder_and_a_clean_stop_hands_the_lease_over(root, schedulers):
    first = Scheduler(root, fast_config())
    second = Scheduler(root, fast_config())
    schedulers.append(second)
    first.tick()
    second.tick()
    assert (first.firing.holding, second.firing.holding) == (True, False)
    assert health_report(second)["lease"]["holder_id"] == first.lease.server_id
    assert health_report(second)["this_process"]["role"] == "standby"
    first.shutdown()
    assert health_report(second)["lease"] is None  # released, not left to expire
    second.tick()
    assert second.firing.holding
    assert health_report(second)["lease"]["holder_id"] == second.lease.server_id


def test_a_standby_takes_an_expired_lease_and_the_old_holder_stops_firing(root, schedulers):
    first = Scheduler(root, fast_config(lease_seconds=0.5))
    second = Scheduler(root, fast_config(lease_seconds=0.5))
    schedulers += [first, second]
    first.tick()
    second.tick()
    assert not second.firing.holding
    time.sleep(0.6)  # the holder stalled past its lease (its process lives: expiry alone decides)
    second.tick()
    first.tick()
    assert (first.firing.holding, second.firing.holding) == (False, True)


def test_only_the_holder_claims_and_a_new_holder_claims_no_fire_time_twice(root, schedulers):
    write_spec(root, make_spec("hourly", cron="0 * * * *", start_date="2026-01-01", catchup="none"))
    clock = Clock(datetime(2026, 1, 1, 0, 30, tzinfo=timezone.utc))
    holder = Scheduler(root, fast_config(), clock=clock)
    standby = Scheduler(root, fast_config(), clock=clock)
    schedulers.append(standby)
    drain(holder)
    holder.tick()
    standby.tick()
    clock.instant = datetime(2026, 1, 1, 1, 0, 1, tzinfo=timezone.utc)
    standby.tick()
    assert all_runs(standby) == []
    holder.tick()
    holder.tick()
    assert [r["logical_date"].hour for r in all_runs(standby)] == [1]
    holder.shutdown()
    clock.instant += timedelta(hours=1)
    for _ in range(3):
        standby.tick()
    assert [r["logical_date"].hour for r in all_runs(standby)] == [1, 2]
    assert standby.next_fire_time("hourly") == datetime(2026, 1, 1, 3, tzinfo=timezone.utc)


def test_a_lease_left_by_a_dead_process_of_this_host_is_taken_at_once_but_not_another_hosts(root, schedulers):
    scheduler = Scheduler(root, fast_config(lease_seconds=30))
    schedulers.append(scheduler)
    now = datetime.now(timezone.utc)
    left = {
        "name": ROW,
        "kind": "service",
        "acquired_at": now,
        "renewed_at": now,
        "expires_at": now + timedelta(seconds=30),
    }
    with scheduler.db.write() as connection:  # another host: only expiry can free it
        connection.execute(insert(lease).values(holder_id="far", host="another-host", pid=1, birth="1", **left))
    scheduler.tick()
    assert not scheduler.firing.holding
    with scheduler.db.write() as connection:  # this host, our own pid reused by a new process (other birth)
        connection.execute(lease.delete())
        connection.execute(
            insert(lease).values(
                holder_id="dead", host=HOST, pid=scheduler.lease.server_pid, birth="not-the-same-process", **left
            )
        )
    scheduler.tick()
    assert scheduler.firing.holding
