"""What nbschedule writes into the workspace stays out of git, and a review branch merges
cleanly over a notebook that JupyterLab re-saved with new metadata only."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from nbschedule.operator.workspace_git import DEBUG_COPY_PATTERN, exclude_debug_copies
from nbschedule.review.local_git import commit_on_branch
from nbschedule.review.notebook_code import same_code


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True).stdout


def notebook(sources: list[str], *, language_info: dict | None = None, outputs: bool = False) -> str:
    cells = [
        {
            "cell_type": "code",
            "source": source,
            "metadata": {"tags": ["parameters"]} if i == 0 else {},
            "execution_count": 1 if outputs else None,
            "outputs": [{"output_type": "stream", "name": "stdout", "text": "42\n"}] if outputs else [],
        }
        for i, source in enumerate(sources)
    ]
    metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    if language_info:
        metadata["language_info"] = language_info
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": metadata, "cells": cells}, indent=1) + "\n"


def repository(folder: Path) -> Path:
    git(folder, "init", "--quiet", "--initial-branch=main")
    git(folder, "config", "user.name", "Ada")
    git(folder, "config", "user.email", "ada@example.com")
    return folder


async def test_the_server_makes_its_folders_ignore_themselves(jp_fetch, jp_root_dir):
    await jp_fetch("nbschedule", "timezones")  # the extension is loaded
    repository(jp_root_dir)
    (jp_root_dir / "report.ipynb").write_text(notebook(["x = 1"]))
    (jp_root_dir / ".nbschedule" / "state.db").write_bytes(b"SQLite format 3\0")
    (jp_root_dir / ".nbschedule" / "connections.json").write_text('{"warehouse": "secret"}')
    (jp_root_dir / "nbschedule-runs" / "daily" / "run-1").mkdir(parents=True)
    (jp_root_dir / "nbschedule-runs" / "daily" / "run-1" / "output.ipynb").write_text(notebook(["x = 1"]))
    assert git(jp_root_dir, "status", "--porcelain", "--untracked-files=all").splitlines() == ["?? report.ipynb"]
    # The user's own .gitignore is not touched.
    assert not (jp_root_dir / ".gitignore").exists()


def test_debug_copies_are_excluded_locally_and_only_once(tmp_path):
    root = repository(tmp_path)
    (root / "report.ipynb").write_text(notebook(["x = 1"]))
    (root / "report.debug-manual__1.ipynb").write_text(notebook(["x = 1"]))
    exclude_debug_copies(root)
    exclude_debug_copies(root)
    assert git(root, "status", "--porcelain", "--untracked-files=all").splitlines() == ["?? report.ipynb"]
    assert (root / ".git" / "info" / "exclude").read_text().count(DEBUG_COPY_PATTERN) == 1
    assert not (root / ".gitignore").exists()


def test_outside_a_repository_nothing_is_written(tmp_path):
    exclude_debug_copies(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_same_code_ignores_metadata_outputs_and_counts_but_not_sources_or_tags():
    base = notebook(["x = 1", "print(x)"])
    assert same_code(base, notebook(["x = 1", "print(x)"], language_info={"name": "python"}, outputs=True))
    assert not same_code(base, notebook(["x = 2", "print(x)"]))
    assert not same_code(base, notebook(["x = 1"]))
    untagged = json.loads(base)
    untagged["cells"][0]["metadata"] = {}
    assert not same_code(base, json.dumps(untagged))
    assert not same_code("not json", base)
    assert not same_code("", base)


def test_a_review_merges_over_a_notebook_resaved_with_new_metadata(tmp_path):
    root = repository(tmp_path)
    (root / "report.ipynb").write_text(notebook(["x = 1", "print(x)"], outputs=True))
    git(root, "add", "report.ipynb")
    git(root, "commit", "--quiet", "-m", "report")
    # JupyterLab saves the notebook again, adding language_info: a metadata-only change.
    (root / "report.ipynb").write_text(notebook(["x = 1", "print(x)"], language_info={"name": "python"}, outputs=True))
    files = {"report.ipynb": notebook(["x = 1", "print(x)"]), "schedules/report.json": '{"name": "report"}\n'}
    commit_on_branch(root, branch="nbschedule/report", message="Schedule report", files=files)

    assert git(root, "diff", "--name-only", "main", "nbschedule/report").split() == ["schedules/report.json"]
    git(root, "merge", "--quiet", "nbschedule/report")
    assert (root / "schedules" / "report.json").exists()
    assert "language_info" in (root / "report.ipynb").read_text()  # the user's save is kept


def test_a_review_still_commits_a_notebook_whose_cells_changed(tmp_path):
    root = repository(tmp_path)
    (root / "report.ipynb").write_text(notebook(["x = 1"]))
    git(root, "add", "report.ipynb")
    git(root, "commit", "--quiet", "-m", "report")
    commit_on_branch(root, branch="nbschedule/report", message="m", files={"report.ipynb": notebook(["x = 2"])})
    assert git(root, "diff", "--name-only", "main", "nbschedule/report").split() == ["report.ipynb"]
