"""The schedule spec: one JSON Schema, the single source of truth for both sides."""

from .validate import SCHEMA, SCHEMA_PATH, SpecError, SpecInvalid, validate_spec, with_defaults

__all__ = ["SCHEMA", "SCHEMA_PATH", "SpecError", "SpecInvalid", "validate_spec", "with_defaults"]
