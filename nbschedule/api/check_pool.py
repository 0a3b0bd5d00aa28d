"""Spec checks of large requests run in a separate process, with a hard time limit.

A thread would keep the check off the event loop but not off the GIL: on a busy machine
every request the server answers meanwhile would wait for it. A process has its own; on
timeout it is terminated (a thread could not be stopped) and a new one starts on demand.
"""

from __future__ import annotations

import asyncio
import atexit
import multiprocessing
import multiprocessing.pool
from typing import Any

from ..spec.check import check_spec
from .body import parse_json_object
from .errors import ApiError


def check_request(data: bytes, max_depth: int, max_items: int, catalogue: dict[str, Any],
                  root: str) -> tuple[int, dict[str, Any]]:
    """(status, JSON answer) of POST spec/check with body `data`; plain values, so a process can return them."""
    try:
        body = parse_json_object(data, max_depth)
        if "spec" not in body:
            raise ApiError(400, "Send {\"spec\": {...}}.", "spec")
        spec = body["spec"]
        if isinstance(spec, dict):
            check_list_sizes(spec, max_items)
    except ApiError as error:
        return error.status_code, error.to_json()
    return 200, check_spec(spec, catalogue, root)


def check_list_sizes(spec: dict[str, Any], limit: int) -> None:
    """Every list of a spec is short: the checks' cost grows with them (ApiError 400 otherwise)."""
    for name, value in spec.items():
        if isinstance(value, list) and len(value) > limit:
            raise ApiError(400, f"'{name}' holds {len(value)} items; at most {limit} are allowed "
                                "(NbScheduleApi.max_list_items).", f"spec/{name}")


def _ready() -> bool:
    return True


class CheckPool:
    """One checker process for the server, started by the first check and reused."""

    STARTUP_SECONDS = 120.0  # importing the checks in a new process; slow only on a loaded machine

    def __init__(self) -> None:
        self._pool: multiprocessing.pool.Pool | None = None
        self._ready: multiprocessing.pool.AsyncResult | None = None

    def warm(self) -> None:
        """Start the process now (without waiting), so a later large check finds it ready."""
        if self._pool is None:
            self._pool = multiprocessing.get_context("spawn").Pool(1)
            self._ready = self._pool.apply_async(_ready)
            atexit.register(self.stop)

    async def run(self, timeout: float, *args: Any) -> tuple[int, dict[str, Any]]:
        """check_request(*args) in the checker process; ApiError 503 after `timeout` seconds of checking."""
        self.warm()
        try:
            await asyncio.to_thread(self._ready.get, self.STARTUP_SECONDS)
        except (multiprocessing.TimeoutError, OSError):
            self.stop()
            raise ApiError(503, "The spec checker process did not start; try again.", "spec") from None
        result = self._pool.apply_async(check_request, args)
        try:
            return await asyncio.to_thread(result.get, timeout)
        except multiprocessing.TimeoutError:
            self.stop()  # the only way to stop a check under way
            raise ApiError(503, f"The spec check took longer than {timeout:g} s and was stopped "
                                "(NbScheduleApi.check_seconds).", "spec") from None

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            atexit.unregister(self.stop)
            self._pool, self._ready = None, None
