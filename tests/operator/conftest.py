"""Shared fixtures: a workspace with notebooks, a spec builder, and real local servers."""

from __future__ import annotations

import http.server
import json
import shutil
import socketserver
import tempfile
import threading
from pathlib import Path

import operator_helpers  # noqa: F401  (puts the repository on sys.path)
import pytest
from local_servers import http_server_thread


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    folder.mkdir()
    return folder


@pytest.fixture(autouse=True)
def run_tmp(monkeypatch, tmp_path_factory) -> Path:
    """A fresh, short temp dir for run folders, so a test can see what a run leaves behind.

    Short because ZeroMQ ipc socket paths live in the run folder and Unix socket paths
    are limited to about 107 bytes.
    """
    tmp_path_factory.getbasetemp()  # fixed before the patch, so tmp_path stays where pytest keeps it
    folder = Path(tempfile.mkdtemp(prefix="nbs-", dir="/tmp"))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


class _Recorder(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.append({"path": self.path, "json": json.loads(body)})
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    """A real HTTP server on localhost recording every POSTed JSON body."""
    with http_server_thread(_Recorder) as server:
        server.received = []
        yield server


class _SmtpSession(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) for smtplib: greeting, EHLO, MAIL, RCPT, DATA, QUIT."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self):
        self.reply("220 localhost test SMTP")
        envelope = {"to": []}
        while line := self.rfile.readline().decode().rstrip("\r\n"):
            verb = line.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO", "NOOP", "RSET"):
                self.reply("250 localhost")
            elif verb == "MAIL":
                envelope["from"] = line.split(":", 1)[1].strip()
                self.reply("250 OK")
            elif verb == "RCPT":
                envelope["to"].append(line.split(":", 1)[1].strip())
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while (row := self.rfile.readline().decode()) not in (".\r\n", ""):
                    data.append(row)
                self.server.messages.append({**envelope, "data": "".join(data)})
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


@pytest.fixture
def smtp_server(monkeypatch):
    """A real SMTP server on localhost, configured through the NBSCHEDULE_SMTP_* variables."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SmtpSession)
    server.daemon_threads = True
    server.messages = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("NBSCHEDULE_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("NBSCHEDULE_SMTP_PORT", str(server.server_address[1]))
    monkeypatch.setenv("NBSCHEDULE_SMTP_FROM", "scheduler@example.com")
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def kernel_starts(monkeypatch) -> list:
    """Every sandboxed kernel start during the test (to prove none happened)."""
    from nbschedule.operator.kernel import SandboxedKernelManager

    starts = []
    original = SandboxedKernelManager.start_kernel

    async def counting_start(self, **kwargs):
        starts.append(kwargs)
        return await original(self, **kwargs)

    monkeypatch.setattr(SandboxedKernelManager, "start_kernel", counting_start)
    return starts
