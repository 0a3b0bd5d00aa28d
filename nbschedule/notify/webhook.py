"""Posting a message to a Slack-compatible incoming webhook."""

from __future__ import annotations

import json
import urllib.request


def post_webhook(url: str, text: str, timeout: float = 10) -> None:
    """POST ``{"text": text}``; raises on a network error or a non-2xx answer."""
    request = urllib.request.Request(
        url,
        data=json.dumps({"text": text}).encode("utf-8"),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        response.read()
