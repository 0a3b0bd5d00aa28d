"""What the REST handlers may ask of the embedded scheduler, in one place.

Each method is one blocking transaction (handlers run it in a thread) and answers plain
JSON-ready values, so nothing above this module touches tables, connections or SQLAlchemy.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from .airflow_reruns import insert_airflow_rerun
from .controls import set_mode
from .details import run_details
from .engine import Scheduler
from .health import health_report
from .history import RUN_STATUSES, TRIGGERS, BadCursor, RunFilter, list_runs, run_json, with_children
from .models import FINISHED, RunRow
from .notices import latest_notice_id, notices_after, owner_filter
from .overview import schedule_overview
from .pauses import set_paused
from .run_rows import add_manual_run, claim_runs, request_cancel
from .schedule_states import keyed_logical_dates, schedule_detail, schedule_states_json
from .shared_copies import with_local_inputs
from .workflow_items import requeue_items

# web_app.settings keys the server extension fills (see server.py).
SETTINGS_KEY = "nbschedule_scheduler"
START_ERROR_KEY = SETTINGS_KEY + "_start_error"  # why the scheduler could not start, for the API
CONFIG_KEY = SETTINGS_KEY + "_config"

__all__ = [
    "FINISHED",
    "RUN_STATUSES",
    "TRIGGERS",
    "BadCursor",
    "RunFilter",
    "SchedulerFacade",
    "SETTINGS_KEY",
    "START_ERROR_KEY",
    "CONFIG_KEY",
]

_runs = RunRow.__table__


class SchedulerFacade:
    def __init__(self, scheduler: Scheduler) -> None:
        self._scheduler = scheduler
        self.root: Path = scheduler.root
        self.config = scheduler.config
        self.db = scheduler.db  # for the metrics package, which reads the tables itself

    def problem(self) -> str | None:
        """Why the database cannot be used right now, or None."""
        return self._scheduler.db_problem()

    def now(self) -> datetime:
        return self._scheduler.clock()

    def spec_of(self, name: str) -> dict[str, Any] | None:
        return self._scheduler.spec_of(name)

    def runs_page(
        self, where: RunFilter, cursor: str | None, limit: int, children: bool = False
    ) -> tuple[list[dict[str, Any]], str | None]:
        """One page of the run history and the cursor of the next, each run with its node and
        item runs if `children`; raises BadCursor."""
        with self.db.read() as connection:
            page, next_cursor = list_runs(connection, where, cursor, limit, self.root, self.db.cursor_key)
            return (with_children(connection, page, self.root) if children else page), next_cursor

    def run(self, run_pk: int) -> dict[str, Any] | None:
        """The run in full (record, attempts, lineage), or None."""
        with self.db.read() as connection:
            return run_details(connection, run_pk, self.root, self._scheduler.store)

    def act_on_run(
        self, run_pk: int, action: str, now: datetime
    ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        """Re-run (`action` 'rerun') or cancel a run: (the run before, the run after, or None
        when the embedded scheduler does not own the run or its state forbids the action)."""
        with self.db.write() as connection:
            row = connection.execute(_runs.select().where(_runs.c.id == run_pk)).first()
            if row is None:
                return None, None
            if row.engine != "embedded":
                return run_json(row, self.root), None
            if row.parent_id is not None:  # an item runs again within its workflow run; it is not cancelled alone
                done = action == "rerun" and requeue_items(connection, row.parent_id, [row.run_id], now)
            elif action == "rerun":
                done = requeue_items(connection, row.id, None, now)
            else:
                done = request_cancel(connection, row.id, now)
            after = connection.execute(_runs.select().where(_runs.c.id == row.id)).first() if done else None
            return run_json(row, self.root), run_json(after, self.root) if after is not None else None

    def record_airflow_rerun(self, run_pk: int, dag_run_id: str, now: datetime) -> dict[str, Any]:
        """The row of the re-run of `run_pk` that Airflow accepted as DAG run `dag_run_id`."""
        with self.db.write() as connection:
            original = connection.execute(_runs.select().where(_runs.c.id == run_pk)).one()
            return run_json(insert_airflow_rerun(connection, original, dag_run_id, now), self.root)

    def with_local_inputs(self, record: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The record with the staged inputs an Airflow attempt kept in the shared store copied
        into the root, and a warning per input not copied."""
        return with_local_inputs(self.root, record, self.config.shared_store)

    def overview(self) -> dict[str, Any]:
        return schedule_overview(self._scheduler)

    def states_json(self) -> str:
        """The Schedules view's facts as JSON text (an object)."""
        return schedule_states_json(self._scheduler)

    def detail(self, name: str) -> dict[str, Any] | None:
        """One active schedule in full (spec, pause state, latest runs), or None."""
        return schedule_detail(self._scheduler, name)

    def set_paused(self, name: str, paused: bool, user: str) -> dict[str, Any]:
        with self.db.write() as connection:
            return set_paused(connection, name, paused, self.now(), user).to_json()

    def taken_fire_times(self, name: str, dates: list[datetime]) -> list[datetime]:
        """Which of `dates` already have a run of schedule `name`."""
        with self.db.read() as connection:
            return keyed_logical_dates(connection, name, dates)

    def claim_backfill(self, spec: dict[str, Any], dates: list[datetime], now: datetime) -> set[datetime]:
        """Claim a backfill run per date; answers the dates that were not claimed before."""
        with self.db.write() as connection:
            return set(claim_runs(connection, spec, "backfill", dates, now))

    def add_manual_run(self, spec: dict[str, Any], overrides: dict[str, Any] | None) -> dict[str, Any]:
        with self.db.write() as connection:
            run_pk = add_manual_run(connection, spec, self.now(), overrides)
            return run_json(connection.execute(_runs.select().where(_runs.c.id == run_pk)).first(), self.root)

    def notices(self, after: int | None, scope: str, username: str) -> tuple[list[dict[str, Any]], int, str | None]:
        """Without `after`, no notices and the latest cursor; else (notices since, cursor, owner)."""
        with self.db.read() as connection:
            if after is None:
                return [], latest_notice_id(connection), None
            owner = owner_filter(connection, scope, username)
            return (*notices_after(connection, after, owner), owner)

    def health(self) -> dict[str, Any]:
        return health_report(self._scheduler)

    def set_mode(self, mode: str, changed_by: str) -> dict[str, Any]:
        """Set every scheduler's mode on the workspace; answers the health report after it."""
        with self.db.write() as connection:
            set_mode(connection, mode, changed_by, self.now())
        return health_report(self._scheduler)
