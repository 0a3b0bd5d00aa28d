"""Fixtures of the escape suite: a workspace, short run folders, a fake host home."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "operator"))


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def run_tmp(monkeypatch, tmp_path_factory) -> Path:
    """Run folders in a fresh short temp dir (ZeroMQ ipc paths must stay under ~107 bytes),
    so a test can also see that a run leaves nothing behind."""
    tmp_path_factory.getbasetemp()
    folder = Path(tempfile.mkdtemp(prefix="nbs-", dir="/tmp"))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def host_home(tmp_path: Path, monkeypatch) -> Path:
    """A host home as a Jupyter user has one: server tokens, kernel keys, ssh keys, dotfiles.
    The operator runs with it as $HOME; nothing in it may reach a notebook."""
    home = tmp_path / "home"
    runtime = home / ".local" / "share" / "jupyter" / "runtime"
    runtime.mkdir(parents=True)
    (runtime / "jpserver-4242.json").write_text('{"token": "SERVER-TOKEN-SECRET"}')
    (runtime / "kernel-1.json").write_text('{"key": "KERNEL-HMAC-SECRET"}')
    (runtime / "jupyter_cookie_secret").write_text("COOKIE-SECRET")
    (home / ".ssh").mkdir()
    (home / ".ssh" / "id_ed25519").write_text("SSH-KEY-SECRET")
    (home / ".npmrc").write_text("//registry.npmjs.org/:_authToken=NPM-SECRET")
    (home / ".gitconfig").write_text("[credential]\n helper = store # GIT-SECRET")
    (home / "notes.txt").write_text("HOME-NOTES-SECRET")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("JUPYTER_RUNTIME_DIR", raising=False)
    monkeypatch.delenv("JUPYTER_CONFIG_DIR", raising=False)
    return home
