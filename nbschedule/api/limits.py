"""``NbScheduleApi``: limits on what one request may ask of the server.

c.NbScheduleApi.max_body_bytes = 8 * 1024 * 1024
"""

from __future__ import annotations

from traitlets import Float, Int
from traitlets.config import Configurable

SETTINGS_KEY = "nbschedule_api_limits"


class NbScheduleApi(Configurable):
    max_body_bytes = Int(
        4 * 1024 * 1024,
        min=1024,
        help="Largest request body (bytes) nbschedule's REST API "
        "reads; a larger one is refused with 413 before it is read.",
    ).tag(config=True)
    max_body_depth = Int(64, min=4, help="Deepest nesting of arrays and objects in a JSON request body.").tag(
        config=True
    )
    max_list_items = Int(
        500,
        min=1,
        help="Most items in any one list of a spec sent to the spec check or a test "
        "run (inputs, outputs, parameters, notifications).",
    ).tag(config=True)
    check_seconds = Float(
        10.0, min=0.1, help="Longest a spec check may compute (off the event loop) before it is abandoned with 503."
    ).tag(config=True)


def api_limits(settings: dict) -> NbScheduleApi:
    """The server's limits, made once from its configuration."""
    if SETTINGS_KEY not in settings:
        settings[SETTINGS_KEY] = NbScheduleApi(config=settings.get("config"))
    return settings[SETTINGS_KEY]
