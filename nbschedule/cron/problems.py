"""Everything wrong with a spec's timing and parameter names, by JSON pointer."""

from __future__ import annotations

from typing import Any

from .names import ParameterNameError, check_parameter_name
from .syntax import CronSyntaxError, check_cron


def cron_problems(spec: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON pointer, message) for the cron and every parameter name that cannot be used."""
    problems = []
    if isinstance(spec.get("cron"), str):
        try:
            check_cron(spec["cron"])
        except CronSyntaxError as error:
            problems.append(("/cron", str(error)))
    parameters = spec.get("parameters")
    for index, parameter in enumerate(parameters if isinstance(parameters, list) else []):
        if isinstance(parameter, dict) and isinstance(parameter.get("name"), str):
            try:
                check_parameter_name(parameter["name"])
            except ParameterNameError as error:
                problems.append((f"/parameters/{index}/name", str(error)))
    return problems
