"""nbschedule: turn a notebook into a reviewed, scheduled, lineage-aware job."""

try:
    from ._version import __version__
except ImportError:  # running from a source tree that was never built
    __version__ = "dev"

from .publishing import publish  # noqa: E402  (a notebook's call; standard library only)


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "nbschedule"}]


def _jupyter_server_extension_points():
    return [{"module": "nbschedule"}]


def _load_jupyter_server_extension(server_app):
    from .api import setup_handlers
    from .review import setup_review
    from .operator.workspace_git import ignore_own_folders
    from .scheduler.server import start_scheduler
    from .server_secrets import take_from_environment

    # Before any kernel starts: user kernels inherit os.environ (see server_secrets.py).
    moved = take_from_environment()
    ignore_own_folders(server_app.root_dir)
    setup_handlers(server_app.web_app)
    setup_review(server_app)
    start_scheduler(server_app)
    server_app.log.info("nbschedule server extension loaded; kept from kernels' environment: %s",
                        ", ".join(moved) or "nothing")
