"""The current instant, timezone-aware in UTC: the one definition every layer reads."""

from __future__ import annotations

from datetime import datetime, timezone


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
