"""The GitHub proxy forwards X-GitHub-Api-Version whatever case it arrives in (tornado
normalises header names to X-Github-Api-Version)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "review"))
from fake_github import REPO, TOKEN, FakeGitHub  # noqa: E402
from local_servers import http_server_thread  # noqa: E402


@pytest.fixture
def fake_github():
    with http_server_thread(FakeGitHub) as server:
        server.received, server.answers = [], {}
        yield server


@pytest.fixture
def jp_server_config(jp_server_config, fake_github):
    return {
        "ServerApp": {"jpserver_extensions": {"nbschedule": True}},
        "NbScheduleScheduler": {"enabled": False},
        "NbScheduleReview": {"github_url": fake_github.url, "github_token": TOKEN, "github_repo": REPO},
    }


@pytest.mark.parametrize("name", ["X-GitHub-Api-Version", "x-github-api-version", "X-GITHUB-API-VERSION"])
async def test_the_api_version_header_reaches_github(
    http_server_client, jp_base_url, jp_auth_header, fake_github, name
):
    response = await http_server_client.fetch(
        f"{jp_base_url.rstrip('/')}/nbschedule/github/repos/{REPO}",
        method="GET",
        raise_error=False,
        headers={**jp_auth_header, name: "2022-11-28", "X-Not-Forwarded": "1"},
    )
    assert response.code == 200
    [seen] = fake_github.received
    forwarded = {key.lower(): value for key, value in seen["headers"].items()}
    assert forwarded["x-github-api-version"] == "2022-11-28"
    assert "x-not-forwarded" not in forwarded
