"""``ApiError``: what a handler raises for a request it will not serve; base.py renders it."""

from __future__ import annotations

from typing import Any

from tornado.web import HTTPError


class ApiError(HTTPError):
    """A client error the UI shows as is: one sentence naming `field`, never a traceback.

    An HTTPError, so tornado logs it as one line (a warning) rather than an exception.
    `extra` adds keys to the JSON body (e.g. every problem of a spec); `headers` are set
    on the error response (tornado clears the ones set before the error).
    """

    def __init__(
        self,
        status: int,
        message: str,
        field: str | None = None,
        *,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ):
        super().__init__(status, log_message=message.replace("%", "%%"))
        self.message, self.field, self.extra, self.headers = message, field, extra, headers or {}

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message}
        if self.field is not None:
            body["field"] = self.field
        return {**body, **self.extra}
