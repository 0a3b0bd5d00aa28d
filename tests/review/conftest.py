"""A Jupyter server with nbschedule, and a fake GitHub API on localhost behind its proxy."""

from __future__ import annotations

import http.server
import threading

import pytest

from fake_github import REPO, TOKEN, FakeGitHub

pytest_plugins = ["pytest_jupyter.jupyter_server"]


@pytest.fixture
def fake_github():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeGitHub)
    server.received, server.answers = [], {}
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def jp_server_config(jp_server_config, fake_github):
    return {
        "ServerApp": {"jpserver_extensions": {"nbschedule": True}},
        "NbScheduleReview": {"github_url": fake_github.url, "github_token": TOKEN, "github_repo": REPO,
                             "allow_unsandboxed": True},
    }


@pytest.fixture
def review_config(jp_serverapp):
    """The running server's NbScheduleReview, to change a setting within one test."""
    return jp_serverapp.web_app.settings["nbschedule_review"]
