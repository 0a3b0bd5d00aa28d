"""Wait-until-landed: before a run starts, poke each input's table until the rows of the
run's logical date (a day in the schedule's time zone) are there, or give up."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any


class NotLanded(Exception):
    """An input's rows did not land in time; str() is the run's failure message."""


def wait_until_landed(
    spec: dict[str, Any], workspace: Path, logical_date: datetime, sleep: Callable[[float], None] = time.sleep
) -> None:
    """Return once every checked input has landed; raise NotLanded at an input's timeout."""
    checked = [dataset for dataset in spec["inputs"] if dataset.get("wait_until_landed") is not None]
    if not checked:
        return
    # Imported here: a run without landed-data checks never loads SQLAlchemy for them.
    from sqlalchemy.exc import SQLAlchemyError

    from ..warehouse import has_landed, landed_day, resolve_connection

    day = landed_day(logical_date, spec["timezone"])
    for dataset in checked:
        check = dataset["wait_until_landed"]
        url = resolve_connection(dataset["connection"], workspace)
        deadline = time.monotonic() + check["timeout_seconds"]
        problem = None
        while True:
            try:
                if has_landed(url, dataset["table"], check["date_column"], day):
                    break
                problem = None
            except SQLAlchemyError as error:  # e.g. the table does not exist yet: it may still land
                problem = str(error).splitlines()[0]
            if time.monotonic() + check["poke_interval_seconds"] > deadline:
                detail = f" (last check: {problem})" if problem else ""
                raise NotLanded(
                    f"{dataset['connection']}:{dataset['table']} had no rows with "
                    f"{check['date_column']} = {day} after {check['timeout_seconds']} s{detail}."
                )
            sleep(check["poke_interval_seconds"])
