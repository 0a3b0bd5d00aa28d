"""Hostile request bodies to every endpoint that reads one: 4xx naming the field, nothing changed."""

from __future__ import annotations

import asyncio
import json

import pytest
from input_helpers import MAX_BODY, SPEC, names_field, raw, scheduled, snapshot

POSTS = [
    ("spec", "check"),
    ("test-runs",),
    ("review", "local-branch"),
    ("schedules", "daily", "backfill"),
    ("schedules", "daily", "runs"),
]
DEEP = b"[" * 100_000 + b"]" * 100_000
BODIES = [
    (DEEP, 400, "deeper than"),
    (b'{"spec": ' + b'{"a": ' * 100 + b"1" + b"}" * 100 + b"}", 400, "deeper than"),
    (b'{"spec": "\xff\xfe"}', 400, "not UTF-8"),
    ('{"spec": "x"}'.encode("utf-16"), 400, "not UTF-8"),
    (b"\xc3\x28", 400, "not UTF-8"),
    (b"null", 400, "must be a JSON object, not null"),
    (b"", 400, "empty"),
    (b"   ", 400, "empty"),
    (b"[]", 400, "must be a JSON object, not an array"),
    (b'"spec"', 400, "must be a JSON object"),
    (b"{", 400, "not valid JSON"),
    (b'{"spec": NaN}', 400, "not valid JSON"),
    (b'{"spec": Infinity}', 400, "not valid JSON"),
    (b'{"spec": 1e999}', 400, "not valid JSON"),
    (b'{"spec": ' + b"9" * 5000 + b"}", 400, "not valid JSON"),
    (b'{"spec": "\\ud800"}', 400, "surrogate"),
    (b"x" * (MAX_BODY + 1), 413, "larger than"),
]


@pytest.mark.parametrize("path", POSTS, ids="/".join)
@pytest.mark.parametrize("body, code, words", BODIES, ids=range(len(BODIES)))
async def test_hostile_bodies_are_refused_on_every_post(jp_fetch, jp_root_dir, schedules, path, body, code, words):
    await scheduled(jp_fetch)
    before = await snapshot(jp_fetch, jp_root_dir)
    got, reply = await raw(jp_fetch, *path, method="POST", body=body)
    assert (got, reply["field"]) == (code, "body"), reply
    assert words in reply["message"] and names_field(reply["message"], "body")
    assert await snapshot(jp_fetch, jp_root_dir) == before


async def test_a_huge_body_is_refused_from_its_length_without_being_read(
    http_server_client, jp_http_port, jp_base_url, jp_auth_header
):
    """150 MB announced, nothing sent: the answer comes at once from the Content-Length."""
    request = (
        f"POST {jp_base_url}nbschedule/spec/check HTTP/1.1\r\nHost: 127.0.0.1:{jp_http_port}\r\n"
        f"Authorization: {jp_auth_header['Authorization']}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {150 * 1024 * 1024}\r\n\r\n"
    )
    reader, writer = await asyncio.open_connection("127.0.0.1", jp_http_port)
    writer.write(request.encode())
    await writer.drain()
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 10)
    length = int([line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")][0].split(b":")[1])
    reply = json.loads(await reader.readexactly(length))
    writer.close()
    assert head.startswith(b"HTTP/1.1 413") and reply["field"] == "body"
    assert f"larger than {MAX_BODY} bytes" in reply["message"]


def spec(**changes):
    return {**SPEC, **changes}


FIELD_CASES = [
    # manual runs: parameter names become code, so only identifiers
    (("schedules", "daily", "runs"), {"parameters": {"x = 1\nprint('INJECTED')\ny": 1}}, 400, "parameters"),
    (("schedules", "daily", "runs"), {"parameters": {"import os; os.system('id') #": 1}}, 400, "parameters"),
    (("schedules", "daily", "runs"), {"parameters": {"class": 1}}, 400, "parameters"),
    (("schedules", "daily", "runs"), {"parameters": {"x\u00b2": 1}}, 400, "parameters"),
    (("schedules", "daily", "runs"), {"parameters": {"": 1}}, 400, "parameters"),
    (("schedules", "daily", "runs"), {"parameters": {f"p{i}": i for i in range(101)}}, 400, "parameters"),
    (("schedules", "daily", "runs"), {"parameters": "region=us"}, 400, "parameters"),
    (("schedules", "daily", "runs"), {"parameter": {"region": "us"}}, 400, "parameter"),
    # backfills: bounded, aware date-times
    (("schedules", "daily", "backfill"), {"start": "0001-01-01", "end": "2026-01-02"}, 400, "start"),
    (("schedules", "daily", "backfill"), {"start": "2026-01-01", "end": "9999-12-31T23:59:59-23:59"}, 400, "end"),
    (("schedules", "daily", "backfill"), {"start": "2026-01-01T00:00:00", "end": "2026-01-02"}, 400, "start"),
    (("schedules", "daily", "backfill"), {"start": 20260101, "end": "2026-01-02"}, 400, "start"),
    (
        ("schedules", "daily", "backfill"),
        {"start": "\uff12\uff10\uff12\uff16-01-01", "end": "2026-01-02"},
        400,
        "start",
    ),
    # test runs: the notebook must be inside the root
    (("test-runs",), {"spec": spec(notebook="../outside/x.ipynb")}, 400, "/notebook"),
    (("test-runs",), {"spec": spec(notebook="a\x00b.ipynb")}, 400, "/notebook"),
    (("test-runs",), {"spec": spec(notebook=".GIT/x.ipynb")}, 400, "/notebook"),
    (("test-runs",), {"spec": spec(cron="\u00b2 * * * *")}, 400, "/cron"),
    (("test-runs",), {"spec": spec(inputs=[{"connection": "warehouse", "table": "t"}] * 501)}, 400, "spec/inputs"),
    (("spec", "check"), {"spec": spec(inputs=[{"connection": "warehouse", "table": "t"}] * 501)}, 400, "spec/inputs"),
    (("spec", "check"), {"nospec": 1}, 400, "spec"),
    # local-branch review: files inside the repository, never under .git
    (
        ("review", "local-branch"),
        {"branch": "nbschedule/x", "message": "m", "files": {".GIT/hooks/post-commit": "#!/bin/sh\nid\n"}},
        400,
        "files/.GIT/hooks/post-commit",
    ),
    (
        ("review", "local-branch"),
        {"branch": "nbschedule/x", "message": "m", "files": {"a/.Git/config": "x"}},
        400,
        "files/a/.Git/config",
    ),
    (
        ("review", "local-branch"),
        {"branch": "nbschedule/x", "message": "m", "files": {"a\x00b.json": "x"}},
        400,
        "files/a\\0b.json",
    ),
    (
        ("review", "local-branch"),
        {"branch": "nbschedule/x", "message": "m", "files": {"../up.json": "x"}},
        400,
        "files/../up.json",
    ),
    (
        ("review", "local-branch"),
        {"branch": "nbschedule/x", "message": "m", "files": {"/etc/x.json": "x"}},
        400,
        "files//etc/x.json",
    ),
    (
        ("review", "local-branch"),
        {"branch": "nbschedule/x", "message": "m", "files": {"a\\b.json": "x"}},
        400,
        "files/a\\b.json",
    ),
    (
        ("review", "local-branch"),
        {"branch": "nbschedule/x", "message": "m", "files": {f"f{i}.json": "x" for i in range(101)}},
        400,
        "files",
    ),
    (("review", "local-branch"), {"branch": "-x", "message": "m", "files": {"a.json": "x"}}, 400, "branch"),
]


@pytest.mark.parametrize("path, body, code, field", FIELD_CASES, ids=range(len(FIELD_CASES)))
async def test_bad_fields_are_4xx_naming_the_field(jp_fetch, jp_root_dir, schedules, path, body, code, field):
    await scheduled(jp_fetch)
    before = await snapshot(jp_fetch, jp_root_dir)
    got, reply = await raw(jp_fetch, *path, method="POST", body=json.dumps(body).encode())
    assert (got, reply["field"]) == (code, field), reply
    assert "Traceback" not in reply["message"] and reply["message"].strip()
    assert await snapshot(jp_fetch, jp_root_dir) == before
    if path[0] == "review":
        assert not (jp_root_dir / ".git" / "hooks" / "post-commit").exists()


async def test_the_injection_name_never_reaches_a_notebook_and_good_overrides_do(jp_fetch, schedules):
    await scheduled(jp_fetch)
    got, reply = await raw(
        jp_fetch,
        "schedules",
        "daily",
        "runs",
        method="POST",
        body=json.dumps({"parameters": {"x = 1\nprint('INJECTED')\ny": 1}}).encode(),
    )
    assert got == 400 and "not a Python identifier" in reply["message"]
    got, run = await raw(
        jp_fetch,
        "schedules",
        "daily",
        "runs",
        method="POST",
        body=json.dumps({"parameters": {"region": "us"}}).encode(),
    )
    assert got == 201 and run["trigger"] == "manual"
