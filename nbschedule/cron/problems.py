"""Everything wrong with a spec's timing and parameter names, by JSON pointer.

Fields that are not strings are left to the JSON Schema, which reports them already.
"""

from __future__ import annotations

from typing import Any

from .firetimes import UnknownTimezoneError, zone_for
from .names import ParameterNameError, check_parameter_name
from .syntax import CronSyntaxError, check_cron


def timing_problems(spec: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON pointer, message) for a cron or a time zone that cannot be scheduled."""
    problems = []
    if isinstance(spec.get("cron"), str):
        try:
            check_cron(spec["cron"])
        except CronSyntaxError as error:
            problems.append(("/cron", str(error)))
    if isinstance(spec.get("timezone"), str):
        try:
            zone_for(spec["timezone"])
        except UnknownTimezoneError as error:
            problems.append(("/timezone", str(error)))
    return problems


def parameter_name_problems(spec: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON pointer, message) for every parameter name that cannot be injected."""
    problems = []
    parameters = spec.get("parameters")
    for index, parameter in enumerate(parameters if isinstance(parameters, list) else []):
        if isinstance(parameter, dict) and isinstance(parameter.get("name"), str):
            try:
                check_parameter_name(parameter["name"])
            except ParameterNameError as error:
                problems.append((f"/parameters/{index}/name", str(error)))
    return problems
