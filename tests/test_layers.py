"""The Python packages depend downward only (docs/ARCHITECTURE.md): read every import of
nbschedule with ast, including the ones inside functions, and refuse upward imports,
cycles, and handlers that reach past the scheduler's facade."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "nbschedule"

# Lowest first; a package may import its own modules and packages of lower layers only.
LAYERS = [
    {"cron", "zones", "warehouse", "server_secrets", "_version", "publishing", "airflow_api"},
    {"spec", "notify"},
    {"operator"},
    {"workflow"},
    {"scheduler", "runs", "airflow", "lite"},
    {"metrics", "review"},
    {"api"},
    {"entry"},
]
# Composition roots: they wire the layers together and nothing below imports them. Some
# live in scheduler/ because their paths are public (``python -m``, the settings keys' home).
ENTRY_POINTS = {
    "nbschedule",
    "nbschedule.cli",
    "nbschedule.extension",
    "nbschedule.scheduler.command",
    "nbschedule.scheduler.daemon",
    "nbschedule.scheduler.server",
    "nbschedule.scheduler.standalone",
    "nbschedule.workflow.airflow_tasks",  # generated workflow DAGs import it by this path
}
# What the REST handlers may use of the scheduler: its facade, never tables or queries.
API_MAY_IMPORT_FROM_SCHEDULER = {"nbschedule.scheduler.facade"}
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The nbschedule modules (or packages) `name` imports, and any third-party roots."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                found.add(submodule if submodule in modules else target)
    return found


def unit_of(module: str) -> str:
    """The layer unit of an nbschedule module: 'entry', or its top-level package/module."""
    if module in ENTRY_POINTS:
        return "entry"
    return module.split(".")[1]


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = all_modules()
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def test_every_package_is_placed_in_a_layer(graph):
    unplaced = {unit_of(name) for name in graph} - set(RANK)
    assert not unplaced, f"place {sorted(unplaced)} in LAYERS"


def test_no_package_imports_a_higher_or_sideways_one(graph):
    upward = []
    for name, targets in graph.items():
        for target in targets:
            if not target.startswith("nbschedule.") and target != "nbschedule":
                continue
            source_unit, target_unit = unit_of(name), unit_of(target)
            if source_unit != target_unit and RANK[target_unit] >= RANK[source_unit]:
                upward.append(f"{name} ({source_unit}) imports {target} ({target_unit})")
    assert not upward, "\n".join(sorted(upward))


def test_handlers_use_only_the_scheduler_facade_and_no_sqlalchemy(graph):
    reached = sorted(
        f"{name} imports {target}"
        for name, targets in graph.items()
        if name.startswith("nbschedule.api")
        for target in targets
        if target.split(".")[0] == "sqlalchemy"
        or target.startswith("nbschedule.scheduler")
        and target not in API_MAY_IMPORT_FROM_SCHEDULER
    )
    assert not reached, "\n".join(reached)


def strongly_connected(edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's components with more than one member (or a self-loop)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in edges.get(node, ()):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                components.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return components


def test_the_package_graph_has_no_cycles(graph):
    edges: dict[str, set[str]] = {}
    for name, targets in graph.items():
        edges.setdefault(unit_of(name), set()).update(
            unit_of(t) for t in targets if t.startswith("nbschedule.") and unit_of(t) != unit_of(name)
        )
    assert strongly_connected(edges) == []


def test_the_cycle_finder_finds_a_cycle():
    # The check above can fail: a two-package loop is found.
    assert strongly_connected({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [["a", "b"]]


def private_imports(name: str, path: Path) -> list[str]:
    """`from <another package> import _name` in module `name`: reaching past that package's API."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        if node.level:
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            target = ".".join(base + ([node.module] if node.module else []))
        else:
            target = node.module or ""
        if not target.startswith("nbschedule.") or unit_of(target) == unit_of(name):
            continue
        found += [
            f"{name} imports {alias.name} from {target}"
            for alias in node.names
            if alias.name.startswith("_") and not alias.name.endswith("__")
        ]
    return found


# Older reaches past a package's API, to be given a public name; none may be added.
KNOWN_PRIVATE_IMPORTS = {
    f"nbschedule.workflow.airflow_tasks imports {name} from nbschedule.airflow"
    for name in ("_logical_date", "_store", "_workspace")
}


def test_no_package_imports_another_ones_private_names():
    private = {found for name, path in all_modules().items() for found in private_imports(name, path)}
    assert private <= KNOWN_PRIVATE_IMPORTS, "\n".join(sorted(private - KNOWN_PRIVATE_IMPORTS))
