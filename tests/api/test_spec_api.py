"""The wizard's spec check and zone list, as the wizard calls them."""

import json

import pytest
from tornado.httpclient import HTTPClientError


def good_spec(**changes):
    spec = {
        "version": 1,
        "name": "daily_revenue",
        "notebook": "daily_revenue.ipynb",
        "cron": "0 6 * * *",
        "timezone": "Europe/Berlin",
        "start_date": "2026-01-01",
        "zone": "analytics",
        "owner": "ana",
        "inputs": [{"connection": "warehouse", "table": "orders"}],
        "outputs": [{"connection": "warehouse", "table": "daily_revenue"}],
    }
    spec.update(changes)
    return spec


async def check(jp_fetch, spec):
    response = await jp_fetch("nbschedule", "spec", "check", method="POST", body=json.dumps({"spec": spec}))
    return json.loads(response.body)


async def test_a_good_spec_has_no_problems_and_named_categories(jp_fetch):
    body = await check(jp_fetch, good_spec())
    assert body["problems"] == []
    assert body["datasets"] == [
        {"path": "/inputs/0", "category": "internal"},
        {"path": "/outputs/0", "category": "aggregate"},
    ]


async def test_reading_personal_data_in_analytics_is_a_zone_problem(jp_fetch):
    spec = good_spec(inputs=[{"connection": "warehouse", "table": "customers"}])
    body = await check(jp_fetch, spec)
    assert [(p["path"], p["kind"]) for p in body["problems"]] == [("/inputs/0", "zone_read")]
    assert "customer_pii" in body["problems"][0]["message"]


async def test_schema_cron_and_timezone_problems_come_together(jp_fetch):
    spec = good_spec(cron="61 * * * *", timezone="Mars/Base", retries=-1)
    del spec["owner"]
    body = await check(jp_fetch, spec)
    found = {(p["path"], p["kind"]) for p in body["problems"]}
    assert found == {
        ("/owner", "schema"),
        ("/retries", "schema"),
        ("/cron", "cron"),
        ("/timezone", "timezone"),
    }


async def test_unknown_zone(jp_fetch):
    body = await check(jp_fetch, good_spec(zone="moon"))
    assert [p["kind"] for p in body["problems"]] == ["zone_unknown_zone"]
    assert "analytics" in body["problems"][0]["message"]


@pytest.mark.parametrize("payload", [b"{", b"[]", b'{"nospec": 1}'])
async def test_malformed_requests_are_400s(jp_fetch, payload):
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch("nbschedule", "spec", "check", method="POST", body=payload)
    assert error.value.code == 400
    assert "message" in json.loads(error.value.response.body)


async def test_zones_list_the_demo_catalogue(jp_fetch):
    response = await jp_fetch("nbschedule", "zones")
    body = json.loads(response.body)
    names = [zone["name"] for zone in body["zones"]]
    assert names == ["analytics", "customer_care"]
    assert body["zones"][0]["writes"] == "aggregate"
    assert "customer_pii" in body["categories"]


async def test_a_broken_workspace_catalogue_is_a_clear_500(jp_fetch, jp_root_dir):
    (jp_root_dir / ".nbschedule").mkdir(exist_ok=True)
    (jp_root_dir / ".nbschedule" / "zones.json").write_text("{not json")
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch("nbschedule", "zones")
    assert error.value.code == 500
    assert json.loads(error.value.response.body)["message"].startswith("The zone catalogue cannot be used")
