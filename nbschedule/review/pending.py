"""Local reviews still pending: nbschedule's branches not yet merged into the checked-out branch.

A merged branch needs no entry: its spec is then in the working tree, where the
scheduler picks it up. Git is asked afresh on every call, so a merge made from a
terminal shows without a restart.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .github_proxy import REVIEW_BRANCH_PREFIX
from .local_git import _Git


def pending_local_reviews(root: str | os.PathLike) -> dict[str, Any]:
    """{"branch": checked-out branch or None, "pending": [{branch, commit, name, spec, error}]}."""
    git = _Git(Path(root))
    if not git.ok("rev-parse", "--verify", "--quiet", "HEAD^{commit}"):
        return {"branch": None, "pending": []}
    current = git("symbolic-ref", "--quiet", "--short", "HEAD", check=False) or None
    prefix = git("rev-parse", "--show-prefix")
    listing = git(
        "for-each-ref", "--format=%(refname:short) %(objectname)", f"refs/heads/{REVIEW_BRANCH_PREFIX}", check=False
    )
    pending = []
    for line in filter(None, listing.splitlines()):
        branch, commit = line.split(" ", 1)
        if branch == current or git.ok("merge-base", "--is-ancestor", commit, "HEAD"):
            continue
        name = branch[len(REVIEW_BRANCH_PREFIX) :]
        spec, error = _spec_on(git, commit, f"{prefix}schedules/{name}.json")
        pending.append({"branch": branch, "commit": commit, "name": name, "spec": spec, "error": error})
    return {"branch": current, "pending": pending}


def _spec_on(git: _Git, commit: str, path: str) -> tuple[dict[str, Any] | None, str | None]:
    text = git("show", f"{commit}:{path}", check=False)
    if not text:
        return None, f"The branch has no {path}."
    try:
        spec = json.loads(text)
    except json.JSONDecodeError as error:
        return None, f"{path} on the branch is not valid JSON: {error}."
    return (spec, None) if isinstance(spec, dict) else (None, f"{path} on the branch is not a JSON object.")
