"""A custom collector: every value is computed from the scheduler database when scraped,
so the numbers are the workspace's, whichever process (the service or a Jupyter server)
ran the runs, and they survive restarts. No run id is ever a label: the labels are the
schedule name and a small set of statuses and reasons.

Definitions:
- nbschedule_runs_total{schedule,status}: runs that ended in status (success, failed,
  refused, lost, cancelled). A re-run takes its run back to the queue, so this count
  can drop by one then; Prometheus treats it like a counter reset. A workflow run counts
  once: its node and item runs (rows with a parent) are in none of these counts.
- nbschedule_run_duration_seconds{schedule}: attempts that ran to success or failure.
- nbschedule_run_queue_wait_seconds{schedule}: from a run's claim to its first attempt.
- nbschedule_run_retries_total{schedule,reason}: attempts that retried a failure (retry)
  or a run lost with its process (recovery).
"""

from __future__ import annotations

import platform
from collections.abc import Iterator

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector
from prometheus_client.utils import floatToGoString
from sqlalchemy import and_, case, func, select

from .._version import __version__
from ..scheduler.database import Database
from ..scheduler.models import FINISHED, AttemptRow, RunRow
from ..scheduler.ops_tables import ROW, controls, lease, missed

runs, attempts = RunRow.__table__, AttemptRow.__table__
DURATION_BUCKETS = (1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0, 7200.0, 21600.0)
QUEUE_WAIT_BUCKETS = (0.5, 1.0, 5.0, 15.0, 30.0, 60.0, 300.0, 900.0, 3600.0)
MODES = ("running", "paused", "draining")


def _seconds_between(start, end):
    return (func.julianday(end) - func.julianday(start)) * 86400.0


class SchedulerCollector(Collector):
    def __init__(self, db: Database):
        self.db = db

    def collect(self) -> Iterator[Metric]:
        with self.db.read() as connection:
            ended = connection.execute(
                select(runs.c.schedule, runs.c.status, func.count())
                .where(runs.c.status.in_(FINISHED), runs.c.parent_id.is_(None))
                .group_by(runs.c.schedule, runs.c.status)
            ).all()
            active = connection.execute(
                select(runs.c.schedule, runs.c.status, func.count())
                .where(runs.c.status.in_(("running", "queued")), runs.c.parent_id.is_(None))
                .group_by(runs.c.schedule, runs.c.status)
            ).all()
            retries = connection.execute(
                select(runs.c.schedule, attempts.c.reason, func.count())
                .select_from(attempts.join(runs, runs.c.id == attempts.c.run_pk))
                .where(attempts.c.reason.in_(("retry", "recovery")))
                .group_by(runs.c.schedule, attempts.c.reason)
            ).all()
            last_success = connection.execute(
                select(runs.c.schedule, func.max(runs.c.ended_at))
                .where(runs.c.status == "success", runs.c.parent_id.is_(None))
                .group_by(runs.c.schedule)
            ).all()
            durations = _histogram_rows(
                connection,
                _seconds_between(attempts.c.started_at, attempts.c.ended_at),
                and_(attempts.c.status.in_(("success", "failed")), attempts.c.ended_at.isnot(None)),
                DURATION_BUCKETS,
            )
            waits = _histogram_rows(
                connection,
                _seconds_between(runs.c.created_at, attempts.c.started_at),
                attempts.c.number == 1,
                QUEUE_WAIT_BUCKETS,
            )
            skipped = connection.execute(select(missed.c.schedule, missed.c.count)).all()
            holder = connection.execute(select(lease.c.renewed_at).where(lease.c.name == ROW)).scalar()
            mode = connection.execute(select(controls.c.mode).where(controls.c.name == ROW)).scalar() or "running"

        build = GaugeMetricFamily(
            "nbschedule_build_info", "nbschedule version; always 1.", labels=["version", "python_version"]
        )
        build.add_metric([__version__, platform.python_version()], 1)
        yield build

        family = CounterMetricFamily(
            "nbschedule_runs", "Runs that ended, by schedule and final status.", labels=["schedule", "status"]
        )
        for schedule, status, count in ended:
            family.add_metric([schedule, status], count)
        yield family

        family = GaugeMetricFamily("nbschedule_runs_in_progress", "Runs executing now.", labels=["schedule"])
        queued = GaugeMetricFamily(
            "nbschedule_runs_queued", "Runs claimed or awaiting a retry, not started.", labels=["schedule"]
        )
        for schedule, status, count in active:
            (family if status == "running" else queued).add_metric([schedule], count)
        yield family
        yield queued

        family = CounterMetricFamily(
            "nbschedule_run_retries", "Attempts that tried a run again.", labels=["schedule", "reason"]
        )
        for schedule, reason, count in retries:
            family.add_metric([schedule, reason], count)
        yield family

        family = CounterMetricFamily(
            "nbschedule_missed_runs",
            "Fire times skipped by the catch-up policy after downtime or a pause.",
            labels=["schedule"],
        )
        for schedule, count in skipped:
            family.add_metric([schedule], count)
        yield family

        family = GaugeMetricFamily(
            "nbschedule_last_success_timestamp_seconds",
            "When the schedule's latest successful run ended (Unix time).",
            labels=["schedule"],
        )
        for schedule, ended_at in last_success:
            family.add_metric([schedule], ended_at.timestamp())
        yield family

        yield _histogram(
            "nbschedule_run_duration_seconds",
            "Duration of attempts that succeeded or failed.",
            durations,
            DURATION_BUCKETS,
        )
        yield _histogram(
            "nbschedule_run_queue_wait_seconds",
            "From a run's claim to the start of its first attempt.",
            waits,
            QUEUE_WAIT_BUCKETS,
        )

        family = GaugeMetricFamily(
            "nbschedule_scheduler_last_tick_timestamp_seconds",
            "Last tick of the process holding the firing lease (Unix time).",
        )
        if holder is not None:
            family.add_metric([], holder.timestamp())
        yield family

        family = GaugeMetricFamily(
            "nbschedule_scheduler_mode", "The operator's mode; 1 for the current one.", labels=["mode"]
        )
        for name in MODES:
            family.add_metric([name], 1 if name == mode else 0)
        yield family


def _histogram_rows(connection, value, condition, buckets) -> list:
    """Per schedule: count, sum, and the cumulative count at or below each bucket bound."""
    columns = [func.sum(case((value <= bound, 1), else_=0)) for bound in buckets]
    query = (
        select(runs.c.schedule, func.count(), func.sum(value), *columns)
        .select_from(attempts.join(runs, runs.c.id == attempts.c.run_pk))
        .group_by(runs.c.schedule)
    )
    return connection.execute(query.where(condition)).all()


def _histogram(name: str, documentation: str, rows: list, buckets: tuple[float, ...]) -> HistogramMetricFamily:
    family = HistogramMetricFamily(name, documentation, labels=["schedule"])
    for schedule, count, total, *cumulative in rows:
        pairs = [(floatToGoString(bound), below) for bound, below in zip(buckets, cumulative)]
        family.add_metric([schedule], pairs + [("+Inf", count)], total or 0.0)
    return family


def metrics_text(db: Database) -> tuple[bytes, str]:
    """The exposition text and its content type."""
    registry = CollectorRegistry()
    registry.register(SchedulerCollector(db))
    return generate_latest(registry), CONTENT_TYPE_LATEST
