"""A real S3-compatible server for tests: moto in server mode on 127.0.0.1.

Clients find it the standard way, through AWS_* environment variables, so nothing
under test is told about it in code, a DAG or a spec.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def s3_server() -> Iterator[dict[str, str]]:
    """Runs moto's S3 server; yields the AWS_* variables that point clients at it."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None, "moto's server exited at start"
                assert time.monotonic() < deadline, "moto's server did not start within 60 s"
                time.sleep(0.1)
        yield {
            "AWS_ACCESS_KEY_ID": "nbschedule-test",
            "AWS_SECRET_ACCESS_KEY": "nbschedule-test-secret",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ENDPOINT_URL_S3": f"http://127.0.0.1:{port}",
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
