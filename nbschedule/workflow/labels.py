"""Names of a workflow's runs, shared by the embedded runner and the Airflow tasks (so
standard library only: a DAG file's tasks build them while it is parsed)."""

from __future__ import annotations

import json
from typing import Any


def item_label(parameters: dict[str, Any]) -> str:
    """How a fan-out item is named in lists and in Airflow's map index: ``region=fr, tier=1``."""

    def shown(value: Any) -> str:
        return value if isinstance(value, str) else json.dumps(value, sort_keys=True, ensure_ascii=False)

    return ", ".join(f"{name}={shown(value)}" for name, value in parameters.items())


def node_run_id(parent_run_id: str, node_id: str, index: int | None) -> str:
    """The run store id of one node run (`index` for a fan-out item): beside its parent's."""
    return f"{parent_run_id}.{node_id}" + ("" if index is None else f".{index}")
