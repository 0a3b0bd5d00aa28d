"""Local review branches with real git: the user's working tree, index and HEAD stay as they were."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from tornado.httpclient import HTTPClientError

FILES = {
    "schedules/daily.json": '{\n  "name": "daily"\n}\n',
    "reports/sales.ipynb": '{\n "cells": []\n}\n',
    "reports/sales.py": "# %%\nprint('ünïcode')\n",
}


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True).stdout


def snapshot(folder: Path) -> dict[str, str]:
    """Everything about the user's checkout that a review must not change."""
    return {
        "status": git(folder, "status", "--porcelain=v1", "--untracked-files=all"),
        "head": git(folder, "symbolic-ref", "HEAD"),
        "head_commit": git(folder, "rev-parse", "HEAD"),
        "staged": git(folder, "diff", "--cached"),
        "unstaged": git(folder, "diff"),
        # .nbschedule is the scheduler's state, not the checkout: its firing lease is renewed every tick.
        "files": {
            str(p.relative_to(folder)): p.read_bytes().hex()
            for p in sorted(folder.rglob("*"))
            if p.is_file() and ".git" not in p.parts and ".nbschedule" not in p.parts
        },
    }


async def post_branch(jp_fetch, **body):
    response = await jp_fetch("nbschedule", "review", "local-branch", method="POST", body=json.dumps(body))
    return response.code, json.loads(response.body)


async def refused(jp_fetch, **body):
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch("nbschedule", "review", "local-branch", method="POST", body=json.dumps(body))
    return error.value.code, json.loads(error.value.response.body)


@pytest.fixture
def user_repo(jp_root_dir: Path) -> Path:
    """A repository mid-work: on a feature branch, one change staged, one not, one file untracked."""
    git(jp_root_dir, "init", "--quiet", "--initial-branch=main")
    git(jp_root_dir, "config", "user.name", "Ada Lovelace")
    git(jp_root_dir, "config", "user.email", "ada@example.com")
    (jp_root_dir / "README.md").write_text("hello\n")
    (jp_root_dir / "reports").mkdir()
    (jp_root_dir / "reports" / "sales.py").write_text("old = True\n")
    git(jp_root_dir, "add", "README.md", "reports")
    git(jp_root_dir, "commit", "--quiet", "-m", "start")
    git(jp_root_dir, "checkout", "--quiet", "-b", "feature")
    (jp_root_dir / "README.md").write_text("hello, staged\n")
    git(jp_root_dir, "add", "README.md")
    (jp_root_dir / "reports" / "sales.py").write_text("work in progress\n")
    (jp_root_dir / "scratch.txt").write_text("untracked\n")
    return jp_root_dir


async def test_branch_holds_exactly_the_files_and_nothing_of_the_users_checkout_moves(jp_fetch, user_repo):
    before = snapshot(user_repo)
    main = git(user_repo, "rev-parse", "main").strip()
    code, body = await post_branch(jp_fetch, branch="nbschedule/daily", message="Schedule daily", files=FILES)
    assert code == 201
    assert body == {
        "branch": "nbschedule/daily",
        "commit": body["commit"],
        "base": "main",
        "diff_command": "git diff main...nbschedule/daily",
    }
    assert snapshot(user_repo) == before
    assert git(user_repo, "rev-parse", "nbschedule/daily").strip() == body["commit"]
    assert git(user_repo, "rev-parse", f"{body['commit']}^").strip() == main
    assert git(user_repo, "ls-tree", "-r", "--name-only", "nbschedule/daily").split() == sorted(["README.md", *FILES])
    for path, content in FILES.items():
        assert git(user_repo, "show", f"nbschedule/daily:{path}") == content
    assert git(user_repo, "show", "nbschedule/daily:README.md") == "hello\n"  # from main, not the index
    assert git(user_repo, "log", "-1", "--format=%an <%ae>%n%B", "nbschedule/daily").strip() == (
        "Ada Lovelace <ada@example.com>\nSchedule daily"
    )


async def test_an_existing_branch_is_a_conflict_unless_updating(jp_fetch, user_repo):
    _, first = await post_branch(jp_fetch, branch="nbschedule/daily", message="Schedule daily", files=FILES)
    code, body = await refused(jp_fetch, branch="nbschedule/daily", message="Again", files=FILES)
    assert code == 409
    assert body == {
        "message": "The branch nbschedule/daily already exists; update the existing schedule to add "
        "a new commit to it.",
        "field": "branch",
    }
    before = snapshot(user_repo)
    code, second = await post_branch(
        jp_fetch,
        branch="nbschedule/daily",
        message="Run at seven",
        update=True,
        files={"schedules/daily.json": '{\n  "name": "daily", "cron": "0 7 * * *"\n}\n'},
    )
    assert code == 201
    assert snapshot(user_repo) == before
    assert git(user_repo, "rev-parse", f"{second['commit']}^").strip() == first["commit"]
    assert '"0 7 * * *"' in git(user_repo, "show", "nbschedule/daily:schedules/daily.json")
    assert git(user_repo, "show", "nbschedule/daily:reports/sales.py") == FILES["reports/sales.py"]


async def test_updating_a_branch_that_does_not_exist_is_a_conflict(jp_fetch, user_repo):
    code, body = await refused(jp_fetch, branch="nbschedule/none", message="m", files=FILES, update=True)
    assert code == 409 and body["field"] == "branch"


async def test_a_root_without_git_gets_a_repository_with_an_empty_first_commit(jp_fetch, jp_root_dir, monkeypatch):
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")  # no user configured anywhere: the default author
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (jp_root_dir / "notes.txt").write_text("mine\n")
    code, body = await post_branch(jp_fetch, branch="nbschedule/daily", message="Schedule daily", files=FILES)
    assert code == 201 and body["base"] == "main"
    assert git(jp_root_dir, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert git(jp_root_dir, "ls-tree", "-r", "main") == ""
    assert git(jp_root_dir, "log", "--format=%s", "main").strip() == "Initial commit"
    assert "?? notes.txt" in git(jp_root_dir, "status", "--porcelain").splitlines()
    assert not (jp_root_dir / "schedules").exists()
    assert git(jp_root_dir, "log", "-1", "--format=%an <%ae>", "nbschedule/daily").strip() == (
        "nbschedule <nbschedule@localhost>"
    )


async def test_a_root_inside_a_repository_commits_under_its_folder(jp_fetch, jp_root_dir):
    top = jp_root_dir.parent
    git(top, "init", "--quiet", "--initial-branch=main")
    git(
        top,
        "-c",
        "user.name=Ada",
        "-c",
        "user.email=ada@example.com",
        "commit",
        "--quiet",
        "--allow-empty",
        "-m",
        "start",
    )
    code, body = await post_branch(jp_fetch, branch="nbschedule/daily", message="m", files=FILES)
    assert code == 201
    assert git(top, "ls-tree", "-r", "--name-only", "nbschedule/daily").split() == sorted(
        f"{jp_root_dir.name}/{path}" for path in FILES
    )


@pytest.mark.parametrize(
    "body, field",
    [
        ({"branch": "nbschedule/daily", "message": "m", "files": {"../outside.py": "x"}}, "files/../outside.py"),
        ({"branch": "nbschedule/daily", "message": "m", "files": {"/etc/passwd": "x"}}, "files//etc/passwd"),
        ({"branch": "nbschedule/daily", "message": "m", "files": {".git/config": "x"}}, "files/.git/config"),
        ({"branch": "bad..name", "message": "m", "files": FILES}, "branch"),
        ({"branch": "@{-1}", "message": "m", "files": FILES}, "branch"),
        ({"branch": "nbschedule/daily", "message": " ", "files": FILES}, "message"),
        ({"branch": "nbschedule/daily", "message": "m", "files": {}}, "files"),
        ({"branch": "nbschedule/daily", "message": "m", "files": {"a.py": 1}}, "files"),
    ],
)
async def test_bad_requests_name_their_field_and_touch_nothing(jp_fetch, user_repo, body, field):
    before = snapshot(user_repo)
    code, reply = await refused(jp_fetch, **body)
    assert (code, reply["field"]) == (400, field)
    assert snapshot(user_repo) == before
    assert git(user_repo, "branch", "--list", "nbschedule/*") == ""
