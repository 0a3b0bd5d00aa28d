"""nbschedule's metrics on jupyter_server's own /metrics too, which serves prometheus_client's
default registry. A registry refuses a second collector of the same names, so one collector
per process is registered and follows the latest server's database (a process runs one
Jupyter server, except in tests)."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import REGISTRY
from prometheus_client.core import Metric
from prometheus_client.registry import Collector

from ..scheduler.database import Database
from .collector import SchedulerCollector


class _LatestServerCollector(Collector):
    def __init__(self) -> None:
        self.current: SchedulerCollector | None = None

    def collect(self) -> Iterator[Metric]:
        if self.current is not None:
            yield from self.current.collect()


_latest = _LatestServerCollector()
REGISTRY.register(_latest)


def publish(db: Database) -> None:
    _latest.current = SchedulerCollector(db)
