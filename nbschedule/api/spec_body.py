"""A schedule spec posted to be run now (a test run, a lite run): read and checked here, once,
so every such endpoint refuses bad input the same way and before anything starts.

Refusals are ApiError 400 (413 for a body over the size limit, from the base handler).
The body is read as the spec check reads it (check_process.spec_in_body): `field` is
`body` for a body that is not a JSON object, `spec` when it has no spec object,
`spec/<list>` for a list over NbScheduleApi.max_list_items. A spec that cannot run answers
`field` = the first problem's JSON pointer into the spec (e.g. `/notebook`, `/cron`) and
`errors` = every problem as {path, message}, the shape of the wizard's spec check.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..review.trial_runs import spec_problems
from ..spec import SpecError, SpecInvalid, with_defaults
from ..spec.paths import PathRefused, inside_root
from .base import JsonHandler
from .check_process import spec_in_body
from .errors import ApiError


async def posted_spec(handler: JsonHandler, root: Path) -> dict[str, Any]:
    """The request's {"spec": {...}} with defaults filled in, ready to run from `root`;
    raises ApiError otherwise (see the module docstring)."""
    spec = spec_in_body(await handler.json_object(), handler.limits.max_list_items)
    # Off the event loop: a large spec takes a while to validate, and the path check touches the disk.
    problems = await handler.in_thread(_problems_to_run, spec, root)
    if problems:
        raise ApiError(
            400,
            f"The schedule spec is not valid: {SpecInvalid(problems)}",
            problems[0].path,
            errors=[problem.to_json() for problem in problems],
        )
    return await handler.in_thread(with_defaults, spec)


def _problems_to_run(spec: dict[str, Any], root: Path) -> list[SpecError]:
    """Every reason `spec` cannot run from `root` now. The notebook comes first and is checked
    even when the schema fails elsewhere (spec_problems then skips it), and it must exist:
    a run of a missing notebook would only record its own failure."""
    notebook = spec.get("notebook")
    if not isinstance(notebook, str):
        return spec_problems(spec, root)
    try:
        found = inside_root(root, notebook).is_file()
        problem = None if found else f"There is no notebook {notebook[:80]!r} in the Jupyter root folder."
    except PathRefused as refused:
        problem = str(refused)
    except OSError as error:  # e.g. a folder on the way that may not be read
        problem = f"The notebook {notebook[:80]!r} cannot be read: {error.strerror or error}"
    others = spec_problems(spec, root)
    if problem is None:
        return others
    return [SpecError("/notebook", problem)] + [other for other in others if other.path != "/notebook"]
