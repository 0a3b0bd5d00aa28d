"""Published values: what a notebook may publish, and how the operator reads them back
from a run folder the kernel controlled (links, hard links, huge or non-JSON files)."""

from __future__ import annotations

import json
import os

import pytest

import nbschedule
from nbschedule.operator.published import read_published
from nbschedule.publishing import MAX_VALUE_BYTES, MAX_VALUES, PUBLISH_DIR_VARIABLE, PublishError


@pytest.fixture
def run_folder(tmp_path, monkeypatch):
    folder = tmp_path / "run"
    folder.mkdir()
    monkeypatch.setenv(PUBLISH_DIR_VARIABLE, str(folder / "published"))
    return folder


def test_published_values_come_back_as_json(run_folder):
    assert nbschedule.publish("rows", 123) == 123
    nbschedule.publish("path", "s3://bucket/day.parquet")
    nbschedule.publish("summary", {"regions": ["us", "eu"], "ratio": 0.5, "ok": True, "none": None})
    nbschedule.publish("rows", 124)  # published again: the last value stands
    assert read_published(run_folder) == (
        {
            "path": "s3://bucket/day.parquet",
            "rows": 124,
            "summary": {"none": None, "ok": True, "ratio": 0.5, "regions": ["us", "eu"]},
        },
        [],
    )


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("bad name", 1, "not a Python identifier"),
        ("../escape", 1, "not a Python identifier"),
        ("nan", float("nan"), "not plain JSON"),
        ("a_set", {1, 2}, "not plain JSON"),
        ("huge", "x" * MAX_VALUE_BYTES, "at most"),
    ],
)
def test_what_cannot_be_published_is_refused_in_the_notebook(run_folder, name, value, words):
    with pytest.raises(PublishError, match=words):
        nbschedule.publish(name, value)
    assert read_published(run_folder) == ({}, [])


def test_outside_a_run_publish_checks_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv(PUBLISH_DIR_VARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)
    assert nbschedule.publish("rows", 5) == 5
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(PublishError):
        nbschedule.publish("rows", float("inf"))


def test_a_run_may_publish_only_so_many_values(run_folder):
    for index in range(MAX_VALUES):
        nbschedule.publish(f"v{index}", index)
    with pytest.raises(PublishError, match=f"at most {MAX_VALUES}"):
        nbschedule.publish("one_more", 1)
    assert len(read_published(run_folder)[0]) == MAX_VALUES


def test_planted_files_are_refused_with_a_warning_never_followed(run_folder, tmp_path):
    secret = tmp_path / "secret.json"
    secret.write_text('"the server\'s secret"')
    published = run_folder / "published"
    published.mkdir()
    (published / "linked.json").symlink_to(secret)
    os.link(secret, published / "hardlinked.json")
    (published / "big.json").write_text(json.dumps("x" * MAX_VALUE_BYTES))
    (published / "broken.json").write_text("{not json")
    (published / "nan.json").write_text("NaN")
    (published / "fine.json").write_text("7")
    (published / "not-a-name.json").write_text("1")
    values, warnings = read_published(run_folder)
    assert values == {"fine": 7}
    assert sorted(w.split("'")[1] for w in warnings) == ["big", "broken", "hardlinked", "linked", "nan"]
    assert not any("secret" in warning for warning in warnings)


def test_a_published_folder_that_is_a_link_is_not_read(run_folder, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "rows.json").write_text("1")
    (run_folder / "published").symlink_to(elsewhere)
    values, warnings = read_published(run_folder)
    assert values == {} and "not a folder" in warnings[0]
