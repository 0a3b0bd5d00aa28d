"""One poisoned spec file among twenty: the other nineteen fire on time, the bad one is
listed with its error, and deleting or fixing it needs no restart."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from scheduler_helpers import make_spec, write_spec
from test_timing_dst import logical_dates, run_clock, timer_for

START = datetime(2026, 6, 1, tzinfo=timezone.utc)
POISONS = {
    "fullwidth digit": ({"cron": "\uff11 * * * *"}, "fullwidth digit one"),
    "arabic-indic digit": ({"cron": "\u0663 * * * *"}, "arabic-indic digit three"),
    "superscript": ({"cron": "\u00b2 * * * *"}, "superscript two"),
    "never fires": ({"cron": "0 0 31 2 *"}, "never fires"),
    "notebook outside": ({"notebook": "../outside/x.ipynb"}, "/notebook"),
    "notebook in .git": ({"notebook": ".GIT/hooks/x.ipynb"}, ".git folder"),
    "keyword parameter": ({"parameters": [{"name": "class", "type": "int", "value": 1}]}, "Python keyword"),
}
RAW_POISONS = {
    "binary": (b"\xff\xfe\x00garbage", "not valid JSON"),
    "deep": (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
    "array": (b"[]", "must hold a JSON object"),
}


def twenty(root, poison_file: str) -> list[str]:
    names = [f"s{index:02d}" for index in range(20) if f"s{index:02d}.json" != poison_file]
    for index, name in enumerate(names):
        write_spec(root, make_spec(name, cron=f"{index} * * * *", start_date="2026-06-01"))
    return names


def assert_on_time(timer, names: list[str], hours: int) -> None:
    for index, name in enumerate(names):
        assert logical_dates(timer, name) == [START + timedelta(hours=h, minutes=index) for h in range(hours)], name


def poison(root, kind: str) -> None:
    if kind in POISONS:
        write_spec(root, make_spec("s07", **{"cron": "0 * * * *", **POISONS[kind][0]}), "s07.json")
    else:
        (root / "schedules" / "s07.json").write_bytes(RAW_POISONS[kind][0])


@pytest.mark.parametrize("kind", [*POISONS, *RAW_POISONS])
def test_one_poisoned_spec_never_stops_the_other_nineteen(root, kind):
    names = twenty(root, "s07.json")
    poison(root, kind)
    timer = timer_for(root)
    run_clock(timer, START, START + timedelta(hours=2, minutes=59), timedelta(minutes=1))
    assert_on_time(timer, names, 3)
    words = (POISONS.get(kind) or RAW_POISONS[kind])[1]
    assert list(timer.specs.errors) == ["s07.json"] and words in timer.specs.errors["s07.json"]
    assert logical_dates(timer, "s07") == []

    # Deleting it is picked up by the next reload, with no restart.
    (root / "schedules" / "s07.json").unlink()
    later = START + timedelta(hours=3)
    run_clock(timer, later, later + timedelta(minutes=59), timedelta(minutes=1))
    assert timer.specs.errors == {}
    assert_on_time(timer, names, 4)

    # So is a fixed version of it.
    write_spec(root, make_spec("s07", cron="30 * * * *", start_date="2026-06-01"))
    fixed = START + timedelta(hours=4)
    run_clock(timer, fixed, fixed + timedelta(minutes=59), timedelta(minutes=1))
    assert logical_dates(timer, "s07") == [fixed + timedelta(minutes=30)]
    assert_on_time(timer, names, 5)


def test_a_good_schedule_edited_into_a_bad_one_stops_alone_and_comes_back_when_fixed(root):
    names = twenty(root, "")
    timer = timer_for(root)
    run_clock(timer, START, START + timedelta(minutes=59), timedelta(minutes=1))
    path = root / "schedules" / "s03.json"
    good = json.loads(path.read_text())
    path.write_text(json.dumps({**good, "cron": "\uff13 * * * *"}))
    run_clock(timer, START + timedelta(hours=1), START + timedelta(hours=1, minutes=59), timedelta(minutes=1))
    assert "s03.json" in timer.specs.errors
    others = [name for name in names if name != "s03"]
    for name in others:
        assert len(logical_dates(timer, name)) == 2, name
    assert len(logical_dates(timer, "s03")) == 1
    path.write_text(json.dumps(good))
    run_clock(timer, START + timedelta(hours=2), START + timedelta(hours=2, minutes=59), timedelta(minutes=1))
    assert timer.specs.errors == {}
    assert logical_dates(timer, "s03") == [START + timedelta(hours=h, minutes=3) for h in (0, 2)]
