"""Bad query values and ids on every endpoint that takes them: 4xx naming the field, nothing changed."""

from __future__ import annotations

import base64
import json

import pytest
from input_helpers import names_field, raw, scheduled, snapshot

HUGE = "9" * 23
YEAR_ONE = "0001-01-01T00:00:00+23:59"
YEAR_9999 = "9999-12-31T23:59:59-23:59"


def unsigned_cursor(when, run_pk) -> str:
    """A cursor in the shape of a genuine one, without the server's signature."""
    return base64.urlsafe_b64encode(json.dumps([when, run_pk]).encode()).decode().rstrip("=")


CASES = [
    # non-ASCII digits
    ("cron/next", {"cron": "\uff11 * * * *"}, 400, "cron"),
    ("cron/next", {"cron": "\u0663 * * * *"}, 400, "cron"),
    ("cron/next", {"cron": "\u00b2 * * * *"}, 400, "cron"),
    ("cron/next", {"cron": "*/\u00b2 * * * *"}, 400, "cron"),
    ("cron/next", {"cron": "0 0 31 2 *"}, 400, "cron"),
    ("cron/next", {"cron": "0 6 * * *", "count": "\u00b2"}, 400, "count"),
    ("cron/next", {"cron": "0 6 * * *", "count": "\uff15"}, 400, "count"),
    ("runs", {"limit": "\u00b2"}, 400, "limit"),
    ("runs", {"limit": "\u0663"}, 400, "limit"),
    ("notifications", {"after": "\u00b2"}, 400, "after"),
    # out-of-range numbers
    ("cron/next", {"cron": "0 6 * * *", "count": "10" + "0" * 30}, 400, "count"),
    ("cron/next", {"cron": "0 6 * * *", "count": "-1"}, 400, "count"),
    ("runs", {"limit": "10" + "0" * 30}, 400, "limit"),
    ("runs", {"limit": "Infinity"}, 400, "limit"),
    ("notifications", {"after": "1" + "0" * 30}, 400, "after"),
    ("notifications", {"after": "-5"}, 400, "after"),
    ("notifications", {"after": "NaN"}, 400, "after"),
    # date-times: naive, year 1, 9999, extreme offsets, not ASCII
    ("cron/next", {"cron": "0 6 * * *", "after": "2026-01-01T00:00:00"}, 400, "after"),
    ("cron/next", {"cron": "0 6 * * *", "after": YEAR_ONE}, 400, "after"),
    ("cron/next", {"cron": "0 6 * * *", "after": YEAR_9999}, 400, "after"),
    ("cron/next", {"cron": "0 6 * * *", "after": "9999-12-31T23:00:00+00:00"}, 400, "after"),
    ("runs", {"since": YEAR_ONE}, 400, "since"),
    ("runs", {"since": "0001-01-01"}, 400, "since"),
    ("runs", {"until": YEAR_9999}, 400, "until"),
    ("runs", {"until": "9999-12-31"}, 400, "until"),
    ("runs", {"since": "\uff12\uff10\uff12\uff16-01-01"}, 400, "since"),
    ("runs", {"since": "2026-01-01T00:00:00"}, 400, "since"),
    # cursors: forged, naive, huge, infinite, year 1
    ("runs", {"cursor": unsigned_cursor("2026-01-01T00:00:00", 1)}, 400, "cursor"),
    ("runs", {"cursor": unsigned_cursor("2026-01-01T00:00:00+00:00", 10**30)}, 400, "cursor"),
    ("runs", {"cursor": unsigned_cursor("0001-01-01T00:00:00+00:00", 1)}, 400, "cursor"),
    ("runs", {"cursor": unsigned_cursor("2026-01-01T00:00:00+00:00", 1) + ".AAAAAAAAAAAAAAAAAAAAAA"}, 400, "cursor"),
    ("runs", {"cursor": "eyJhIjogSW5maW5pdHl9"}, 400, "cursor"),
    ("runs", {"cursor": "x" * 5000}, 400, "cursor"),
    # text filters
    ("runs", {"q": "x" * 5000}, 400, "q"),
    ("runs", {"status": "queued,\u00b2"}, 400, "status"),
]


@pytest.mark.parametrize("path, params, code, field", CASES)
async def test_bad_query_values_are_4xx_naming_the_field(jp_fetch, jp_root_dir, schedules, path, params, code, field):
    await scheduled(jp_fetch)
    before = await snapshot(jp_fetch, jp_root_dir)
    got, body = await raw(jp_fetch, *path.split("/"), params=params)
    assert (got, body["field"]) == (code, field), body
    assert names_field(body["message"], field), body["message"]
    assert "Traceback" not in body["message"]
    assert await snapshot(jp_fetch, jp_root_dir) == before


@pytest.mark.parametrize(
    "method, suffix", [("GET", ()), ("POST", ("rerun",)), ("POST", ("cancel",)), ("POST", ("debug",))]
)
@pytest.mark.parametrize("run_id", [HUGE, "9223372036854775808", "0"])
async def test_run_ids_that_cannot_exist_are_404_not_an_overflow(
    jp_fetch, jp_root_dir, schedules, method, suffix, run_id
):
    await scheduled(jp_fetch)
    before = await snapshot(jp_fetch, jp_root_dir)
    got, body = await raw(jp_fetch, "runs", run_id, *suffix, method=method, body=b"" if method == "POST" else None)
    assert (got, body["field"]) == (404, "id")
    assert "no run with id" in body["message"]
    assert await snapshot(jp_fetch, jp_root_dir) == before


async def test_a_cursor_handed_out_pages_on_and_an_edited_one_is_refused(jp_fetch, schedules):
    await scheduled(jp_fetch)
    code, created = await raw(
        jp_fetch,
        "schedules",
        "daily",
        "backfill",
        method="POST",
        body=json.dumps({"start": "2026-01-01", "end": "2026-01-03T23:59:59+00:00"}).encode(),
    )
    assert code == 201 and len(created["created"]) == 3
    code, first = await raw(jp_fetch, "runs", params={"limit": "1"})
    assert code == 200 and first["next_cursor"]
    code, second = await raw(jp_fetch, "runs", params={"limit": "1", "cursor": first["next_cursor"]})
    assert code == 200 and second["runs"][0]["id"] != first["runs"][0]["id"]
    payload, _, signature = first["next_cursor"].partition(".")
    replay = unsigned_cursor("2099-01-01T00:00:00+00:00", 10**6)
    for edited in (f"{replay}.{signature}", payload, f"{payload}.{signature[::-1]}"):
        code, body = await raw(jp_fetch, "runs", params={"cursor": edited})
        assert (code, body["field"]) == (400, "cursor")
