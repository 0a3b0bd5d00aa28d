"""Parameters of a run, and their injection as papermill does it.

Values: an override (CLI ``-p``, a debug re-run) wins over the spec's ``template`` (a
per-run value), which wins over its fixed ``value``; a parameter with none of these is
not injected, so the notebook's own default in its ``parameters`` cell stands.

Injection: a code cell tagged ``injected-parameters`` right after the cell tagged
``parameters`` (at the top when there is none), holding one ``name = literal`` line per
value, so output notebooks read like papermill's.
"""

from __future__ import annotations

import json
import math
import uuid
from datetime import date, datetime
from typing import Any

import nbformat

from ..scheduler import next_fire_times, zone_for

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"


def template_values(spec: dict[str, Any], logical_date: datetime, run_id: str) -> dict[str, Any]:
    """The per-run values a parameter ``template`` may name, in the schedule's time zone."""
    local = logical_date.astimezone(zone_for(spec["timezone"]))
    values = {
        "logical_date": local.date().isoformat(),
        "logical_datetime": local.isoformat(),
        "data_interval_start": local.isoformat(),
        "run_id": run_id,
    }
    # Airflow's convention: the interval runs from the logical date to the next fire time.
    values["data_interval_end"] = next_fire_times(spec["cron"], spec["timezone"], logical_date, 1)[0].isoformat()
    return values


def resolve_parameters(spec: dict[str, Any], templates: dict[str, Any], overrides: dict[str, Any] | None) -> dict[str, Any]:
    """Name → value to inject, in spec order, overrides last."""
    values: dict[str, Any] = {}
    for parameter in spec.get("parameters", []):
        if "template" in parameter:
            values[parameter["name"]] = templates[parameter["template"]]
        elif "value" in parameter:
            values[parameter["name"]] = parameter["value"]
    values.update(overrides or {})
    return values


def default_parameters(spec: dict[str, Any]) -> dict[str, Any]:
    return {p["name"]: p["default"] for p in spec.get("parameters", []) if "default" in p}


def python_literal(value: Any) -> str:
    """`value` as Python source, as papermill's Python translator writes it."""
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else f"float({str(value)!r})"
    if isinstance(value, str):
        # JSON string escapes are all valid Python escapes; double quotes as papermill.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (date, datetime)):
        return json.dumps(value.isoformat())
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(python_literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{python_literal(k)}: {python_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"Cannot inject a parameter of type {type(value).__name__}")


def parameters_source(values: dict[str, Any]) -> str:
    lines = ["# Parameters"] + [f"{name} = {python_literal(value)}" for name, value in values.items()]
    return "\n".join(lines) + "\n"


def inject_parameters(nb: nbformat.NotebookNode, values: dict[str, Any]) -> tuple[int, str | None]:
    """Insert the injected cell into `nb`; returns its index and a warning when it went on top."""
    nb.cells = [cell for cell in nb.cells if INJECTED_TAG not in cell.metadata.get("tags", [])]
    cell = nbformat.v4.new_code_cell(source=parameters_source(values))
    cell.metadata["tags"] = [INJECTED_TAG]
    cell.id = uuid.uuid4().hex[:8]
    tagged = [index for index, c in enumerate(nb.cells) if PARAMETERS_TAG in c.metadata.get("tags", [])]
    if tagged:
        index, warning = tagged[0] + 1, None
    else:
        index = 0
        warning = "The notebook has no cell tagged 'parameters'; the parameters were injected at the top."
    nb.cells.insert(index, cell)
    return index, warning
