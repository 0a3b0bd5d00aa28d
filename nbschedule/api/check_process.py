"""Spec checks of large requests run in a process of their own, with a hard time limit.

A thread would keep the check off the event loop but not off the GIL: on a busy machine
every request the server answers meanwhile would wait for it. A process has its own GIL
and can be killed at the time limit (a thread cannot be stopped). The process lives for
one check only, so nothing is left running between requests; its start-up (imports) is
not counted in the limit.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
from typing import Any

from ..spec.check import check_spec
from .body import parse_json_object
from .errors import ApiError

STARTUP_SECONDS = 120.0  # importing the checks in a new process; slow only on a loaded machine
_ONE_AT_A_TIME = threading.Lock()


def check_request(
    data: bytes, max_depth: int, max_items: int, catalogue: dict[str, Any], root: str
) -> tuple[int, dict[str, Any]]:
    """(status, JSON answer) of POST spec/check with body `data`; plain values, so a process can return them."""
    try:
        spec = spec_in_body(parse_json_object(data, max_depth), max_items)
    except ApiError as error:
        return error.status_code, error.to_json()
    return 200, check_spec(spec, catalogue, root)


def spec_in_body(body: dict[str, Any], max_items: int) -> dict[str, Any]:
    """The body's "spec": an object whose lists are short (ApiError 400 naming `spec` otherwise);
    every endpoint that is posted a spec reads it this way."""
    spec = body.get("spec")
    if not isinstance(spec, dict):
        raise ApiError(400, 'The request needs the schedule spec as an object: send {"spec": {...}}.', "spec")
    check_list_sizes(spec, max_items)
    return spec


def check_list_sizes(spec: dict[str, Any], limit: int) -> None:
    """Every list of a spec is short: the checks' cost grows with them (ApiError 400 otherwise)."""
    for name, value in spec.items():
        if isinstance(value, list) and len(value) > limit:
            raise ApiError(
                400,
                f"'{name}' holds {len(value)} items; at most {limit} are allowed (NbScheduleApi.max_list_items).",
                f"spec/{name}",
            )


def _serve(connection) -> None:
    """The checker process: say it is ready (the imports are done), check one request, answer."""
    connection.send("ready")
    connection.send(check_request(*connection.recv()))
    connection.close()


def _check_in_process(timeout: float, args: tuple) -> tuple[int, dict[str, Any]]:
    with _ONE_AT_A_TIME:
        context = multiprocessing.get_context("spawn")
        ours, theirs = context.Pipe()
        process = context.Process(target=_serve, args=(theirs,), daemon=True, name="nbschedule-spec-check")
        process.start()
        theirs.close()
        try:
            if not ours.poll(STARTUP_SECONDS):
                raise ApiError(503, "The spec checker process did not start; try again.", "spec")
            ours.recv()
            ours.send(args)
            if not ours.poll(timeout):
                raise ApiError(
                    503,
                    f"The spec check took longer than {timeout:g} s and was stopped (NbScheduleApi.check_seconds).",
                    "spec",
                )
            return ours.recv()
        except EOFError:
            raise ApiError(503, "The spec checker process stopped unexpectedly; try again.", "spec") from None
        finally:
            ours.close()
            process.kill()
            process.join()


async def check_in_process(timeout: float, *args: Any) -> tuple[int, dict[str, Any]]:
    """check_request(*args) in a process of its own, stopped after `timeout` seconds of checking
    (ApiError 503); large checks run one at a time."""
    return await asyncio.to_thread(_check_in_process, timeout, args)
