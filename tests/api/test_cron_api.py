"""The fire-time preview endpoint as the wizard calls it."""

import json

import pytest
from tornado.httpclient import HTTPClientError


async def get_json(jp_fetch, *path, **params):
    response = await jp_fetch("nbschedule", *path, params=params)
    return json.loads(response.body)


async def client_error(jp_fetch, *path, **params):
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch("nbschedule", *path, params=params)
    return error.value.code, json.loads(error.value.response.body)


async def test_next_fire_times_across_spring_forward(jp_fetch):
    body = await get_json(
        jp_fetch,
        "cron",
        "next",
        cron="30 2 * * *",
        timezone="Europe/Berlin",
        count="2",
        after="2026-03-28T12:00:00+00:00",
    )
    assert body == {
        "cron": "30 2 * * *",
        "timezone": "Europe/Berlin",
        "next": ["2026-03-29T03:30:00+02:00", "2026-03-30T02:30:00+02:00"],
    }


async def test_default_count_is_five(jp_fetch):
    body = await get_json(jp_fetch, "cron", "next", cron="0 6 * * *", timezone="UTC")
    assert len(body["next"]) == 5


async def test_bad_cron_is_a_400_naming_the_field(jp_fetch):
    status, body = await client_error(jp_fetch, "cron", "next", cron="61 * * * *", timezone="UTC")
    assert status == 400
    assert body == {"message": "Field 1 (minute): 61 is out of range 0–59.", "field": "cron"}


async def test_unknown_timezone_is_a_400_naming_the_field(jp_fetch):
    status, body = await client_error(jp_fetch, "cron", "next", cron="0 6 * * *", timezone="Nowhere/City")
    assert status == 400
    assert body["field"] == "timezone"
    assert "Unknown time zone 'Nowhere/City'" in body["message"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"count": "0"}, "count"),
        ({"count": "51"}, "count"),
        ({"count": "many"}, "count"),
        ({"after": "yesterday"}, "after"),
        ({"after": "2026-01-01T00:00:00"}, "after"),
    ],
)
async def test_bad_parameters_are_400s(jp_fetch, params, field):
    status, body = await client_error(jp_fetch, "cron", "next", cron="0 6 * * *", **params)
    assert status == 400
    assert body["field"] == field
    assert "Traceback" not in body["message"]


async def test_timezones_lists_iana_names(jp_fetch):
    body = await get_json(jp_fetch, "timezones")
    assert "Europe/Berlin" in body["timezones"]
    assert "UTC" in body["timezones"]
    assert body["timezones"] == sorted(body["timezones"])


async def test_requests_without_a_token_are_refused(jp_fetch, jp_serverapp, http_server_client):
    response = await http_server_client.fetch(jp_serverapp.base_url + "nbschedule/timezones", raise_error=False)
    assert response.code == 403
