"""Local review: commit files on a new branch of the git repository at the Jupyter root.

Only git plumbing is used, with a temporary index, so the user's working tree, index and
current branch stay exactly as they were. The branch is created (or moved) with
``update-ref`` against its expected old value: a concurrent change makes it fail cleanly
instead of losing a commit.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..spec.paths import PathRefused, inside_root, relative_path_problem
from .notebook_code import same_code

DEFAULT_AUTHOR = ("nbschedule", "nbschedule@localhost")


class LocalGitError(Exception):
    """A request git cannot serve; `status` is the HTTP status that describes it best."""

    def __init__(self, status: int, message: str, field: str | None = None):
        super().__init__(message)
        self.status, self.field = status, field


@dataclass(frozen=True)
class BranchCommit:
    branch: str
    commit: str
    base: str

    def to_json(self) -> dict[str, str]:
        return {
            "branch": self.branch,
            "commit": self.commit,
            "base": self.base,
            "diff_command": f"git diff {self.base}...{self.branch}",
        }


class _Git:
    def __init__(self, folder: Path, env: dict[str, str] | None = None):
        self.folder, self.env = folder, env

    def __call__(self, *args: str, stdin: str | None = None, check: bool = True) -> str:
        done = subprocess.run(
            ["git", *args],
            cwd=self.folder,
            input=stdin,
            capture_output=True,
            encoding="utf-8",
            env={**os.environ, **(self.env or {})},
        )
        if check and done.returncode != 0:
            raise LocalGitError(500, f"git {args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
        return done.stdout.strip() if done.returncode == 0 else ""

    def ok(self, *args: str) -> bool:
        return subprocess.run(["git", *args], cwd=self.folder, capture_output=True).returncode == 0

    def with_env(self, **env: str) -> _Git:
        return _Git(self.folder, {**(self.env or {}), **env})


def check_file_path(path: str) -> str:
    """`path` as a clean relative POSIX path inside the repository (no '..', no NUL, nothing
    under any '.git', whatever its case); raises LocalGitError otherwise."""
    problem = relative_path_problem(path)
    if problem:
        shown = path[:80].replace("\x00", "\\0") if isinstance(path, str) else ""
        raise LocalGitError(
            400, f"{problem} Each file must be a relative path inside the repository.", f"files/{shown}"
        )
    return "/".join(PurePosixPath(path).parts)


def _author(git: _Git) -> dict[str, str]:
    name = git("config", "user.name", check=False) or DEFAULT_AUTHOR[0]
    email = git("config", "user.email", check=False) or DEFAULT_AUTHOR[1]
    return {
        "GIT_AUTHOR_NAME": name,
        "GIT_AUTHOR_EMAIL": email,
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
    }


def _repository(root: Path, base_branch: str) -> tuple[_Git, str]:
    """Git at `root` and the path prefix of `root` inside its repository; inits one if needed."""
    git = _Git(root)
    if not git.ok("rev-parse", "--is-inside-work-tree"):
        git("init", "--quiet", f"--initial-branch={base_branch}")
    prefix = git("rev-parse", "--show-prefix")
    if not git.ok("rev-parse", "--verify", "--quiet", "HEAD^{commit}") and not _branch_head(git, base_branch):
        # A fresh repository: give the base branch an empty first commit to branch from.
        empty_tree = git("mktree", stdin="")
        first = git.with_env(**_author(git))("commit-tree", empty_tree, "-m", "Initial commit")
        git("update-ref", f"refs/heads/{base_branch}", first, "")
    return git, prefix


def _branch_head(git: _Git, branch: str) -> str:
    return git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}", check=False)


def _base_branch(git: _Git, configured: str) -> str:
    """The configured base branch, or the current one when the repository has no such branch."""
    if _branch_head(git, configured):
        return configured
    current = git("symbolic-ref", "--quiet", "--short", "HEAD", check=False)
    if current and _branch_head(git, current):
        return current
    raise LocalGitError(409, f"The repository has no branch {configured!r} to start the review branch from.")


def commit_on_branch(
    root: str | os.PathLike,
    *,
    branch: str,
    message: str,
    files: dict[str, str],
    base_branch: str = "main",
    update: bool = False,
) -> BranchCommit:
    """Commit `files` (path: text) on `branch`, new unless `update`; nothing else changes."""
    if not message.strip():
        raise LocalGitError(400, "The commit message is empty.", "message")
    if not files:
        raise LocalGitError(400, "There are no files to commit.", "files")
    paths = {check_file_path(path): content for path, content in files.items()}
    for path in paths:  # a symbolic link inside the root must not lead a file out of it
        try:
            inside_root(root, path)
        except PathRefused as refused:
            raise LocalGitError(400, str(refused), f"files/{path[:80]}") from None
    if subprocess.run(["git", "check-ref-format", f"refs/heads/{branch}"]).returncode != 0 or branch.startswith("-"):
        raise LocalGitError(400, f"{branch!r} is not a valid branch name.", "branch")
    git, prefix = _repository(Path(root), base_branch)
    base = _base_branch(git, base_branch)
    existing = _branch_head(git, branch)
    if existing and not update:
        raise LocalGitError(
            409,
            f"The branch {branch} already exists; update the existing schedule to add a new commit to it.",
            "branch",
        )
    if not existing and update:
        raise LocalGitError(409, f"The branch {branch} does not exist, so there is nothing to update.", "branch")
    if update and git("symbolic-ref", "--quiet", "--short", "HEAD", check=False) == branch:
        raise LocalGitError(
            409,
            f"The branch {branch} is checked out; committing to it behind your back would "
            "make your working tree look changed. Switch to another branch first.",
            "branch",
        )
    parent = existing or _branch_head(git, base)
    with tempfile.TemporaryDirectory(prefix="nbschedule-index-") as folder:
        staged = git.with_env(GIT_INDEX_FILE=str(Path(folder) / "index"))
        staged("read-tree", parent)
        for path, content in sorted(paths.items()):
            full_path = prefix + path
            # A notebook whose cells are as committed stays as committed: re-saved metadata is no change.
            if path.endswith(".ipynb") and same_code(staged("show", f"{parent}:{full_path}", check=False), content):
                continue
            blob = staged("hash-object", "-w", "--stdin", f"--path={full_path}", stdin=content)
            staged("update-index", "--add", "--cacheinfo", f"100644,{blob},{full_path}")
        tree = staged("write-tree")
    commit = git.with_env(**_author(git))("commit-tree", tree, "-p", parent, stdin=message)
    # The expected old value ("" = must not exist) turns a race into a clean failure.
    if not git.ok("update-ref", "-m", "nbschedule review", f"refs/heads/{branch}", commit, existing or ""):
        raise LocalGitError(
            409, f"The branch {branch} changed while the review was being committed; try again.", "branch"
        )
    return BranchCommit(branch, commit, base)
