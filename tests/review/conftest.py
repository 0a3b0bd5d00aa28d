"""A Jupyter server with nbschedule, and a fake GitHub API on localhost behind its proxy."""

from __future__ import annotations

import pytest
from fake_github import REPO, TOKEN, FakeGitHub
from local_servers import http_server_thread


@pytest.fixture
def fake_github():
    with http_server_thread(FakeGitHub) as server:
        server.received, server.answers = [], {}
        yield server


@pytest.fixture
def jp_server_config(jp_server_config, fake_github):
    return {
        "ServerApp": {"jpserver_extensions": {"nbschedule": True}},
        "NbScheduleReview": {
            "github_url": fake_github.url,
            "github_token": TOKEN,
            "github_repo": REPO,
            "allow_unsandboxed": True,
        },
    }


@pytest.fixture
def review_config(jp_serverapp):
    """The running server's NbScheduleReview, to change a setting within one test."""
    return jp_serverapp.web_app.settings["nbschedule_review"]
