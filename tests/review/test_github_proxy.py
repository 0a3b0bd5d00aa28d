"""The GitHub proxy against a fake GitHub API on localhost: token added, never returned."""

from __future__ import annotations

import json
import socket

import pytest
from fake_github import REPO, TOKEN

REPO_PATH = f"/repos/{REPO}"


@pytest.fixture
def github_fetch(http_server_client, jp_base_url, jp_auth_header):
    """A browser request to the proxy, with the path sent exactly as given (encoded refs stay encoded)."""

    async def fetch(method: str, path: str, body: dict | None = None):
        url = jp_base_url.rstrip("/") + "/nbschedule/github" + path
        response = await http_server_client.fetch(
            url,
            method=method,
            headers={**jp_auth_header, "Accept": "application/vnd.github.v3+json"},
            body=None if body is None else json.dumps(body),
            raise_error=False,
            allow_nonstandard_methods=True,
        )
        return response

    return fetch


def assert_no_token(response) -> None:
    assert TOKEN not in response.body.decode()
    for name, value in response.headers.get_all():
        assert TOKEN not in value, name


async def test_allowed_call_goes_out_with_the_token_and_comes_back_without_it(github_fetch, fake_github):
    response = await github_fetch("GET", REPO_PATH)
    assert response.code == 200
    [seen] = fake_github.received
    assert seen["method"] == "GET" and seen["path"] == REPO_PATH
    assert seen["headers"]["Authorization"] == f"Bearer {TOKEN}"
    assert seen["headers"]["User-Agent"] == "nbschedule"
    assert seen["headers"]["Accept"] == "application/vnd.github.v3+json"
    assert "Cookie" not in seen["headers"]
    # The echo held the token; the browser sees it redacted, and no cookie or scopes header.
    echoed = json.loads(response.body)["echo"]
    assert echoed["headers"]["Authorization"] == "Bearer [token]"
    assert_no_token(response)
    assert "X-OAuth-Scopes" not in response.headers
    assert not any(c.startswith("session=") for c in response.headers.get_list("Set-Cookie"))  # Jupyter sets its own
    assert response.headers["X-RateLimit-Remaining"] == "4999"


@pytest.mark.parametrize("ref", ["heads%2Fnbschedule%2Fdaily", "heads/nbschedule/daily", "heads%2Fmain"])
async def test_ref_paths_pass_encoded_or_plain_and_are_forwarded_as_sent(github_fetch, fake_github, ref):
    response = await github_fetch("GET", f"{REPO_PATH}/git/ref/{ref}")
    assert response.code == 200
    assert fake_github.received[0]["path"] == f"{REPO_PATH}/git/ref/{ref}"


async def test_the_review_flow_calls_are_forwarded_with_their_bodies(github_fetch, fake_github):
    sha = "a" * 40
    calls = [
        ("GET", f"{REPO_PATH}/git/commits/{sha}", None),
        ("POST", f"{REPO_PATH}/git/blobs", {"content": "aGk=", "encoding": "base64"}),
        ("POST", f"{REPO_PATH}/git/trees", {"base_tree": sha, "tree": []}),
        ("POST", f"{REPO_PATH}/git/commits", {"message": "m", "tree": sha, "parents": [sha]}),
        ("POST", f"{REPO_PATH}/git/refs", {"ref": "refs/heads/nbschedule/daily", "sha": sha}),
        ("PATCH", f"{REPO_PATH}/git/refs/heads%2Fnbschedule%2Fdaily", {"sha": sha}),
        ("GET", f"{REPO_PATH}/pulls?head=octo-org%3Anbschedule%2Fdaily&state=open", None),
        ("POST", f"{REPO_PATH}/pulls", {"title": "t", "head": "nbschedule/daily", "base": "main"}),
        ("PATCH", f"{REPO_PATH}/pulls/12", {"body": "b"}),
    ]
    for method, path, body in calls:
        response = await github_fetch(method, path, body)
        assert response.code == 200, (method, path, response.body)
    assert [(seen["method"], seen["path"]) for seen in fake_github.received] == [(m, p) for m, p, _ in calls]
    assert [json.loads(seen["body"]) if seen["body"] else None for seen in fake_github.received] == [
        body for _, _, body in calls
    ]


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("GET", "/user", None),
        ("DELETE", REPO_PATH, None),
        ("PUT", f"{REPO_PATH}/contents/x.py", {"content": ""}),
        ("GET", "/repos/someone-else/reports", None),
        ("GET", "/repos/octo-org/reports-other", None),
        ("PATCH", f"{REPO_PATH}/git/refs/heads%2Fmain", {"sha": "a" * 40, "force": True}),
        ("POST", f"{REPO_PATH}/git/refs", {"ref": "refs/heads/main", "sha": "a" * 40}),
        ("POST", f"{REPO_PATH}/git/refs", {"ref": "refs/heads/nbschedule/../main", "sha": "a" * 40}),
        ("GET", f"{REPO_PATH}/git/ref/heads%2F..%2F..%2F..%2Fuser", None),
        ("DELETE", f"{REPO_PATH}/git/refs/heads%2Fnbschedule%2Fdaily", None),
        ("POST", f"{REPO_PATH}/merges", {"base": "main", "head": "nbschedule/daily"}),
    ],
)
async def test_anything_else_is_refused_without_reaching_github(github_fetch, fake_github, method, path, body):
    response = await github_fetch(method, path, body)
    assert response.code == 403
    assert response.headers["X-Nbschedule-Proxy"] == "refused"
    assert (
        "does not forward" in json.loads(response.body)["message"]
        or "only creates" in json.loads(response.body)["message"]
    )
    assert fake_github.received == []


async def test_github_errors_pass_through_unchanged(github_fetch, fake_github):
    fake_github.answers[("POST", f"{REPO_PATH}/git/refs")] = (422, {"message": "Reference already exists"})
    response = await github_fetch("POST", f"{REPO_PATH}/git/refs", {"ref": "refs/heads/nbschedule/d", "sha": "1"})
    assert response.code == 422
    assert json.loads(response.body) == {"message": "Reference already exists"}


async def test_github_enterprise_base_url_keeps_its_path(github_fetch, fake_github, review_config):
    review_config.github_url = fake_github.url + "/api/v3/"
    response = await github_fetch("GET", f"{REPO_PATH}/git/ref/heads%2Fmain")
    assert response.code == 200
    assert fake_github.received[0]["path"] == f"/api/v3{REPO_PATH}/git/ref/heads%2Fmain"


async def test_network_down_is_a_502_that_names_github_and_not_the_token(github_fetch, review_config):
    with socket.socket() as probe:  # a port nobody listens on once the probe is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    review_config.github_url = f"http://127.0.0.1:{port}"
    response = await github_fetch("GET", REPO_PATH)
    assert response.code == 502
    assert response.headers["X-Nbschedule-Proxy"] == "unreachable"
    assert json.loads(response.body)["message"].startswith(f"GitHub cannot be reached at http://127.0.0.1:{port}")
    assert_no_token(response)


async def test_without_a_token_nothing_is_forwarded(github_fetch, fake_github, review_config):
    review_config.github_token = ""
    response = await github_fetch("GET", REPO_PATH)
    assert response.code == 403
    assert response.headers["X-Nbschedule-Proxy"] == "unconfigured"
    assert fake_github.received == []


async def test_config_tells_the_mode_but_never_the_token(jp_fetch, review_config, fake_github):
    body = json.loads((await jp_fetch("nbschedule", "review", "config")).body)
    assert body == {"mode": "github", "repo": REPO, "base_branch": "main", "github_url": fake_github.url}
    review_config.github_token = ""
    body = json.loads((await jp_fetch("nbschedule", "review", "config")).body)
    assert body["mode"] == "local"
    assert TOKEN not in json.dumps(body)


def test_token_defaults_to_the_environment(monkeypatch):
    from nbschedule.review import NbScheduleReview

    monkeypatch.setenv("GITHUB_TOKEN", "from-env")
    assert NbScheduleReview().github_token == "from-env"
    assert NbScheduleReview(github_token="configured").github_token == "configured"
