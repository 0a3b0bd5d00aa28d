"""The Jupyter server extension: settings the handlers read, the handlers, and the
scheduler's start and stop with the server."""

from __future__ import annotations

from jupyter_server.extension.application import ExtensionApp

from .api import setup_handlers
from .operator.workspace_git import ignore_own_folders
from .review import setup_review
from .scheduler.server import start_scheduler
from .scheduler.service import SchedulerService
from .server_secrets import take_from_environment


class NbScheduleExtension(ExtensionApp):
    name = "nbschedule"

    _scheduler_service: SchedulerService | None = None

    def initialize_settings(self) -> None:
        server_app = self.serverapp
        # Before any kernel starts: user kernels inherit os.environ (see server_secrets.py).
        moved = take_from_environment()
        ignore_own_folders(server_app.root_dir)
        setup_review(server_app, self.settings)
        self._scheduler_service = start_scheduler(server_app, self.settings)
        server_app.log.info(
            "nbschedule server extension loaded; kept from kernels' environment: %s", ", ".join(moved) or "nothing"
        )

    def initialize_handlers(self) -> None:
        setup_handlers(self.serverapp.web_app)

    async def stop_extension(self) -> None:
        if self._scheduler_service is not None:
            await self._scheduler_service.stop()
