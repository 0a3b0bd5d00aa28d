"""Review: trial runs, the GitHub proxy and local git branches (the server side of the wizard's last steps)."""

from __future__ import annotations

import atexit
import functools
from datetime import datetime, timezone

from tornado.ioloop import IOLoop

from ..scheduler.facade import SETTINGS_KEY as SCHEDULER_KEY
from ..scheduler.history_of_trial_runs import record_trial_run
from .config import NbScheduleReview
from .github_proxy import ProxyRefused, ProxyResponse, forward
from .local_git import BranchCommit, LocalGitError, commit_on_branch
from .trial_runs import TrialRun, TrialRunConflict, TrialRuns, spec_problems

CONFIG_KEY = "nbschedule_review"
TRIAL_RUNS_KEY = "nbschedule_trial_runs"


def _history_of(server_app):
    """Writes each finished test run into the scheduler's run history (its own kind), off the event loop."""

    def record(run: TrialRun) -> None:
        scheduler = server_app.web_app.settings.get(SCHEDULER_KEY)
        if scheduler is None:
            return
        work = functools.partial(
            record_trial_run,
            scheduler.db,
            run_id=run.id,
            schedule=run.schedule,
            owner=run.owner,
            status=run.status,
            record=run.record,
            message=run.message,
            output_uri=run.output_uri,
            created_at=run.created_at,
            ended_at=datetime.now(timezone.utc),
        )
        future = IOLoop.current().run_in_executor(None, work)
        future.add_done_callback(
            lambda done: (
                done.exception()
                and server_app.log.error(
                    "nbschedule: test run %s not added to the run history: %s", run.id, done.exception()
                )
            )
        )

    return record


def setup_review(server_app, settings: dict) -> None:
    """Put the review's configuration and test runs in `settings`, where the handlers find them."""
    config = NbScheduleReview(parent=server_app)
    trial_runs = TrialRuns(server_app.root_dir, config.allow_unsandboxed, _history_of(server_app))
    settings[CONFIG_KEY] = config
    settings[TRIAL_RUNS_KEY] = trial_runs
    # Kernels of unfinished test runs would outlive the server otherwise.
    atexit.register(trial_runs.shutdown)


__all__ = [
    "CONFIG_KEY",
    "TRIAL_RUNS_KEY",
    "BranchCommit",
    "LocalGitError",
    "NbScheduleReview",
    "ProxyRefused",
    "ProxyResponse",
    "TrialRun",
    "TrialRunConflict",
    "TrialRuns",
    "commit_on_branch",
    "forward",
    "setup_review",
    "spec_problems",
]
