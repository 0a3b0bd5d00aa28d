"""A fake GitHub API: records every request and answers as told, else echoes what it got."""

from __future__ import annotations

import http.server
import json

TOKEN = "ghp_test_token_0123456789abcdef"
REPO = "octo-org/reports"


class FakeGitHub(http.server.BaseHTTPRequestHandler):
    """Records every request and answers from `server.answers`, else echoes what it got."""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        seen = {"method": self.command, "path": self.path, "headers": dict(self.headers), "body": body}
        self.server.received.append(seen)
        status, payload = self.server.answers.get((self.command, self.path), (200, None))
        if payload is None:
            # An echo, token included: proves the proxy scrubs whatever comes back.
            payload = {"echo": {**seen, "body": body.decode()}}
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("X-RateLimit-Remaining", "4999")
        self.send_header("X-OAuth-Scopes", "repo")
        self.send_header("Set-Cookie", f"session={TOKEN}")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _answer

    def log_message(self, *args):
        pass
