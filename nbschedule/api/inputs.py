"""Query and body values as typed, bounded values; anything else is an ApiError 400 naming the field."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from .errors import ApiError

# Instants the scheduler can store and compute fire times around, with room for any UTC offset.
EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(2200, 1, 1, tzinfo=timezone.utc)
MAX_ROW_ID = 2**63 - 1  # SQLite's largest integer
_WHOLE = re.compile(r"[0-9]{1,19}")


def whole_number(text: Any, field: str, low: int, high: int) -> int:
    """An integer written with ASCII digits, in [low, high]."""
    if not isinstance(text, str) or not _WHOLE.fullmatch(text) or not low <= int(text) <= high:
        raise ApiError(400, f"'{field}' must be a whole number from {low} to {high}.", field)
    return int(text)


def row_id(text: str, field: str = "id") -> int:
    """A database id from a URL: too large an id names no row, so it is 404 rather than an overflow."""
    if not _WHOLE.fullmatch(text) or not 1 <= int(text) <= MAX_ROW_ID:
        raise ApiError(404, f"There is no run with id {text[:30]}.", field)
    return int(text)


def instant(text: Any, field: str, *, date_is_utc_midnight: bool = True) -> datetime:
    """An ISO 8601 date-time with a UTC offset (or a date, taken as UTC midnight), within
    [EARLIEST, LATEST), returned in UTC."""
    if not isinstance(text, str):
        raise ApiError(400, f"'{field}' must be an ISO 8601 date or date-time string.", field)
    shown = text[:40]
    if not text.isascii() or len(text) > 40:
        raise ApiError(400, f"'{field}' is not an ISO 8601 date or date-time: '{shown}'.", field)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ApiError(400, f"'{field}' is not an ISO 8601 date or date-time: '{shown}'.", field) from None
    if value.tzinfo is None:
        if not (date_is_utc_midnight and len(text) == 10):
            raise ApiError(400, f"'{field}' needs a UTC offset, e.g. 2026-03-29T00:00:00+00:00.", field)
        value = value.replace(tzinfo=timezone.utc)
    try:
        value = value.astimezone(timezone.utc)
    except OverflowError:
        value = None
    if value is None or not EARLIEST <= value < LATEST:
        raise ApiError(400, f"'{field}' must lie between {EARLIEST:%Y-%m-%d} and {LATEST:%Y-%m-%d} (UTC).", field)
    return value
