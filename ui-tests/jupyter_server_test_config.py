"""Server configuration for Galata: a throwaway root dir and Galata's own test helpers."""

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821 (c is injected by the config loader)


# CI and the development machines run as root.
c.ServerApp.allow_root = True  # noqa: F821

# Scheduled runs in the runs-panel tests should not wait for the default tick.
c.NbScheduleScheduler.tick_seconds = 0.5  # noqa: F821
