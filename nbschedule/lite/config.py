"""``NbScheduleLite``: the administrator's settings for lite runs.

c.NbScheduleLite.pyodide_url = "https://pyodide.example.com/v0.29.5/full/"
c.NbScheduleLite.max_staged_bytes = 16 * 1024 * 1024
c.NbScheduleLite.wheels_folder = "/srv/lite-wheels"
"""

from __future__ import annotations

from traitlets import Int, Unicode
from traitlets.config import Configurable

SETTINGS_KEY = "nbschedule_lite"


class NbScheduleLite(Configurable):
    pyodide_url = Unicode(
        "",
        config=True,
        help="A full Pyodide distribution of the same version as the bundled core (its folder URL, ending in /). "
        "Empty (the default): the core the extension serves itself, stdlib only, and nothing is fetched "
        "from elsewhere. Set: the browser loads Pyodide and its packages (pandas and friends) from there.",
    )
    max_staged_bytes = Int(
        16 * 1024 * 1024,
        min=0,
        config=True,
        help="Most bytes of staged query results (CSV) a lite run may send to the browser; a notebook whose "
        "inputs are larger runs on the server.",
    )
    wheels_folder = Unicode(
        "",
        config=True,
        help="A folder of pure-Python wheels (py3-none-any) the server serves to lite kernels at "
        "/nbschedule/lite/wheels/. A module one of them provides counts as available to a lite notebook, and the "
        "browser installs the wheel from this server when a cell imports it; nothing comes from the internet. "
        "Empty (the default): no wheels.",
    )


def lite_settings(settings: dict) -> NbScheduleLite:
    """The server's lite settings, made once from its configuration."""
    if SETTINGS_KEY not in settings:
        settings[SETTINGS_KEY] = NbScheduleLite(config=settings.get("config"))
    return settings[SETTINGS_KEY]
