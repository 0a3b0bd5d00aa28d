"""Loading a zone catalogue and finding a dataset's category."""

from __future__ import annotations

import json
import os
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

DEMO_CATALOGUE = Path(__file__).with_name("demo_catalogue.json")


class CatalogueInvalid(ValueError):
    """A catalogue file that is not valid JSON or lacks the expected shape."""


def _check_shape(catalogue: Any, source: str) -> dict[str, Any]:
    def fail(problem: str):
        raise CatalogueInvalid(f"{source}: {problem}")

    if not isinstance(catalogue, dict):
        fail("must be a JSON object")
    if not isinstance(catalogue.get("default_category"), str):
        fail("'default_category' must be a category name")
    if not isinstance(catalogue.get("categories"), dict):
        fail("'categories' must map category names to descriptions")
    if not isinstance(catalogue.get("zones"), dict):
        fail("'zones' must map zone names to their rules")
    for index, entry in enumerate(catalogue.get("datasets", [])):
        if not (
            isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("connection", "table", "category"))
        ):
            fail(f"datasets[{index}] needs string 'connection', 'table' and 'category'")
    for name, zone in catalogue["zones"].items():
        if not (
            isinstance(zone, dict) and isinstance(zone.get("may_read"), list) and isinstance(zone.get("writes"), str)
        ):
            fail(f"zone '{name}' needs a 'may_read' list and a 'writes' category")
    return catalogue


def load_catalogue(workspace: str | os.PathLike | None = None) -> dict[str, Any]:
    """``<workspace>/.nbschedule/zones.json`` when present, else the demo catalogue."""
    file = Path(workspace) / ".nbschedule" / "zones.json" if workspace is not None else None
    if file is None or not file.is_file():
        file = DEMO_CATALOGUE
    try:
        catalogue = json.loads(file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise CatalogueInvalid(f"{file}: not valid JSON ({error})") from None
    return _check_shape(catalogue, str(file))


def registered_category(catalogue: dict[str, Any], connection: str, table: str) -> str | None:
    """The category of the first dataset entry matching `connection`/`table`, or None."""
    for entry in catalogue.get("datasets", []):
        if fnmatchcase(connection, entry["connection"]) and fnmatchcase(table, entry["table"]):
            return entry["category"]
    return None


def category_of(catalogue: dict[str, Any], connection: str, table: str) -> str:
    """The category of dataset `connection`/`table`: first matching entry, else the default."""
    return registered_category(catalogue, connection, table) or catalogue["default_category"]
