"""The GitHub proxy: the browser's Octokit talks to GitHub through the server.

The server adds the token, so it never reaches the browser, the settings, the DAG or
the pull request. Only the calls that the review flow makes are forwarded, and only to
the configured repository; branch moves are limited to nbschedule's own branches.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import unquote

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from .config import NbScheduleReview

REVIEW_BRANCH_PREFIX = "nbschedule/"
_REF = r"heads/[A-Za-z0-9._/-]+"
_REVIEW_REF = r"heads/nbschedule/[A-Za-z0-9._/-]+"

# (method, path below /repos/<owner>/<name>) the review flow needs; "" is the repository itself.
ALLOWED_CALLS = [
    ("GET", ""),
    ("GET", f"/git/ref/{_REF}"),
    ("GET", "/git/commits/[0-9a-f]{40,64}"),
    ("POST", "/git/blobs"),
    ("POST", "/git/trees"),
    ("POST", "/git/commits"),
    ("POST", "/git/refs"),
    ("PATCH", f"/git/refs/{_REVIEW_REF}"),
    ("GET", "/pulls"),
    ("POST", "/pulls"),
    ("PATCH", r"/pulls/[0-9]+"),
]

# Request headers worth passing on; everything else (cookies, Jupyter's own token) stays here.
FORWARDED_REQUEST_HEADERS = ("Accept", "Content-Type", "X-GitHub-Api-Version")
# Response headers the browser may see: paging, caching and rate-limit information only.
RETURNED_RESPONSE_HEADERS = (
    "Content-Type",
    "Link",
    "ETag",
    "Last-Modified",
    "Retry-After",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "X-RateLimit-Used",
    "X-RateLimit-Resource",
    "X-GitHub-Request-Id",
    "X-GitHub-Media-Type",
)
TIMEOUT_SECONDS = 30.0


class ProxyRefused(Exception):
    """A call the proxy does not forward; `reason` tells the UI which kind of refusal."""

    def __init__(self, status: int, reason: str, message: str):
        super().__init__(message)
        self.status, self.reason = status, reason


@dataclass(frozen=True)
class ProxyResponse:
    status: int
    headers: dict[str, str]
    body: bytes


def check_call(config: NbScheduleReview, method: str, raw_path: str, body: bytes) -> None:
    """Raise ProxyRefused unless `method raw_path` (encoded or not) is one the flow needs."""
    if config.mode != "github":
        raise ProxyRefused(
            403,
            "unconfigured",
            "GitHub is not configured on this Jupyter server (it needs "
            "NbScheduleReview.github_repo and a token); reviews go to a local "
            "git branch instead.",
        )
    path = unquote(raw_path)
    owner, _, name = config.github_repo.partition("/")
    prefix = f"/repos/{re.escape(owner)}/{re.escape(name)}"
    allowed = ".." not in path and any(
        method == allowed_method and re.fullmatch(prefix + pattern, path, re.IGNORECASE)
        for allowed_method, pattern in ALLOWED_CALLS
    )
    if not allowed:
        raise ProxyRefused(
            403,
            "refused",
            f"nbschedule's GitHub proxy does not forward {method} {path}: it only "
            f"forwards the calls that open a review of {config.github_repo}.",
        )
    if method == "POST" and path.lower().endswith("/git/refs") and not _creates_review_branch(body):
        raise ProxyRefused(
            403, "refused", f"nbschedule's GitHub proxy only creates branches under {REVIEW_BRANCH_PREFIX}."
        )


def _creates_review_branch(body: bytes) -> bool:
    try:
        ref = json.loads(body or b"null").get("ref", "")
    except (json.JSONDecodeError, AttributeError):
        return False
    return isinstance(ref, str) and re.fullmatch(f"refs/{_REVIEW_REF}", ref) is not None and ".." not in ref


def _redacted(data: bytes, token: str) -> bytes:
    # GitHub does not echo tokens, but whatever answers at github_url must not leak it either.
    return data.replace(token.encode(), b"[token]") if token else data


async def forward(
    config: NbScheduleReview, method: str, raw_path: str, query: str, headers: dict[str, str], body: bytes
) -> ProxyResponse:
    """Send an allowed call to GitHub with the token; raise ProxyRefused (502) if unreachable."""
    check_call(config, method, raw_path, body)
    url = config.github_url.rstrip("/") + raw_path + (f"?{query}" if query else "")
    # Header names are case-insensitive (tornado hands them over as X-Github-Api-Version).
    received = {name.lower(): value for name, value in headers.items()}
    outgoing = {name: received[name.lower()] for name in FORWARDED_REQUEST_HEADERS if name.lower() in received}
    outgoing.setdefault("Accept", "application/vnd.github+json")
    outgoing.update({"Authorization": f"Bearer {config.github_token}", "User-Agent": "nbschedule"})
    request = HTTPRequest(
        url,
        method=method,
        headers=outgoing,
        body=body if method in ("POST", "PATCH") else None,
        connect_timeout=TIMEOUT_SECONDS,
        request_timeout=TIMEOUT_SECONDS,
        follow_redirects=False,
    )
    try:
        response = await AsyncHTTPClient().fetch(request, raise_error=False)
    except (OSError, HTTPClientError) as error:  # connection refused, DNS, TLS, timeout (599)
        reason = _redacted(str(error).encode(), config.github_token).decode()
        raise ProxyRefused(502, "unreachable", f"GitHub cannot be reached at {config.github_url} ({reason}).") from None
    if response.code == 599:  # tornado's code for "no HTTP response at all"
        reason = _redacted(str(response.error).encode(), config.github_token).decode()
        raise ProxyRefused(502, "unreachable", f"GitHub cannot be reached at {config.github_url} ({reason}).")
    returned = {
        name: _redacted(response.headers[name].encode(), config.github_token).decode()
        for name in RETURNED_RESPONSE_HEADERS
        if name in response.headers
    }
    return ProxyResponse(response.code, returned, _redacted(response.body or b"", config.github_token))
