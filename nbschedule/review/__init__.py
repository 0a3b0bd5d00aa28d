"""Review: test runs, the GitHub proxy and local git branches (the server side of the wizard's last steps)."""

from __future__ import annotations

import atexit

from .config import NbScheduleReview
from .github_proxy import ProxyRefused, ProxyResponse, forward
from .local_git import BranchCommit, LocalGitError, commit_on_branch
from .test_runs import TestRun, TestRunConflict, TestRuns, spec_problems

CONFIG_KEY = "nbschedule_review"
TEST_RUNS_KEY = "nbschedule_test_runs"


def setup_review(server_app) -> None:
    """Put the review's configuration and test runs where the handlers find them."""
    config = NbScheduleReview(parent=server_app)
    test_runs = TestRuns(server_app.root_dir, config.allow_unsandboxed)
    server_app.web_app.settings[CONFIG_KEY] = config
    server_app.web_app.settings[TEST_RUNS_KEY] = test_runs
    # Kernels of unfinished test runs would outlive the server otherwise.
    atexit.register(test_runs.shutdown)


__all__ = [
    "CONFIG_KEY",
    "TEST_RUNS_KEY",
    "BranchCommit",
    "LocalGitError",
    "NbScheduleReview",
    "ProxyRefused",
    "ProxyResponse",
    "TestRun",
    "TestRunConflict",
    "TestRuns",
    "commit_on_branch",
    "forward",
    "setup_review",
    "spec_problems",
]
