"""A fake GitHub that keeps state: repository, Git data (blobs, trees, commits, refs) and
pull requests, enough for the review flow's calls, answered as GitHub answers them.

Run alone for browser tests: `python tests/review/fake_github_git.py` listens on a free
127.0.0.1 port and prints {"url": ...} once ready. GET /_fake/state (not a GitHub path,
so the proxy never forwards it) tells a test what was committed and opened.
"""

from __future__ import annotations

import base64
import hashlib
import http.server
import json
import re
import sys
import threading
from urllib.parse import parse_qs

REPO = "octo-org/reports"
TOKEN = "ghp_galata_token_0123456789abcdef"
BASE = f"/repos/{REPO}"


def _sha(kind: str, payload: bytes) -> str:
    return hashlib.sha1(f"{kind} {len(payload)}\0".encode() + payload).hexdigest()


class GitData:
    """One repository's objects, refs and pull requests."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.blobs: dict[str, bytes] = {}
        self.trees: dict[str, dict[str, str]] = {}  # sha -> {path: blob sha}
        self.commits: dict[str, dict] = {}
        self.refs: dict[str, str] = {}
        self.pulls: list[dict] = []
        readme = self.add_blob(b"# reports\n")
        tree = self.add_tree({"README.md": readme})
        self.refs["heads/main"] = self.add_commit("Initial commit", tree, [])
        self.requests: list[str] = []

    def add_blob(self, content: bytes) -> str:
        sha = _sha("blob", content)
        self.blobs[sha] = content
        return sha

    def add_tree(self, entries: dict[str, str]) -> str:
        sha = _sha("tree", json.dumps(entries, sort_keys=True).encode())
        self.trees[sha] = dict(entries)
        return sha

    def add_commit(self, message: str, tree: str, parents: list[str]) -> str:
        sha = _sha("commit", json.dumps([message, tree, parents]).encode())
        self.commits[sha] = {"message": message, "tree": tree, "parents": parents}
        return sha

    def files(self, ref: str) -> dict[str, str]:
        tree = self.trees[self.commits[self.refs[ref]]["tree"]]
        return {path: self.blobs[sha].decode() for path, sha in sorted(tree.items())}

    def state(self) -> dict:
        return {
            "refs": dict(self.refs),
            "pulls": self.pulls,
            "requests": self.requests,
            "files": {ref: self.files(ref) for ref in self.refs},
            "messages": {ref: self.commits[sha]["message"] for ref, sha in self.refs.items()},
        }


class GitHubHandler(http.server.BaseHTTPRequestHandler):
    server_version = "GitHub.com"

    def reply(self, status: int, payload) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("X-GitHub-Media-Type", "github.v3; format=json")
        self.send_header("X-RateLimit-Limit", "5000")
        self.send_header("X-RateLimit-Remaining", "4999")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def not_found(self) -> None:
        self.reply(404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"})

    def body(self) -> dict:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length) or b"{}")

    def handle_call(self) -> None:
        git: GitData = self.server.git
        path, _, query = self.path.partition("?")
        path = re.sub("%2F", "/", path, flags=re.IGNORECASE)
        if path == "/_fake/state":
            with git.lock:
                return self.reply(200, git.state())
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            return self.reply(401, {"message": "Bad credentials", "status": "401"})
        with git.lock:
            git.requests.append(f"{self.command} {path}")
            return self.route(git, self.command, path, query)

    def route(self, git: GitData, method: str, path: str, query: str) -> None:
        if not path.startswith(BASE):
            return self.not_found()
        rest = path[len(BASE) :]
        if (method, rest) == ("GET", ""):
            return self.reply(200, {"full_name": REPO, "default_branch": "main", "private": True})
        if method == "GET" and (match := re.fullmatch(r"/git/ref/(heads/.+)", rest)):
            sha = git.refs.get(match[1])
            if sha is None:
                return self.not_found()
            return self.reply(200, {"ref": f"refs/{match[1]}", "object": {"type": "commit", "sha": sha}})
        if method == "GET" and (match := re.fullmatch(r"/git/commits/([0-9a-f]{40})", rest)):
            commit = git.commits.get(match[1])
            if commit is None:
                return self.not_found()
            return self.reply(
                200,
                {
                    "sha": match[1],
                    "message": commit["message"],
                    "tree": {"sha": commit["tree"]},
                    "parents": [{"sha": p} for p in commit["parents"]],
                },
            )
        if (method, rest) == ("POST", "/git/blobs"):
            body = self.body()
            content = (
                base64.b64decode(body["content"]) if body.get("encoding") == "base64" else body["content"].encode()
            )
            return self.reply(201, {"sha": git.add_blob(content)})
        if (method, rest) == ("POST", "/git/trees"):
            body = self.body()
            entries = dict(git.trees[body["base_tree"]]) if body.get("base_tree") else {}
            entries.update({entry["path"]: entry["sha"] for entry in body["tree"]})
            return self.reply(201, {"sha": git.add_tree(entries)})
        if (method, rest) == ("POST", "/git/commits"):
            body = self.body()
            return self.reply(201, {"sha": git.add_commit(body["message"], body["tree"], body["parents"])})
        if (method, rest) == ("POST", "/git/refs"):
            body = self.body()
            ref = body["ref"].removeprefix("refs/")
            if ref in git.refs:
                return self.reply(422, {"message": "Reference already exists", "status": "422"})
            git.refs[ref] = body["sha"]
            return self.reply(201, {"ref": body["ref"], "object": {"type": "commit", "sha": body["sha"]}})
        if method == "PATCH" and (match := re.fullmatch(r"/git/refs/(heads/.+)", rest)):
            body = self.body()
            if match[1] not in git.refs:
                return self.reply(422, {"message": "Reference does not exist", "status": "422"})
            if git.refs[match[1]] not in git.commits[body["sha"]]["parents"] and not body.get("force"):
                return self.reply(422, {"message": "Update is not a fast forward", "status": "422"})
            git.refs[match[1]] = body["sha"]
            return self.reply(200, {"ref": f"refs/{match[1]}", "object": {"type": "commit", "sha": body["sha"]}})
        if (method, rest) == ("GET", "/pulls"):
            wanted = parse_qs(query)
            owner = REPO.split("/")[0]
            return self.reply(
                200,
                [
                    p
                    for p in git.pulls
                    if p["state"] == wanted.get("state", ["open"])[0]
                    and f"{owner}:{p['head']['ref']}" in wanted.get("head", [f"{owner}:{p['head']['ref']}"])
                ],
            )
        if (method, rest) == ("POST", "/pulls"):
            body = self.body()
            number = len(git.pulls) + 1
            pull = {
                "number": number,
                "state": "open",
                "title": body["title"],
                "body": body["body"],
                "head": {"ref": body["head"]},
                "base": {"ref": body["base"]},
                "html_url": f"https://github.com/{REPO}/pull/{number}",
            }
            git.pulls.append(pull)
            return self.reply(201, pull)
        return self.not_found()

    do_GET = do_POST = do_PATCH = handle_call

    def log_message(self, *args) -> None:
        pass


def serve() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), GitHubHandler)
    server.git = GitData()
    print(json.dumps({"url": f"http://127.0.0.1:{server.server_address[1]}", "repo": REPO, "token": TOKEN}), flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(serve())
