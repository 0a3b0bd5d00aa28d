"""Every golden spec is a valid schedule spec, so the golden DAGs show real cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nbschedule.spec import validate_spec

SPECS = sorted((Path(__file__).resolve().parents[2] / "tests" / "golden" / "specs").glob("*.json"))


def test_there_are_golden_specs():
    assert {path.stem for path in SPECS} >= {"minimal", "full", "catchup_all", "tricky_strings"}


@pytest.mark.parametrize("path", SPECS, ids=lambda path: path.stem)
def test_golden_spec_is_valid(path):
    assert validate_spec(json.loads(path.read_text(encoding="utf-8"))) == []
