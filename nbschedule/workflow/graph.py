"""A workflow spec's graph: its nodes in run order, their fan-out items, and the
single-notebook spec each node runs with.

Pure functions on an already schema-checked spec; both engines (the embedded runner and
the generated Airflow DAG) take their nodes, items and labels from here or from the same
rules, so a workflow means one thing wherever it runs.
"""

from __future__ import annotations

import copy
from typing import Any

from ..spec.workflow import CycleError, find_cycle
from .labels import item_label, node_run_id

__all__ = ["CycleError", "item_label", "items_of", "node_run_id", "node_spec", "run_order"]

# What a node spec takes from its node; everything else comes from the workflow spec.
NODE_OWN_FIELDS = ("notebook", "parameters", "zone", "inputs", "outputs", "retries", "timeout_seconds")


def run_order(nodes: list[dict[str, Any]]) -> list[str]:
    """Node ids so that each comes after all it needs; ties keep the spec's order. Raises CycleError."""
    needs = {node["id"]: list(node.get("needs", [])) for node in nodes}
    cycle = find_cycle(needs)
    if cycle:
        raise CycleError(cycle)
    order: list[str] = []
    placed: set[str] = set()
    while len(order) < len(needs):
        for node_id, upstream in needs.items():
            if node_id not in placed and all(up in placed for up in upstream):
                order.append(node_id)
                placed.add(node_id)
                break
    return order


def items_of(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The parameter sets the node runs with: its foreach, or one empty set. Names sorted, as
    the generated DAG writes them, so an item's injected cell reads the same on both engines."""
    return [dict(sorted(item.items())) for item in node.get("foreach") or [{}]]


def node_spec(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """The single-notebook spec one node runs with: the workflow's settings, the node's
    notebook, parameters, zone, datasets, retries and timeout. Its name stays the
    workflow's, so all runs of a workflow sit in one folder of the run store."""
    single = {key: copy.deepcopy(value) for key, value in spec.items() if key != "nodes"}
    for field in NODE_OWN_FIELDS:
        if field in node:
            single[field] = copy.deepcopy(node[field])
        elif field in ("parameters", "inputs", "outputs"):
            single[field] = []
    return single
