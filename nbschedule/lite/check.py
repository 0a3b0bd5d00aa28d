"""The lite check: can this notebook run in the browser, and if not, why not.

A notebook is lite when every module it imports is in the Pyodide distribution, it
has no ``%%upload`` cell (a lite run only reads), and it has no line the kernel could
not follow (``!shell``, ``%magic`` other than ``%%sql`` and loading the warehouse
magics). The side-effect warnings of the wizard's analysis are added by the browser,
which computes them; the staged input size is known only once the queries ran, so the
lite run checks it when it starts.
"""

from __future__ import annotations

import ast
import re
from dataclasses import asdict, dataclass

from ..warehouse.cell_syntax import CellSyntaxError, SqlCell, UploadCell, parse_magic_cell
from .distribution import Distribution

_LOAD_MAGICS = re.compile(r"^\s*%(re)?load_ext\s+nbschedule\.warehouse\.magics\s*$")


@dataclass(frozen=True)
class NotLite:
    """One reason, with the 0-based cell of the source notebook it is about."""

    cell: int
    reason: str

    def to_json(self) -> dict:
        return asdict(self)


def _imported_modules(tree: ast.AST) -> list[str]:
    modules = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.append(node.module.split(".")[0])
    return modules


def _cell_problems(index: int, source: str, distribution: Distribution) -> list[NotLite]:
    try:
        magic = parse_magic_cell(source)
    except CellSyntaxError as error:
        return [NotLite(index, str(error))]
    if isinstance(magic, UploadCell):
        return [NotLite(index, f"uploads to {magic.connection}:{magic.table}; a lite run only reads")]
    if isinstance(magic, SqlCell):
        return []  # answered by the server, whatever the distribution
    lines = [line for line in source.splitlines() if not _LOAD_MAGICS.match(line)]
    for line in lines:
        if line.lstrip().startswith(("%", "!")):
            return [NotLite(index, f"uses {line.strip()[:60]!r}, which only IPython understands")]
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError as error:
        return [NotLite(index, f"is not valid Python: {error.msg} (line {error.lineno})")]
    seen: list[str] = []
    for module in _imported_modules(tree):
        if module not in seen and not distribution.provides(module):
            seen.append(module)
    return [NotLite(index, distribution.why_missing(module)) for module in seen]


def lite_problems(nb, distribution: Distribution) -> list[NotLite]:
    """Every reason the notebook `nb` (nbformat) is not lite; [] when it is."""
    problems: list[NotLite] = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            problems += _cell_problems(index, cell.source, distribution)
    return problems
