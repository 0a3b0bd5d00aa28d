"""``nbschedule.publish(name, value)``: a notebook hands a small JSON value to the nodes
downstream of it in a workflow (a row count, a path).

Runs inside the kernel, so it imports nothing but the standard library. The operator
tells the kernel where to write through ``NBSCHEDULE_PUBLISH_DIR`` (a folder of the run's
one writable folder); outside a scheduled run the value is checked and nothing is written,
so the notebook runs the same in JupyterLab.
"""

from __future__ import annotations

import json
import os
import re
from typing import Any

PUBLISH_DIR_VARIABLE = "NBSCHEDULE_PUBLISH_DIR"
# Which try of the run this is (1, 2, ...): a notebook may act on a retry, e.g. skip a cache.
ATTEMPT_VARIABLE = "NBSCHEDULE_ATTEMPT"
NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")
MAX_VALUE_BYTES = 16 * 1024
MAX_VALUES = 50


class PublishError(ValueError):
    """A value that cannot be published; says why."""


def encoded(name: Any, value: Any) -> bytes:
    """The file content for `value`; raises PublishError for a bad name, a value JSON cannot
    hold exactly (NaN, a set, an object) or one over the size cap."""
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise PublishError(f"Published name {name!r} is not a Python identifier (letters, digits and _).")
    try:
        text = json.dumps(value, allow_nan=False, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError) as error:
        raise PublishError(f"The value published as '{name}' is not plain JSON: {error}") from None
    data = text.encode("utf-8")
    if len(data) > MAX_VALUE_BYTES:
        raise PublishError(
            f"The value published as '{name}' takes {len(data)} bytes as JSON; at most "
            f"{MAX_VALUE_BYTES} may be published (publish a path to larger data instead)."
        )
    return data


def publish(name: str, value: Any) -> Any:
    """Publish `value` under `name` for downstream nodes; returns `value`."""
    data = encoded(name, value)
    folder = os.environ.get(PUBLISH_DIR_VARIABLE)
    if not folder:
        return value
    os.makedirs(folder, exist_ok=True)
    existing = {entry for entry in os.listdir(folder) if entry.endswith(".json")}
    if f"{name}.json" not in existing and len(existing) >= MAX_VALUES:
        raise PublishError(f"A run may publish at most {MAX_VALUES} values.")
    partial = os.path.join(folder, f".{name}.partial")
    with open(partial, "wb") as file:
        file.write(data)
    os.replace(partial, os.path.join(folder, f"{name}.json"))
    return value
