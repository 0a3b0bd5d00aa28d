"""Checking a schedule spec against its purpose policy zone."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .catalogue import category_of, registered_category


@dataclass(frozen=True)
class ZoneViolation:
    """One broken rule: where in the spec (JSON pointer), why, and which kind of rule."""

    path: str
    message: str
    kind: str  # "unknown_zone" | "read" | "write"

    def to_json(self) -> dict[str, str]:
        return asdict(self)


def check_zone(spec: dict[str, Any], catalogue: dict[str, Any]) -> list[ZoneViolation]:
    """Every input the zone may not read, every output outside the zone's category; [] if fine.

    An output to a dataset the catalogue does not list is written under the zone's own
    category, so only outputs registered under another category break the rule.
    """
    zone_name = spec.get("zone")
    zone = catalogue["zones"].get(zone_name)
    if zone is None:
        known = ", ".join(sorted(catalogue["zones"])) or "none"
        return [
            ZoneViolation(
                "/zone", f"Zone '{zone_name}' is not in the catalogue (known zones: {known}).", "unknown_zone"
            )
        ]
    title = zone.get("title", zone_name)
    violations = []
    for index, dataset in enumerate(spec.get("inputs", [])):
        category = category_of(catalogue, dataset["connection"], dataset["table"])
        if category not in zone["may_read"]:
            violations.append(
                ZoneViolation(
                    f"/inputs/{index}",
                    f"Input {dataset['connection']}:{dataset['table']} is {category} data, "
                    f"which the {title} zone may not read (it may read {', '.join(zone['may_read'])}).",
                    "read",
                )
            )
    for index, dataset in enumerate(spec.get("outputs", [])):
        category = registered_category(catalogue, dataset["connection"], dataset["table"])
        if category is not None and category != zone["writes"]:
            violations.append(
                ZoneViolation(
                    f"/outputs/{index}",
                    f"Output {dataset['connection']}:{dataset['table']} is registered as {category} data, "
                    f"but the {title} zone writes only {zone['writes']} data.",
                    "write",
                )
            )
    return violations
