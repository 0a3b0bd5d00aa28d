"""Shared handler behaviour: JSON in, JSON out, errors as {"message", "field"}."""

from __future__ import annotations

import json
from typing import Any

from jupyter_server.base.handlers import APIHandler


class JsonHandler(APIHandler):
    def reply(self, payload: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(payload))

    def fail(self, status: int, message: str, field: str | None = None) -> None:
        """A client error the UI shows as is: one sentence, never a traceback."""
        body: dict[str, Any] = {"message": message}
        if field is not None:
            body["field"] = field
        self.reply(body, status)

    def json_body(self) -> Any | None:
        """The parsed request body, or None after replying 400."""
        try:
            return json.loads(self.request.body or b"null")
        except json.JSONDecodeError as error:
            self.fail(400, f"The request body is not valid JSON ({error.msg}).")
            return None
