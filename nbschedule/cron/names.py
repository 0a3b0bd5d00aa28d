"""Parameter names: each becomes ``name = value`` in the injected cell, so it must be a
plain ASCII Python identifier that is not a keyword, or the cell would run other code."""

from __future__ import annotations

import keyword
import re
from typing import Any

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")


class ParameterNameError(ValueError):
    """A name that cannot be injected; str() is the user-facing reason."""


def check_parameter_name(name: Any) -> str:
    if not isinstance(name, str) or not _IDENTIFIER.fullmatch(name):
        shown = repr(name)[:60]
        raise ParameterNameError(
            f"Parameter name {shown} is not a Python identifier (letters, digits and _, "
            "not starting with a digit, at most 100 characters)."
        )
    if keyword.iskeyword(name):
        raise ParameterNameError(f"Parameter name '{name}' is a Python keyword.")
    return name
