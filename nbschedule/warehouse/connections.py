"""Connection names to SQLAlchemy URLs.

Lookup order for a name (the first source that defines it wins):
1. the mapping passed in by the caller;
2. the environment variable ``NBSCHEDULE_CONNECTIONS`` (a JSON object);
3. the file ``<workspace>/.nbschedule/connections.json`` (a JSON object);
4. built in: ``warehouse`` is ``sqlite:///<workspace>/.nbschedule/warehouse.db``, created
   with small demo tables on first use.

Relative SQLite paths are read against the workspace, so a URL means the same file
whether the CLI, the server or a kernel resolves it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .demo_data import ensure_demo_warehouse

DEFAULT_CONNECTION = "warehouse"
ENV_VARIABLE = "NBSCHEDULE_CONNECTIONS"


class ConnectionConfigError(ValueError):
    """An unknown connection name or a malformed connections source."""


def _json_object(text: str, source: str) -> dict[str, str]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConnectionConfigError(f"{source} is not valid JSON: {error}") from None
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise ConnectionConfigError(f"{source} must be a JSON object of name to SQLAlchemy URL")
    return value


def _configured(workspace: Path, connections: dict[str, str] | None) -> list[tuple[str, dict[str, str]]]:
    sources = [("the connections passed in", dict(connections or {}))]
    if os.environ.get(ENV_VARIABLE):
        sources.append((ENV_VARIABLE, _json_object(os.environ[ENV_VARIABLE], f"${ENV_VARIABLE}")))
    file = workspace / ".nbschedule" / "connections.json"
    if file.is_file():
        sources.append((str(file), _json_object(file.read_text(encoding="utf-8"), str(file))))
    return sources


def _anchor_sqlite(url: str, workspace: Path, source: str) -> str:
    # Here, not at the top: resolving the built-in demo connection needs no SQLAlchemy.
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConnectionConfigError(f"{source}: {url!r} is not an SQLAlchemy URL") from None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return url
    if database.startswith("file:") or os.path.isabs(database):
        return url
    return parsed.set(database=str(workspace / database)).render_as_string(hide_password=False)


def resolve_connection(name: str, workspace: str | os.PathLike, connections: dict[str, str] | None = None) -> str:
    """The SQLAlchemy URL of connection `name`; raises ConnectionConfigError."""
    workspace = Path(workspace).resolve()
    for source, mapping in _configured(workspace, connections):
        if name in mapping:
            return _anchor_sqlite(mapping[name], workspace, source)
    if name == DEFAULT_CONNECTION:
        return f"sqlite:///{ensure_demo_warehouse(workspace / '.nbschedule' / 'warehouse.db')}"
    raise ConnectionConfigError(
        f"Unknown connection '{name}': define it in ${ENV_VARIABLE} or {workspace / '.nbschedule' / 'connections.json'}"
    )
