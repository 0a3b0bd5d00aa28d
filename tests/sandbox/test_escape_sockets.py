"""No Unix socket of the host is reachable: not in the host home, not in the workspace.

A read-only mount does not stop connect(); a Jupyter server listening on a socket file
(``--ServerApp.sock``) would otherwise take requests from the notebook.
"""

from __future__ import annotations

import socket
import threading

import pytest
from escape_helpers import run_cells

CONNECT = """
import socket
for label, path in {paths!r}.items():
    client = socket.socket(socket.AF_UNIX)
    try:
        client.connect(path)
        client.sendall(b"GET /api/contents HTTP/1.0\\r\\n\\r\\n")
        print(label, "CONNECTED")
    except Exception as error:
        print(label, "blocked", type(error).__name__)
    finally:
        client.close()
"""


class Listener:
    """A real listening Unix socket on the host that records every connection."""

    def __init__(self, path):
        self.server = socket.socket(socket.AF_UNIX)
        self.server.bind(str(path))
        self.server.listen()
        self.server.settimeout(0.2)
        self.connections = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while not self.stopped.is_set():
            try:
                connection, _ = self.server.accept()
            except (TimeoutError, OSError):
                continue
            self.connections += 1
            connection.close()

    def close(self):
        self.stopped.set()
        self.thread.join()
        self.server.close()


@pytest.mark.timeout(60)
def test_sockets_in_the_home_and_the_workspace_are_unreachable(workspace, host_home):
    (workspace / "sub").mkdir()
    listeners = {
        "home": Listener(host_home / "jupyter.sock"),
        "workspace": Listener(workspace / "sub" / "app.sock"),
        "workspace_top": Listener(workspace / "server.sock"),
    }
    paths = {label: listener.server.getsockname() for label, listener in listeners.items()}
    try:
        # The listeners work: the host itself can connect.
        for path in paths.values():
            with socket.socket(socket.AF_UNIX) as probe:
                probe.connect(path)
        result, printed = run_cells(workspace, CONNECT.format(paths=paths))
    finally:
        for listener in listeners.values():
            listener.close()

    assert (result.status, result.record["exit_reason"]) == ("success", "completed"), result.record["message"]
    assert "home blocked FileNotFoundError" in printed, printed
    assert "workspace blocked ConnectionRefusedError" in printed and "workspace_top blocked" in printed, printed
    assert "CONNECTED" not in printed
    assert {label: listener.connections for label, listener in listeners.items()} == {
        "home": 1,
        "workspace": 1,
        "workspace_top": 1,
    }  # the host's own probe only
