"""Server-side settings of the review step; the GitHub token lives here and nowhere else."""

from __future__ import annotations

from traitlets import Bool, Unicode, default
from traitlets.config import Configurable

from ..server_secrets import server_setting


class NbScheduleReview(Configurable):
    """Configured like any jupyter_server option, e.g. ``c.NbScheduleReview.github_repo``."""

    allow_unsandboxed = Bool(
        False,
        config=True,
        help="Let test runs execute without a network-less sandbox when none is available on this machine.",
    )
    github_url = Unicode(
        "https://api.github.com",
        config=True,
        help="GitHub API base URL; for GitHub Enterprise e.g. https://github.example.com/api/v3.",
    )
    github_token = Unicode(
        config=True,
        help="Token the GitHub proxy sends; defaults to the GITHUB_TOKEN environment variable. "
        "It never leaves the server.",
    )
    github_repo = Unicode("", config=True, help="Repository reviews go to, as owner/name.")
    base_branch = Unicode("main", config=True, help="Branch review branches start from and merge into.")

    @default("github_token")
    def _token_from_environment(self) -> str:
        return server_setting("GITHUB_TOKEN", "")

    @property
    def mode(self) -> str:
        """ "github" when a token and a repository are configured, else "local" (a git branch)."""
        return "github" if self.github_token and self.github_repo else "local"

    def public_view(self) -> dict[str, str]:
        """What the browser may know: everything but the token."""
        return {
            "mode": self.mode,
            "repo": self.github_repo,
            "base_branch": self.base_branch,
            "github_url": self.github_url,
        }
