"""What of a notebook a review is about: its cells' type, source and tags.

JupyterLab rewrites notebook metadata (``language_info``, kernelspec) on a save, and
outputs, execution counts and cell ids change on every run. None of that is the
notebook's code, and a review commit that carried it would collide with the user's
working copy when the branch is merged.
"""

from __future__ import annotations

import json
from typing import Any


def _text(source: Any) -> str:
    return "".join(source) if isinstance(source, list) else str(source or "")


def _code(text: str) -> list[tuple[Any, str, tuple[str, ...]]] | None:
    try:
        notebook = json.loads(text)
    except ValueError:
        return None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        return None
    return [
        (cell.get("cell_type"), _text(cell.get("source")), tuple((cell.get("metadata") or {}).get("tags") or ()))
        for cell in cells
        if isinstance(cell, dict)
    ]


def same_code(old: str, new: str) -> bool:
    """Whether two notebook texts hold the same cells; False when either is not a notebook."""
    old_code = _code(old)
    return old_code is not None and old_code == _code(new)
