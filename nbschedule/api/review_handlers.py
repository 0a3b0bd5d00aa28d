"""The review's REST side: its configuration, the GitHub proxy and local git branches."""

from __future__ import annotations

import tornado
from jupyter_server.utils import url_path_join

from ..review import CONFIG_KEY, LocalGitError, NbScheduleReview, ProxyRefused, commit_on_branch, forward
from .base import JsonHandler
from .errors import ApiError

GITHUB_PATH = "github"


class _ReviewHandler(JsonHandler):
    @property
    def review_config(self) -> NbScheduleReview:
        return self.settings[CONFIG_KEY]


class ReviewConfigHandler(_ReviewHandler):
    @tornado.web.authenticated
    def get(self) -> None:
        self.reply(self.review_config.public_view())


class GitHubProxyHandler(_ReviewHandler):
    """Forwards `<base>/nbschedule/github/<GitHub API path>` to the configured GitHub API."""

    @tornado.web.authenticated
    async def _proxy(self, _path: str) -> None:
        # The raw path keeps encoded refs (heads%2Fmain) exactly as Octokit sent them.
        prefix = url_path_join(self.base_url, "nbschedule", GITHUB_PATH)
        raw_path = self.request.path[len(prefix) :]
        try:
            response = await forward(
                self.review_config,
                self.request.method,
                raw_path,
                self.request.query,
                dict(self.request.headers),
                self.body_bytes,
            )
        except ProxyRefused as refusal:
            raise ApiError(refusal.status, str(refusal), headers={"X-Nbschedule-Proxy": refusal.reason}) from None
        self.set_status(response.status)
        headers = dict(response.headers)
        content_type = headers.pop("Content-Type", "application/json")
        for name, value in headers.items():
            self.set_header(name, value)
        self.finish(response.body, set_content_type=content_type)

    get = post = patch = put = delete = _proxy


class LocalBranchHandler(_ReviewHandler):
    @tornado.web.authenticated
    async def post(self) -> None:
        body = await self.json_object()
        _check_local_branch(body)
        try:
            # git runs in a thread: a large repository must not stall the server.
            result = await self.in_thread(
                lambda: commit_on_branch(
                    self.settings["server_root_dir"],
                    branch=body["branch"],
                    message=body["message"],
                    files=body["files"],
                    base_branch=self.review_config.base_branch,
                    update=body.get("update", False),
                )
            )
        except LocalGitError as error:
            raise ApiError(error.status, str(error), error.field) from None
        self.reply(result.to_json(), 201)


MAX_FILES = 100


def _check_local_branch(body: dict) -> None:
    """ApiError 400 unless `body` is {branch, message, files: {path: text}, update?}."""
    for field in ("branch", "message"):
        if not isinstance(body.get(field), str):
            raise ApiError(400, f"'{field}' must be a string.", field)
    files = body.get("files")
    if not isinstance(files, dict) or not all(isinstance(text, str) for text in files.values()):
        raise ApiError(400, "'files' must map each path to its text.", "files")
    if len(files) > MAX_FILES:
        raise ApiError(400, f"'files' holds more than {MAX_FILES} files.", "files")
    if not isinstance(body.get("update", False), bool):
        raise ApiError(400, "'update' must be true or false.", "update")
