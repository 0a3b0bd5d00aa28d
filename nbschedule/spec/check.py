"""Everything wrong with a spec, as the wizard shows it: schema, cron, time zone, zone policy.

One pass, so the wizard can mark every field at once; each problem carries the JSON
pointer of the field it concerns.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..scheduler import CronSyntaxError, UnknownTimezoneError, check_cron, zone_for
from ..zones import category_of, check_zone
from ..zones.catalogue import registered_category
from .validate import validate_spec


FIRST_YEAR, LAST_YEAR = 1900, 9998


def _timing_problems(spec: dict[str, Any]) -> list[dict[str, str]]:
    problems = []
    if isinstance(spec.get("cron"), str):
        try:
            check_cron(spec["cron"])
        except CronSyntaxError as error:
            problems.append({"path": "/cron", "message": str(error), "kind": "cron"})
    if isinstance(spec.get("timezone"), str):
        try:
            zone_for(spec["timezone"])
        except UnknownTimezoneError as error:
            problems.append({"path": "/timezone", "message": str(error), "kind": "timezone"})
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


def _dataset_categories(spec: dict[str, Any], catalogue: dict[str, Any]) -> list[dict[str, str]]:
    # An output the catalogue does not list is written under the zone's own category.
    zone = catalogue["zones"].get(spec.get("zone"))
    found = []
    for side in ("inputs", "outputs"):
        for index, dataset in enumerate(spec.get(side) or []):
            if not (isinstance(dataset, dict) and {"connection", "table"} <= dataset.keys()):
                continue
            category = registered_category(catalogue, dataset["connection"], dataset["table"])
            if category is None:
                new_output = side == "outputs" and zone is not None
                category = zone["writes"] if new_output else category_of(catalogue, dataset["connection"], dataset["table"])
            found.append({"path": f"/{side}/{index}", "category": category})
    return found


def check_spec(spec: Any, catalogue: dict[str, Any]) -> dict[str, Any]:
    """{"problems": [{path, message, kind}], "datasets": [{path, category}]}."""
    if not isinstance(spec, dict):
        return {"problems": [{"path": "", "message": "A spec is a JSON object.", "kind": "schema"}], "datasets": []}
    problems = [{**error.to_json(), "kind": "schema"} for error in validate_spec(spec)]
    problems += _timing_problems(spec)
    schema_broken_paths = {problem["path"] for problem in problems}
    if "/zone" not in schema_broken_paths and isinstance(spec.get("zone"), str):
        problems += [
            {**violation.to_json(), "kind": f"zone_{violation.kind}"}
            for violation in check_zone(spec, catalogue)
        ]
    return {"problems": problems, "datasets": _dataset_categories(spec, catalogue)}
