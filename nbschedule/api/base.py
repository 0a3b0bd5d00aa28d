"""Shared handler behaviour: JSON in, JSON out, errors raised as ``ApiError`` and rendered
here as {"message", "field"}.

Bodies are streamed so that one larger than ``NbScheduleApi.max_body_bytes`` is refused
with 413 from its Content-Length, without being read; a chunked one is cut off by
tornado as soon as it passes the limit.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any, TypeVar

from jupyter_server.base.handlers import APIHandler
from tornado.web import stream_request_body

from .body import parse_json_object
from .errors import ApiError
from .limits import NbScheduleApi, api_limits

T = TypeVar("T")
_PARSE_ON_LOOP_BYTES = 64 * 1024  # parsing this much takes well under a millisecond


@stream_request_body
class JsonHandler(APIHandler):
    _body: bytearray

    @property
    def limits(self) -> NbScheduleApi:
        return api_limits(self.settings)

    async def prepare(self) -> None:
        await super().prepare()
        self._body = bytearray()
        length = self.request.headers.get("Content-Length", "")
        limit = self.limits.max_body_bytes
        if length and (not length.isdigit() or int(length) > limit):
            raise ApiError(
                413, f"The request body is larger than {limit} bytes (NbScheduleApi.max_body_bytes).", "body"
            )
        self.request.connection.set_max_body_size(limit)

    def data_received(self, chunk: bytes) -> None:
        # A chunked body passing the limit is cut off by tornado (set_max_body_size above).
        self._body += chunk

    @property
    def body_bytes(self) -> bytes:
        return bytes(self._body)

    async def json_object(self) -> dict[str, Any]:
        """The body as a JSON object; raises ApiError 400 for anything else (also null or empty).
        A large body is parsed and walked off the event loop."""
        if len(self._body) < _PARSE_ON_LOOP_BYTES:
            return parse_json_object(self.body_bytes, self.limits.max_body_depth)
        return await self.in_thread(parse_json_object, self.body_bytes, self.limits.max_body_depth)

    def reply(self, payload: Any, status: int = 200) -> None:
        self.reply_text(json.dumps(payload), status)

    def reply_text(self, body: str, status: int = 200) -> None:
        """A reply already written as JSON text."""
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(body)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        error = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(error, ApiError):
            for name, value in error.headers.items():
                self.set_header(name, value)
            self.set_header("Content-Type", "application/json")
            self.finish(json.dumps(error.to_json()))
        else:
            super().write_error(status_code, **kwargs)

    async def in_thread(self, work: Callable[..., T], *args: Any) -> T:
        """Blocking work (database, git, files) off the event loop."""
        return await asyncio.to_thread(work, *args)
