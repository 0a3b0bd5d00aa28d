"""The scheduler's clock: real UTC time, or, for end-to-end tests of several processes,
real time shifted by a number of seconds read from the file named by
``NBSCHEDULE_TEST_CLOCK_FILE``, so one test can move every process's cron time at once.

Only fire times, retries and run timestamps follow this clock; the firing lease between
processes is kept in real time, since it measures whether a process is alive.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from ..cron.utc import utc_now

TEST_CLOCK_VARIABLE = "NBSCHEDULE_TEST_CLOCK_FILE"


def clock_from_environment() -> Callable[[], datetime]:
    path = os.environ.get(TEST_CLOCK_VARIABLE)
    if not path:
        return utc_now
    offset_file = Path(path)

    def shifted() -> datetime:
        return utc_now() + timedelta(seconds=float(offset_file.read_text(encoding="ascii").strip() or 0))

    return shifted
