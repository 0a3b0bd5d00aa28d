"""Raw requests (any bytes, any query) and a snapshot of what a request could change."""

from __future__ import annotations

import asyncio
import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import tornado
from jupyter_api import fetch
from quiet_cron import DAILY_CRON

SPEC = {
    "version": 1,
    "name": "daily",
    "notebook": "daily.ipynb",
    "cron": DAILY_CRON,
    "timezone": "UTC",
    "start_date": "2026-01-01",
    "zone": "analytics",
    "owner": "ada@example.com",
    "catchup": "none",
    "parameters": [{"name": "region", "type": "str", "default": "eu"}],
}
MAX_BODY = 256 * 1024

# Files the server itself keeps changing (SQLite's WAL, scheduler logs) are not request state.
_VOLATILE = (".nbschedule/",)


async def raw(
    jp_fetch,
    *path: str,
    method: str = "GET",
    body: bytes | None = None,
    params: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 20,
) -> tuple[int, Any]:
    """(status, JSON body) for any request; a body that is not JSON is returned as text."""
    try:
        response = await jp_fetch(
            "nbschedule",
            *path,
            method=method,
            body=body,
            params=params or {},
            headers=headers,
            allow_nonstandard_methods=True,
            request_timeout=timeout,
        )
        code, data = response.code, response.body
    except tornado.httpclient.HTTPClientError as error:
        code, data = error.code, error.response.body
    try:
        return code, json.loads(data) if data else None
    except ValueError:
        return code, data.decode("utf-8", "replace")


def files(root: Path) -> dict[str, int]:
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            relative = os.path.relpath(os.path.join(folder, name), root)
            if not relative.startswith(_VOLATILE):
                found[relative] = os.path.getsize(os.path.join(folder, name))
    return found


async def snapshot(jp_fetch, root: Path) -> tuple:
    """Runs, schedules, notices and files: what no refused request may change."""
    _, runs = await fetch(jp_fetch, "runs", limit="200")
    _, listed = await fetch(jp_fetch, "schedules")
    _, notices = await fetch(jp_fetch, "notifications", after="0")
    _, config = await fetch(jp_fetch, "review", "config")
    return runs, listed, notices, files(root), config


async def wait_for(jp_fetch, predicate, *path, **params):
    body = None
    for _ in range(400):
        code, body = await fetch(jp_fetch, *path, **params)
        if code == 200 and predicate(body):
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"never true: {body}")


def names_field(message: str, field: str) -> bool:
    """Whether a message says which input it is about: by name, or as a cron field ("Field 2 (hour)")."""
    words = {"body": ("body",), "cron": ("cron", "Field "), "id": ("id ",)}.get(field, (field,))
    return any(word in message for word in words) or f"'{field}'" in message


def _upcoming(schedule: dict) -> bool:
    # Right after loading, a schedule's entry is its first fire time since its start date,
    # until the first tick's catch-up moves it to the next one to come.
    return bool(schedule["next_fire_time"]) and datetime.fromisoformat(schedule["next_fire_time"]) > datetime.now(
        timezone.utc
    )


async def scheduled(jp_fetch) -> dict:
    """The schedules list once every schedule waits for its next fire time to come."""
    return await wait_for(jp_fetch, lambda b: b["schedules"] and all(map(_upcoming, b["schedules"])), "schedules")
