"""What the schema cannot say about a workflow's nodes: unique ids, known needs, no
cycle, injectable fan-out names, published values taken from a direct upstream node.

Run by ``validate_spec`` after the schema, so every place that loads a spec (the wizard's
check, spec files, the operator) refuses a broken graph with the field it concerns.
"""

from __future__ import annotations

from typing import Any

from ..cron import ParameterNameError, check_parameter_name


class CycleError(ValueError):
    """The `needs` form a cycle; `cycle` lists its node ids in the order they would run
    (each needs the one before it), the first repeated at the end."""

    def __init__(self, needs_cycle: list[str]):
        self.cycle = needs_cycle[::-1]
        super().__init__(
            "The nodes' needs form a cycle, so none of them can run first: " + " → ".join(self.cycle) + "."
        )


def find_cycle(needs: dict[str, list[str]]) -> list[str] | None:
    """A cycle of `needs` (id → upstream ids; unknown ids ignored) as [a, b, ..., a], else None."""
    state: dict[str, str] = {}
    for start in needs:
        if start in state:
            continue
        state[start] = "open"
        path, stack = [start], [iter(needs[start])]
        while stack:
            step = next((up for up in stack[-1] if up in needs and state.get(up) != "done"), None)
            if step is None:
                state[path.pop()] = "done"
                stack.pop()
            elif state.get(step) == "open":
                return path[path.index(step) :] + [step]
            else:
                state[step] = "open"
                path.append(step)
                stack.append(iter(needs[step]))
    return None


def node_zone_problems(spec: dict[str, Any], catalogue: dict[str, Any]) -> list[dict[str, str]]:
    """Each node's zone and datasets checked as the node runs them (the node's zone, else the spec's)."""
    from ..zones import check_zone

    problems = []
    for index, node in enumerate(spec.get("nodes") or []):
        zone = node.get("zone", spec.get("zone"))
        seen = {"zone": zone, "inputs": node.get("inputs", []), "outputs": node.get("outputs", [])}
        for violation in check_zone(seen, catalogue):
            if violation.kind == "unknown_zone" and "zone" not in node:
                continue  # the spec's own zone, reported at /zone
            problems.append(
                {**violation.to_json(), "path": f"/nodes/{index}{violation.path}", "kind": f"zone_{violation.kind}"}
            )
    return problems


def _name_problem(name: Any) -> str | None:
    try:
        check_parameter_name(name)
    except ParameterNameError as error:
        return str(error)
    return None


def _node_problems(index: int, node: dict[str, Any], ids: set[str], fanned_out: set[str]) -> list[tuple[str, str]]:
    at = f"/nodes/{index}"
    problems = []
    for n, upstream in enumerate(node.get("needs", [])):
        if upstream not in ids:
            problems.append(
                (
                    f"{at}/needs/{n}",
                    f"Node '{node['id']}' needs '{upstream}', which is not a node "
                    f"of this workflow (nodes: {', '.join(sorted(ids))}).",
                )
            )
    for n, parameter in enumerate(node.get("parameters", [])):
        if (problem := _name_problem(parameter["name"])) is not None:
            problems.append((f"{at}/parameters/{n}/name", problem))
    for n, item in enumerate(node.get("foreach") or []):
        for name in item:
            if (problem := _name_problem(name)) is not None:
                problems.append((f"{at}/foreach/{n}", problem))
    for n, taken in enumerate(node.get("from", [])):
        if (problem := _name_problem(taken["parameter"])) is not None:
            problems.append((f"{at}/from/{n}/parameter", problem))
        if taken["node"] not in node.get("needs", []):
            problems.append(
                (
                    f"{at}/from/{n}/node",
                    f"Node '{node['id']}' takes '{taken['value']}' from "
                    f"'{taken['node']}', which is not one of its needs.",
                )
            )
        elif taken["node"] in fanned_out:
            problems.append(
                (
                    f"{at}/from/{n}/node",
                    f"'{taken['node']}' runs once per foreach item, so it publishes no single value to take.",
                )
            )
    return problems


def workflow_problems(spec: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON pointer, message) for everything wrong with a schema-valid spec's nodes."""
    nodes = spec.get("nodes")
    if not nodes:
        return []
    problems: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for index, node in enumerate(nodes):
        if node["id"] in seen:
            problems.append(
                (f"/nodes/{index}/id", f"Node id '{node['id']}' is used twice (also by node {seen[node['id']]}).")
            )
        seen.setdefault(node["id"], index)
    ids = set(seen)
    fanned_out = {node["id"] for node in nodes if node.get("foreach")}
    for index, node in enumerate(nodes):
        problems += _node_problems(index, node, ids, fanned_out)
    cycle = find_cycle({node["id"]: list(node.get("needs", [])) for node in nodes})
    if cycle:
        problems.append((f"/nodes/{seen[cycle[0]]}/needs", str(CycleError(cycle))))
    # Neither engine waits before a node's run, so a landed check anywhere would be ignored.
    waiting = [(f"/inputs/{index}", dataset) for index, dataset in enumerate(spec.get("inputs", []))]
    waiting += [
        (f"/nodes/{n}/inputs/{index}", dataset)
        for n, node in enumerate(nodes)
        for index, dataset in enumerate(node.get("inputs", []))
    ]
    for at, dataset in waiting:
        if "wait_until_landed" in dataset:
            problems.append(
                (
                    f"{at}/wait_until_landed",
                    "A workflow does not wait for landed data "
                    "yet; run a single-notebook schedule upstream of it instead.",
                )
            )
    if spec.get("notebook") not in {node["notebook"] for node in nodes}:
        problems.append(
            ("/notebook", f"The spec's notebook {spec.get('notebook')!r} is not the notebook of any of its nodes.")
        )
    return problems
