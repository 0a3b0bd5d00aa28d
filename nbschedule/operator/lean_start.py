"""Keeping a run process's start-up short.

nbformat imports jsonschema, and jsonschema registers a format checker for every
optional package it finds installed; JupyterLab installs all of them, and one
(rfc3987_syntax) builds a grammar at import, which costs about a second. Nothing on the
run path checks formats (nbformat's and nbschedule's schemas are validated without a
format checker), so processes that only run notebooks (``nbschedule run``, scheduler
workers) mark those packages missing before jsonschema looks for them.
"""

from __future__ import annotations

import sys

# Used by jsonschema._format only; none of them is needed to run a notebook.
FORMAT_CHECKER_PACKAGES = (
    "rfc3987",
    "rfc3987_syntax",
    "rfc3986_validator",
    "rfc3339_validator",
    "webcolors",
    "jsonpointer",
    "uri_template",
    "isoduration",
    "fqdn",
)


def skip_format_checkers() -> None:
    """Only before jsonschema is first imported, and only where nothing else needs them."""
    if "jsonschema" in sys.modules:
        return
    for name in FORMAT_CHECKER_PACKAGES:
        sys.modules.setdefault(name, None)  # None in sys.modules makes `import name` raise ImportError
