"""Property: no cron, cursor, query value or body the fuzzer makes gets a 500 or a traceback.

The test itself is synchronous so hypothesis can drive it; each request runs the real
server's event loop until its answer arrives.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from input_helpers import raw

from nbschedule.cron import ALIASES

FUZZ = settings(
    max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
DIGITS = st.sampled_from(list("0123456789\uff11\u0663\u00b2\u2075\u0967\U0001d7d8"))
CRON_ATOM = st.one_of(st.just("*"), st.text(DIGITS, min_size=1, max_size=4), st.sampled_from(["MON", "jan", "L", "?"]))
CRON_FIELD = st.builds(
    lambda a, b, step: a + (f"-{b}" if b else "") + (f"/{step}" if step else ""),
    CRON_ATOM,
    st.one_of(st.none(), st.text(DIGITS, min_size=1, max_size=3)),
    st.one_of(st.none(), st.text(DIGITS, min_size=1, max_size=3)),
)
CRONS = st.one_of(
    st.lists(CRON_FIELD, min_size=0, max_size=7).map(" ".join), st.sampled_from(list(ALIASES)), st.text(max_size=40)
)
NUMBERS = st.one_of(
    st.integers(-(10**40), 10**40).map(str),
    st.text(DIGITS, max_size=25),
    st.sampled_from(["Infinity", "NaN", "1e999", "0x10", " 5", "5 "]),
    st.text(max_size=20),
)
INSTANTS = st.one_of(
    st.datetimes().map(lambda d: d.isoformat()),
    st.builds(
        lambda d, h, m, sign: f"{d.isoformat()}{sign}{h:02d}:{m:02d}",
        st.datetimes(),
        st.integers(0, 23),
        st.integers(0, 59),
        st.sampled_from("+-"),
    ),
    st.dates().map(lambda d: d.isoformat()),
    st.text(max_size=30),
)
CURSORS = st.one_of(
    st.text(max_size=60),
    st.binary(max_size=60).map(lambda b: b.hex()),
    st.builds(lambda a, b: f"{a}.{b}", st.text(max_size=40), st.text(max_size=30)),
)
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=20,
)


def answer(jp_asyncio_loop, jp_fetch, *path, **options):
    code, body = jp_asyncio_loop.run_until_complete(raw(jp_fetch, *path, **options))
    assert code < 500, (path, options, code, body)
    if code >= 400:
        assert isinstance(body, dict) and body["message"] and "Traceback" not in body["message"], body
    return code, body


def test_fuzzed_crons_and_query_values_never_500(jp_asyncio_loop, jp_fetch, schedules):
    @FUZZ
    @given(cron=CRONS, zone=st.one_of(st.just("UTC"), st.text(max_size=20)), count=NUMBERS, after=INSTANTS)
    def cron_next(cron, zone, count, after):
        code, body = answer(
            jp_asyncio_loop,
            jp_fetch,
            "cron",
            "next",
            params={"cron": cron, "timezone": zone, "count": count, "after": after},
        )
        if code == 400:
            assert body["field"] in ("cron", "timezone", "count", "after")

    @FUZZ
    @given(limit=NUMBERS, since=INSTANTS, until=INSTANTS, cursor=CURSORS, after=NUMBERS, run_id=NUMBERS)
    def history(limit, since, until, cursor, after, run_id):
        code, body = answer(
            jp_asyncio_loop, jp_fetch, "runs", params={"limit": limit, "since": since, "until": until, "cursor": cursor}
        )
        if code == 400:
            assert body["field"] in ("limit", "since", "until", "cursor")
        answer(jp_asyncio_loop, jp_fetch, "notifications", params={"after": after})
        if run_id.isascii() and run_id.isdigit():
            answer(jp_asyncio_loop, jp_fetch, "runs", run_id)

    cron_next()
    history()


def test_fuzzed_bodies_never_500(jp_asyncio_loop, jp_fetch, schedules):
    @FUZZ
    @given(cron=CRONS, start=INSTANTS, end=INSTANTS, parameters=JSON_VALUES, junk=st.binary(max_size=200))
    def bodies(cron, start, end, parameters, junk):
        spec = {
            "version": 1,
            "name": "fuzz",
            "notebook": "daily.ipynb",
            "cron": cron,
            "timezone": "UTC",
            "start_date": "2026-01-01",
            "zone": "analytics",
            "owner": "ada",
        }
        code, body = answer(
            jp_asyncio_loop, jp_fetch, "spec", "check", method="POST", body=json.dumps({"spec": spec}).encode()
        )
        assert code == 200 and all(p["kind"] in ("schema", "cron") for p in body["problems"] if p["path"] == "/cron")
        answer(
            jp_asyncio_loop,
            jp_fetch,
            "schedules",
            "daily",
            "backfill",
            method="POST",
            body=json.dumps({"start": start, "end": end}).encode(),
        )
        answer(
            jp_asyncio_loop,
            jp_fetch,
            "schedules",
            "daily",
            "runs",
            method="POST",
            body=json.dumps({"parameters": parameters}).encode(),
        )
        for path in (("spec", "check"), ("review", "local-branch"), ("test-runs",)):
            answer(jp_asyncio_loop, jp_fetch, *path, method="POST", body=junk)

    bodies()
