"""``NbScheduleScheduler``: the embedded scheduler's settings, set like any Jupyter option.

c.NbScheduleScheduler.max_workers = 4
"""

from __future__ import annotations

from traitlets import Bool, Callable, Enum, Float, Int, Unicode
from traitlets.config import Configurable


class NbScheduleScheduler(Configurable):
    enabled = Bool(True, help="Run merged schedules on this server.").tag(config=True)
    max_workers = Int(2, min=1, help="Notebook runs this server executes at once (each in its own process).").tag(
        config=True
    )
    tick_seconds = Float(1.0, min=0.01, help="How often due schedules, finished workers and leases are checked.").tag(
        config=True
    )
    reload_seconds = Float(
        5.0,
        min=0.01,
        help="How often every spec file's mtime is compared; the schedules folder's own mtime is checked every tick.",
    ).tag(config=True)
    allow_unsandboxed = Bool(False, help="Run notebooks even where no network-less sandbox can be made.").tag(
        config=True
    )
    store = Unicode("", help="Run store folder or fsspec URL; empty means <root_dir>/nbschedule-runs.").tag(config=True)
    shared_store = Unicode(
        "",
        help="fsspec URL of a run store that Airflow workers write to (e.g. "
        "s3://bucket/runs); its runs are listed beside this server's.",
    ).tag(config=True)
    shared_store_sync_seconds = Float(
        10.0, min=0.01, help="How often the shared run store is read for new records."
    ).tag(config=True)
    database = Unicode(
        "", help="SQLite file of the scheduler state; empty means <root_dir>/.nbschedule/scheduler.db."
    ).tag(config=True)
    lease_seconds = Float(
        30.0,
        min=0.5,
        help="A running attempt whose server has not renewed its lease for this "
        "long is taken for lost by any other server sharing the database; the firing lease (one "
        "scheduler per workspace claims and starts runs) is taken over after as long.",
    ).tag(config=True)
    misfire_grace_seconds = Float(
        60.0,
        min=0,
        help="A fire time older than this when first seen counts as missed "
        "and is subject to the schedule's catch-up policy.",
    ).tag(config=True)
    max_catchup_runs = Int(1000, min=1, help="Most runs one catch-up may create (the latest ones are kept).").tag(
        config=True
    )
    max_backfill_runs = Int(500, min=1, help="Most runs one backfill request may create.").tag(config=True)
    max_lost_retries = Int(
        3,
        min=0,
        help="Times a run lost to a dead server is tried again; these do not use up "
        "the schedule's own retries, which are for failures of the notebook.",
    ).tag(config=True)
    notice_scope = Enum(
        ["auto", "owner", "all"],
        "auto",
        help="Whose failure notices the UI shows: 'owner' only "
        "schedules the signed-in user owns; 'all' every schedule; 'auto' the user's own when any "
        "schedule names them as owner, else all (a single-user server).",
    ).tag(config=True)
    clock = Callable(
        None,
        allow_none=True,
        help="A function returning the current time as an aware datetime; "
        "unset means the system clock. Set from a Python config file by tests that drive the "
        "scheduler's clock (see ui-tests/jupyter_server_test_config.py).",
    ).tag(config=True)
    airflow_api_url = Unicode(
        "",
        help="Base URL of Airflow's REST API v2 (e.g. http://airflow:8080), used to "
        "re-run Airflow-executed runs; credentials come from AIRFLOW_API_TOKEN, or "
        "AIRFLOW_API_USERNAME and AIRFLOW_API_PASSWORD, or ~/.netrc.",
    ).tag(config=True)
