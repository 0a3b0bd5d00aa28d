"""A notebook sees neither the host home, nor Jupyter's runtime files, nor ssh keys."""

from __future__ import annotations

import pytest
from escape_helpers import attempts, run_cells

SECRETS = (
    "SERVER-TOKEN-SECRET",
    "KERNEL-HMAC-SECRET",
    "COOKIE-SECRET",
    "SSH-KEY-SECRET",
    "NPM-SECRET",
    "GIT-SECRET",
    "HOME-NOTES-SECRET",
)


@pytest.mark.timeout(60)
def test_the_host_home_is_not_there(workspace, host_home):
    runtime = host_home / ".local" / "share" / "jupyter" / "runtime"
    paths = {
        "home": str(host_home),
        "notes": str(host_home / "notes.txt"),
        "runtime": str(runtime),
        "server_file": str(runtime / "jpserver-4242.json"),
        "kernel_file": str(runtime / "kernel-1.json"),
        "cookie": str(runtime / "jupyter_cookie_secret"),
        "ssh": str(host_home / ".ssh"),
        "ssh_key": str(host_home / ".ssh" / "id_ed25519"),
        "npmrc": str(host_home / ".npmrc"),
        "gitconfig": str(host_home / ".gitconfig"),
    }

    result, printed = run_cells(
        workspace, attempts(paths) + "print('own home', os.environ['HOME'], os.listdir('~' and os.environ['HOME']))"
    )

    assert (result.status, result.record["exit_reason"]) == ("success", "completed"), result.record["message"]
    for label in paths:
        assert f"{label} blocked FileNotFoundError" in printed, printed
    assert "own home /tmp/home []" in printed
    assert not any(secret in printed for secret in SECRETS)


@pytest.mark.timeout(60)
def test_a_workspace_that_is_the_home_shows_no_dot_entries(host_home):
    """Jupyter started in ~: the notebooks are there, the dotfiles must not be."""
    workspace = host_home
    paths = {
        "ssh": ".ssh",
        "ssh_key": ".ssh/id_ed25519",
        "runtime": ".local/share/jupyter/runtime",
        "server_file": ".local/share/jupyter/runtime/jpserver-4242.json",
        "npmrc": ".npmrc",
        "gitconfig": ".gitconfig",
        "notes": "notes.txt",
    }

    result, printed = run_cells(workspace, attempts(paths))

    assert (result.status, result.record["exit_reason"]) == ("success", "completed"), result.record["message"]
    assert "ssh LISTED []" in printed and "runtime LISTED []" in printed, printed  # shown empty
    for label in ("ssh_key", "server_file"):
        assert f"{label} blocked FileNotFoundError" in printed, printed
    # Dotfiles are covered by a device node on a no-device mount: present, never readable.
    assert "npmrc blocked PermissionError" in printed and "gitconfig blocked PermissionError" in printed
    assert "notes READ b'HOME-NOTES-SECRET'" in printed  # the workspace's own files are the notebook's to read
    assert not any(secret in printed for secret in SECRETS if secret != "HOME-NOTES-SECRET")
