"""A daily cron that never fires while the tests run: its hour is twelve hours from the
session's start. Tests whose servers keep the real clock would otherwise see a real
scheduled run whenever they happen to run across that hour (a fixed 06:00 did, at 06:00)."""

from __future__ import annotations

from datetime import datetime, timezone

FIRE_HOUR = (datetime.now(timezone.utc).hour + 12) % 24
DAILY_CRON = f"0 {FIRE_HOUR} * * *"


def fire_time(day: str) -> str:
    """The daily fire time on `day` (YYYY-MM-DD) as the API writes it."""
    return f"{day}T{FIRE_HOUR:02d}:00:00+00:00"
