"""Calling nbschedule's REST API in tests the way the frontend does, errors included."""

from __future__ import annotations

import json
from typing import Any

import tornado


async def fetch(jp_fetch, *path: str, method: str = "GET", body: Any = None, **params: str) -> tuple[int, Any]:
    """(status, parsed JSON body) of /nbschedule/<path>; a 4xx or 5xx is returned, not raised."""
    try:
        response = await jp_fetch(
            "nbschedule", *path, method=method, params=params, body=None if body is None else json.dumps(body)
        )
    except tornado.httpclient.HTTPClientError as error:
        return error.code, json.loads(error.response.body)
    return response.code, json.loads(response.body)
