"""Parameters of a run, and their injection as papermill does it.

Values: an override (CLI ``-p``, a debug re-run) wins over the spec's ``template`` (a
per-run value), which wins over its fixed ``value``; a parameter with none of these is
not injected, so the notebook's own default in its ``parameters`` cell stands.

Injection, as papermill 2.7 does it so output notebooks read alike: a code cell tagged
``injected-parameters`` holding one ``name = literal`` line per value. It replaces an
existing injected cell where that stands (a notebook saved from an earlier run: moving it
would change what the notebook computes), else follows the cell tagged ``parameters``,
else goes on top. With no values nothing is injected, so execution counts stay as in
the source.
"""

from __future__ import annotations

import math
import uuid
from datetime import date, datetime
from typing import Any

import nbformat

from ..cron import next_fire_times, zone_for

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


def resolve_parameters(
    spec: dict[str, Any], templates: dict[str, Any], overrides: dict[str, Any] | None
) -> dict[str, Any]:
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
        return _string_literal(value)
    if isinstance(value, (date, datetime)):
        return _string_literal(value.isoformat())
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(python_literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_string_literal(str(k))}: {python_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"Cannot inject a parameter of type {type(value).__name__}")


def _string_literal(text: str) -> str:
    """An ASCII-only double-quoted literal, escaped as papermill writes it: the injected
    cell then reads the same whatever encoding a viewer assumes."""
    escaped = text.encode("unicode_escape").decode("ascii")
    return '"' + escaped.replace('"', '\\"') + '"'


def parameters_source(values: dict[str, Any]) -> str:
    lines = ["# Parameters"] + [f"{name} = {python_literal(value)}" for name, value in values.items()]
    return "\n".join(lines) + "\n"


def _first_tagged(nb: nbformat.NotebookNode, tag: str) -> int | None:
    return next((index for index, cell in enumerate(nb.cells) if tag in cell.metadata.get("tags", [])), None)


def inject_parameters(nb: nbformat.NotebookNode, values: dict[str, Any]) -> tuple[int | None, str | None]:
    """Put the injected cell into `nb`; returns its index (None when `values` is empty)
    and a warning when it went on top."""
    if not values:
        return None, None
    cell = nbformat.v4.new_code_cell(source=parameters_source(values))
    cell.metadata["tags"] = [INJECTED_TAG]
    cell.id = uuid.uuid4().hex[:8]
    existing = _first_tagged(nb, INJECTED_TAG)
    if existing is not None:
        nb.cells[existing] = cell
        return existing, None
    tagged = _first_tagged(nb, PARAMETERS_TAG)
    if tagged is None:
        nb.cells.insert(0, cell)
        return 0, "The notebook has no cell tagged 'parameters'; the parameters were injected at the top."
    nb.cells.insert(tagged + 1, cell)
    return tagged + 1, None
