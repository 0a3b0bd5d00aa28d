"""The REST API is documented in one place: every route, and only routes, in openapi.yaml."""

import re
from pathlib import Path

import yaml

from nbschedule.api.routes import NAMESPACE, ROUTES

OPENAPI = Path(__file__).resolve().parents[2] / "nbschedule" / "api" / "openapi.yaml"

# The route patterns' capture groups, as openapi.yaml names them.
PARAMETERS = {r"(\d+)": "{id}", r"([a-z][a-z0-9_]{0,62})": "{name}", r"([A-Za-z0-9._:+-]+)": "{id}", "(.*)": "{path}"}


def documented_paths(pattern: str) -> set[str]:
    for group, name in PARAMETERS.items():
        pattern = pattern.replace(group, name)
    alternatives = re.fullmatch(r"(.*)\(([a-z|]+)\)", pattern)
    if alternatives:  # runs/{id}/(rerun|cancel) is two documented paths
        stem, words = alternatives.groups()
        return {f"/{NAMESPACE}/{stem}{word}" for word in words.split("|")}
    return {f"/{NAMESPACE}/{pattern}"}


def test_every_route_is_documented_and_nothing_else():
    routes = set().union(*(documented_paths(pattern) for pattern, _ in ROUTES))
    documented = set(yaml.safe_load(OPENAPI.read_text())["paths"])
    assert routes - documented == set(), "routes missing from openapi.yaml"
    assert documented - routes == set(), "openapi.yaml documents routes that do not exist"
