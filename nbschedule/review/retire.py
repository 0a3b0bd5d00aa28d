"""Retiring a schedule is a review too: a commit on its review branch that removes the
spec and the generated DAG; the schedule stops when that commit is merged.

Like ``commit_on_branch`` it uses git plumbing with a temporary index, so the user's
working tree, index and current branch are untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .github_proxy import REVIEW_BRANCH_PREFIX
from .local_git import BranchCommit, LocalGitError, _author, _base_branch, _branch_head, _repository


def retire_on_branch(root: str | os.PathLike, name: str, *, base_branch: str = "main") -> BranchCommit:
    branch = f"{REVIEW_BRANCH_PREFIX}{name}"
    git, prefix = _repository(Path(root), base_branch)
    base = _base_branch(git, base_branch)
    base_head = _branch_head(git, base)
    existing = _branch_head(git, branch)
    if existing and not git.ok("merge-base", "--is-ancestor", existing, base_head):
        raise LocalGitError(
            409,
            f"The branch {branch} holds a review not merged yet; merge or delete it before retiring the schedule.",
            "name",
        )
    if git("symbolic-ref", "--quiet", "--short", "HEAD", check=False) == branch:
        raise LocalGitError(409, f"The branch {branch} is checked out; switch to another branch first.", "name")
    paths = [f"{prefix}schedules/{name}.json", f"{prefix}schedules/{name}_dag.py"]
    present = [path for path in paths if git("ls-tree", "--name-only", base_head, "--", path, check=False)]
    if f"{prefix}schedules/{name}.json" not in present:
        raise LocalGitError(
            404, f"Branch {base} has no schedules/{name}.json: there is no merged schedule '{name}' to retire.", "name"
        )
    with tempfile.TemporaryDirectory(prefix="nbschedule-index-") as folder:
        staged = git.with_env(GIT_INDEX_FILE=str(Path(folder) / "index"))
        staged("read-tree", base_head)
        staged("update-index", "--force-remove", *present)
        tree = staged("write-tree")
    message = f"Retire schedule {name}\n\nRemoves its spec and generated DAG; the schedule stops once merged."
    commit = git.with_env(**_author(git))("commit-tree", tree, "-p", base_head, stdin=message)
    if not git.ok("update-ref", "-m", "nbschedule retire", f"refs/heads/{branch}", commit, existing or ""):
        raise LocalGitError(409, f"The branch {branch} changed meanwhile; try again.", "name")
    return BranchCommit(branch, commit, base)
