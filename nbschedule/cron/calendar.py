"""One schedule's fire instants (UTC), from ``next_fire_times``, with catch-up policies.

Each fire time follows from the one before (Airflow's rule, see firetimes.py), so
upcoming times are computed in batches. A calendar's first batch is small (loading
10,000 schedules asks each for one fire time) and each later one doubles, up to BATCH
(a catch-up walks many).
"""

from __future__ import annotations

import bisect
from datetime import datetime, time, timedelta, timezone

from .firetimes import next_fire_times, zone_for

BATCH = 64
FIRST_BATCH = 2
_EPSILON = timedelta(microseconds=1)
# Windows tried, smallest first, when looking for the most recent missed fire time.
_LATEST_WINDOWS = [timedelta(hours=1) * 8**k for k in range(7)]


class FireCalendar:
    def __init__(self, spec: dict) -> None:
        self.cron, self.timezone = spec["cron"], spec["timezone"]
        start = datetime.combine(
            datetime.fromisoformat(spec["start_date"]).date(), time(), tzinfo=zone_for(self.timezone)
        )
        self.floor = start.astimezone(timezone.utc) - _EPSILON  # fire times are strictly after it
        self._from: datetime | None = None  # cached times are all fire times in (_from, _times[-1]]
        self._times: list[datetime] = []
        self._batch = FIRST_BATCH

    def after(self, instant: datetime) -> datetime:
        """The first fire instant strictly after `instant` (and not before the start date)."""
        instant = max(instant, self.floor)
        if self._from is not None and self._from <= instant and self._times and instant < self._times[-1]:
            return self._times[bisect.bisect_right(self._times, instant)]
        self._times = [
            t.astimezone(timezone.utc) for t in next_fire_times(self.cron, self.timezone, instant, self._batch)
        ]
        self._from, self._batch = instant, min(2 * self._batch, BATCH)
        return self._times[0]

    def between(self, after: datetime, until: datetime, limit: int) -> list[datetime]:
        """Fire instants in (after, until], oldest first, at most `limit` of them."""
        found: list[datetime] = []
        instant = self.after(after)
        while instant <= until and len(found) < limit:
            found.append(instant)
            instant = self.after(instant)
        return found

    def latest(self, after: datetime, until: datetime) -> datetime | None:
        """The most recent fire instant in (after, until], without walking the whole range."""
        for window in _LATEST_WINDOWS:
            start = max(after, until - window)
            times = self.between(start, until, 10**6)
            if times:
                return times[-1]
            if start == after:
                return None
        times = self.between(after, until, 10**6)
        return times[-1] if times else None


def due_fire_times(
    calendar: FireCalendar, policy: str, after: datetime, now: datetime, grace: timedelta, limit: int
) -> list[datetime]:
    """The fire instants in (after, now] to claim as runs under catch-up `policy`.

    A fire time within `grace` of now is on time and always claimed; older ones were
    missed (the server was down or stalled): `all` claims them (oldest first, `limit`
    per call; the caller continues after the last), `latest` claims only the most
    recent one and only when nothing is on time, `none` claims none of them.
    """
    if policy == "all":
        return calendar.between(after, now, limit)
    on_time = calendar.between(max(after, now - grace), now, limit)
    if on_time or policy == "none" or now - grace <= after:
        return on_time
    latest = calendar.latest(after, now - grace)
    return [latest] if latest else []
