"""Prometheus metrics of the scheduler, read from the scheduler database at scrape time."""

from .collector import SchedulerCollector, metrics_text

__all__ = ["SchedulerCollector", "metrics_text"]
