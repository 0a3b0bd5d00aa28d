"""SIGTERM to the service: the firing lease is handed over at once, the running run
finishes (not lost), and the process exits 0."""

from __future__ import annotations

import signal
from datetime import datetime, timezone

from ops_processes import Service, SharedClock, wait_for
from scheduler_helpers import fast_config, quiet_spec, write_notebook, write_spec
from sqlalchemy import select

from nbschedule.scheduler.database import Database
from nbschedule.scheduler.engine import Scheduler
from nbschedule.scheduler.lease import lease_holder
from nbschedule.scheduler.models import AttemptRow, RunRow
from nbschedule.scheduler.run_rows import claim_runs

runs, attempts = RunRow.__table__, AttemptRow.__table__


def test_sigterm_hands_the_lease_over_and_lets_the_running_run_finish(root, tmp_path):
    write_notebook(root, "import time\ntime.sleep(3)")
    spec = quiet_spec("quiet")
    write_spec(root, spec)
    db = Database(root / ".nbschedule" / "scheduler.db")
    service = Service(root, SharedClock(tmp_path), tmp_path / "service.log", stop_grace=240)
    try:
        wait_for(lambda: service.health()["this_process"]["role"] == "holder", 60, "the service to fire")
        with db.write() as connection:
            claim_runs(
                connection, spec, "backfill", [datetime(2025, 1, 1, tzinfo=timezone.utc)], datetime.now(timezone.utc)
            )

        def running_attempt():
            with db.read() as connection:
                return connection.execute(select(attempts).where(attempts.c.worker_pid.isnot(None))).first()

        wait_for(running_attempt, 60, "the run to start")
        service.process.send_signal(signal.SIGTERM)

        def released():
            with db.read() as connection:
                return lease_holder(connection) is None

        wait_for(released, 5, "the lease to be released")
        assert service.process.poll() is None  # still finishing its run
        assert service.health()["this_process"]["role"] == "stopping"
        standby = Scheduler(root, fast_config(lease_seconds=30))  # e.g. a Jupyter server on the workspace
        standby.tick()
        assert standby.firing.holding  # took over at once, while the service finishes
        standby.shutdown()
        assert service.process.wait(240) == 0
    finally:
        service.stop(signal.SIGKILL)
    with db.read() as connection:
        assert [(r.status, r.attempts) for r in connection.execute(select(runs))] == [("success", 1)]
        assert [a.status for a in connection.execute(select(attempts))] == ["success"]
    db.close()
