"""Credentials the server holds and its users' kernels must not inherit.

JupyterLab kernels and terminals inherit the server's environment. At extension load
the server takes these variables out of ``os.environ`` into this module, so kernels
started afterwards never see them; nbschedule code reads them through
``server_setting``, and the scheduler's worker processes (which run notebooks in the
sandbox and send notices) get them back in their own environment. Outside a server
(the CLI, a standalone scheduler) they stay in the environment and are read there.
"""

from __future__ import annotations

import os

# The OpenLineage URL may carry a key in it; the SMTP relay's settings go along so that
# no kernel learns where the server sends mail from.
SERVER_SECRETS = (
    "GITHUB_TOKEN",
    "NBSCHEDULE_OPENLINEAGE_URL",
    "NBSCHEDULE_SMTP_HOST",
    "NBSCHEDULE_SMTP_PORT",
    "NBSCHEDULE_SMTP_FROM",
)

_taken: dict[str, str] = {}


def take_from_environment() -> list[str]:
    """Move the secrets out of this process's environment; returns the names moved."""
    moved = [name for name in SERVER_SECRETS if name in os.environ]
    for name in moved:
        _taken[name] = os.environ.pop(name)
    return moved


def server_setting(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name) or _taken.get(name) or default


def worker_environment() -> dict[str, str]:
    """The environment of a process the server starts to run notebooks for it."""
    return {**os.environ, **_taken}
