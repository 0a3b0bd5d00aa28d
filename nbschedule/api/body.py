"""Request bodies: strict UTF-8 JSON, no NaN or Infinity, bounded nesting, an object at the top."""

from __future__ import annotations

import json
import math
from typing import Any

from .errors import ApiError


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"{text} is too large for a number")
    return value


def _check_nesting(value: Any, max_depth: int) -> None:
    """Depth and text of every value, without recursion (a deep body must not exhaust the stack)."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, (dict, list)):
            if depth > max_depth:
                raise ApiError(
                    400, f"The request body nests arrays and objects deeper than {max_depth} levels.", "body"
                )
            children = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in children:
                if isinstance(key, str):
                    pending.append((key, depth))
                pending.append((child, depth + 1))
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise ApiError(
                    400,
                    "The request body holds a lone surrogate escape (\\ud800-\\udfff); text must be valid Unicode.",
                    "body",
                ) from None


def parse_json(data: bytes, max_depth: int) -> Any:
    """The body's JSON value; raises ApiError 400 for anything but UTF-8 JSON within limits."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ApiError(400, f"The request body is not UTF-8 (byte {error.start}).", "body") from None
    if not text.strip():
        raise ApiError(400, "The request body is empty; send a JSON object.", "body")
    try:
        value = json.loads(text, parse_constant=_constant, parse_float=_finite)
    except RecursionError:
        raise ApiError(
            400, f"The request body nests arrays and objects deeper than {max_depth} levels.", "body"
        ) from None
    except json.JSONDecodeError as error:
        raise ApiError(
            400, f"The request body is not valid JSON ({error.msg}, at character {error.pos}).", "body"
        ) from None
    except ValueError as error:  # NaN, Infinity, an integer of more than 4300 digits
        raise ApiError(400, f"The request body is not valid JSON ({error}).", "body") from None
    _check_nesting(value, max_depth)
    return value


def parse_json_object(data: bytes, max_depth: int) -> dict[str, Any]:
    value = parse_json(data, max_depth)
    if not isinstance(value, dict):
        raise ApiError(400, f"The request body must be a JSON object, not {_kind(value)}.", "body")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array"}[type(value)]
