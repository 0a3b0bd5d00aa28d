"""Validate a schedule spec against the JSON Schema, with precise, readable errors."""

from __future__ import annotations

import copy
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator
from jsonschema.exceptions import ValidationError

from .workflow import workflow_problems

SCHEMA_PATH = Path(__file__).with_name("schedule.schema.json")
SCHEMA: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
_VALIDATOR = Draft7Validator(SCHEMA)


@dataclass(frozen=True)
class SpecError:
    """One problem: where (a JSON pointer like /inputs/0/table) and why."""

    path: str
    message: str

    def to_json(self) -> dict[str, str]:
        return asdict(self)


class SpecInvalid(ValueError):
    def __init__(self, errors: list[SpecError]):
        self.errors = errors
        super().__init__("; ".join(f"{e.path or '/'}: {e.message}" for e in errors))


def _pointer(parts) -> str:
    return "".join(f"/{part}" for part in parts)


def _describe(error: ValidationError) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    validator = error.validator
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"'{missing}' is required"
    if validator == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "Unknown field")
    if validator == "pattern" and "description" in schema:
        return f"{error.instance!r} does not fit: {schema['description']}"
    if validator == "enum":
        allowed = ", ".join(repr(v) for v in schema.get("enum", []))
        return f"{error.instance!r} is not one of {allowed}"
    if validator == "oneOf" and isinstance(error.instance, dict):
        return (
            f"{error.instance.get('type')!r} is not a known notification target (webhook or email) "
            "or misses its address"
        )
    return error.message


# The wizard and the DAG generator read specs in JavaScript, whose numbers are doubles.
_JS_SAFE_INTEGER = 2**53 - 1
_INEXACT = (
    "{value} is beyond the integers the wizard and the generated DAG carry exactly "
    f"(±{_JS_SAFE_INTEGER}); write it as a string"
)


def _inexact_integers(value: Any, path: list) -> list[tuple[list, int]]:
    if isinstance(value, int) and not isinstance(value, bool):
        return [(path, value)] if abs(value) > _JS_SAFE_INTEGER else []
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _inexact_integers(item, [*path, key])]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _inexact_integers(item, [*path, index])]
    return []


def validate_spec(spec: Any) -> list[SpecError]:
    """All schema violations of `spec`, ordered by location; [] when valid."""
    errors = sorted(_VALIDATOR.iter_errors(spec), key=lambda e: list(map(str, e.absolute_path)))
    found: list[SpecError] = []
    for error in errors:
        path = list(error.absolute_path)
        if error.validator == "required":
            missing = error.message.split("'")[1]
            path = [*path, missing]
        found.append(SpecError(_pointer(path), _describe(error)))
    found += [SpecError(_pointer(path), _INEXACT.format(value=value)) for path, value in _inexact_integers(spec, [])]
    # The graph is checked once its nodes fit the schema; other fields' errors do not hide it.
    if isinstance(spec, dict) and not any(error.path.startswith("/nodes") for error in found):
        found += [SpecError(path, message) for path, message in workflow_problems(spec)]
    return found


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    return SCHEMA["definitions"][ref.rsplit("/", 1)[-1]]


def _fill(instance: Any, schema: dict[str, Any]) -> None:
    schema = _resolve(schema)
    if isinstance(instance, dict):
        for key, prop in schema.get("properties", {}).items():
            prop = _resolve(prop)
            if key not in instance and "default" in prop:
                instance[key] = copy.deepcopy(prop["default"])
            if key in instance:
                _fill(instance[key], prop)
    elif isinstance(instance, list) and "items" in schema:
        for item in instance:
            _fill(item, schema["items"])


def with_defaults(spec: dict[str, Any]) -> dict[str, Any]:
    """A validated copy of `spec` with every schema default filled in; raises SpecInvalid."""
    errors = validate_spec(spec)
    if errors:
        raise SpecInvalid(errors)
    filled = copy.deepcopy(spec)
    _fill(filled, SCHEMA)
    return filled
