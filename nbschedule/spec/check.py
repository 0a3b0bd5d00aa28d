"""Everything wrong with a spec, as the wizard shows it: schema, cron, time zone, zone policy.

One pass, so the wizard can mark every field at once; each problem carries the JSON
pointer of the field it concerns.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..cron import parameter_name_problems, timing_problems
from ..zones import category_of, check_zone
from ..zones.catalogue import registered_category
from .paths import PathRefused, inside_root, relative_path_problem
from .validate import validate_spec
from .workflow import node_zone_problems

FIRST_YEAR, LAST_YEAR = 1900, 9998


def _timing_problems(spec: dict[str, Any], known: set[str]) -> list[dict[str, str]]:
    """Cron, parameter names and time zone; a field the schema already refused is not repeated."""
    problems = [
        {"path": path, "message": message, "kind": path[1:]}
        for path, message in timing_problems(spec)
        if path not in known
    ]
    problems += [
        {"path": path, "message": message, "kind": "parameter"}
        for path, message in parameter_name_problems(spec)
        if path not in known
    ]
    if isinstance(spec.get("start_date"), str) and len(spec["start_date"]) == 10:
        problem = _start_date_problem(spec["start_date"])
        if problem:
            problems.append({"path": "/start_date", "message": problem, "kind": "schema"})
    return problems


def _start_date_problem(text: str) -> str | None:
    """A start date the schema's pattern lets through but no calendar (or DAG) holds."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return f"'{text}' is not a date on the calendar."
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        # Local midnight of year 1 or 9999 falls outside what a date-time can hold in UTC.
        return f"The start date must be in the years {FIRST_YEAR} to {LAST_YEAR}."
    return None


def _dataset_categories(
    datasets_of: dict[str, Any], zone_name: Any, catalogue: dict[str, Any], at: str = ""
) -> list[dict[str, str]]:
    # An output the catalogue does not list is written under the zone's own category.
    zone = catalogue["zones"].get(zone_name) if isinstance(zone_name, str) else None
    found = []
    for side in ("inputs", "outputs"):
        datasets = datasets_of.get(side)
        for index, dataset in enumerate(datasets if isinstance(datasets, list) else []):
            if not (isinstance(dataset, dict) and {"connection", "table"} <= dataset.keys()):
                continue
            category = registered_category(catalogue, dataset["connection"], dataset["table"])
            if category is None:
                new_output = side == "outputs" and zone is not None
                category = (
                    zone["writes"] if new_output else category_of(catalogue, dataset["connection"], dataset["table"])
                )
            found.append({"path": f"{at}/{side}/{index}", "category": category})
    return found


def _all_dataset_categories(spec: dict[str, Any], catalogue: dict[str, Any]) -> list[dict[str, str]]:
    """The spec's datasets, then each node's under the zone the node runs in (its own, else the spec's)."""
    found = _dataset_categories(spec, spec.get("zone"), catalogue)
    nodes = spec.get("nodes")
    for index, node in enumerate(nodes if isinstance(nodes, list) else []):
        if isinstance(node, dict):
            found += _dataset_categories(node, node.get("zone", spec.get("zone")), catalogue, f"/nodes/{index}")
    return found


def _notebook_problems(spec: dict[str, Any], root: str | None, known: set[str]) -> list[dict[str, str]]:
    notebook = spec.get("notebook")
    if "/notebook" in known or not isinstance(notebook, str):
        return []
    try:
        if root is None:
            problem = relative_path_problem(notebook)
            if problem:
                raise PathRefused(problem)
        else:
            inside_root(root, notebook)
    except PathRefused as refused:
        return [{"path": "/notebook", "message": str(refused), "kind": "path"}]
    return []


def check_spec(spec: Any, catalogue: dict[str, Any], root: str | None = None) -> dict[str, Any]:
    """{"problems": [{path, message, kind}], "datasets": [{path, category}]}; with `root`, the
    notebook must also resolve inside it."""
    if not isinstance(spec, dict):
        return {"problems": [{"path": "", "message": "A spec is a JSON object.", "kind": "schema"}], "datasets": []}
    problems = [{**error.to_json(), "kind": "schema"} for error in validate_spec(spec)]
    problems += _timing_problems(spec, {problem["path"] for problem in problems})
    problems += _notebook_problems(spec, root, {problem["path"] for problem in problems})
    schema_broken_paths = {problem["path"] for problem in problems}
    if "/zone" not in schema_broken_paths and isinstance(spec.get("zone"), str):
        problems += [
            {**violation.to_json(), "kind": f"zone_{violation.kind}"} for violation in check_zone(spec, catalogue)
        ]
    if not any(path.startswith("/nodes") for path in schema_broken_paths):
        problems += node_zone_problems(spec, catalogue)
    return {"problems": problems, "datasets": _all_dataset_categories(spec, catalogue)}
