"""nbschedule: turn a notebook into a reviewed, scheduled, lineage-aware job."""

try:
    from ._version import __version__
except ImportError:  # running from a source tree that was never built
    __version__ = "dev"

from .publishing import publish  # noqa: E402  (a notebook's call; standard library only)

__all__ = ["__version__", "publish"]


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "nbschedule"}]


def _jupyter_server_extension_points():
    from .extension import NbScheduleExtension

    return [{"module": "nbschedule", "app": NbScheduleExtension}]
