"""Each golden DAG is plain Python whose SPEC is exactly its spec with defaults filled.

Needs no Airflow: the file is only parsed, never run. Catches escaping mistakes that
would let a spec string change the DAG's code.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from nbschedule.spec import with_defaults

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "golden"
NAMES = sorted(path.stem for path in (GOLDEN / "specs").glob("*.json"))


@pytest.mark.parametrize("name", NAMES)
def test_dag_embeds_its_spec_and_nothing_else(name):
    spec = json.loads((GOLDEN / "specs" / f"{name}.json").read_text(encoding="utf-8"))
    module = ast.parse((GOLDEN / "dags" / f"{name}.py").read_text(encoding="ascii"))
    kinds = [type(node).__name__ for node in module.body]
    # Imports, one SPEC assignment and one `with DAG(...)` block: a spec string
    # that escaped its literal would add statements here.
    # A workflow's DAG imports its node operator too.
    own_imports = ["ImportFrom"] * (2 if "nodes" in spec else 1)
    assert kinds == ["ImportFrom", "Import", "Import", "ImportFrom", "ImportFrom", *own_imports, "Assign", "With"]
    (assign,) = [node for node in module.body if isinstance(node, ast.Assign)]
    assert [target.id for target in assign.targets] == ["SPEC"]
    assert ast.literal_eval(assign.value) == with_defaults(spec)
