"""``nbschedule scheduler ROOT``: the scheduler as a service, without a Jupyter server.

It competes for the firing lease with any Jupyter server on the same workspace (see
lease.py), so it can run beside them, and fires schedules while nobody is logged in.

Stopping (SIGTERM or SIGINT): the lease is handed over at once (released, so a standby
takes it on its next tick), nothing more starts, and the runs this process started are
given `stop_grace` seconds to finish; a second signal, or the end of the grace, stops
the rest, whose attempts the next holder retries as lost.

Between ticks it watches the database and its workers, as the server's own scheduler is
woken by commits in its process: another process's commit (a Run now, cancel or pause
through a Jupyter server's REST API) or a worker's end starts the next tick within
WATCH_SECONDS rather than at the tick interval.

With `http_port`, GET /metrics (Prometheus text) and GET /health (JSON) are served on
127.0.0.1 only: both are read-only; changes go through the CLI or the server's REST API.
"""

from __future__ import annotations

import json
import logging
import signal
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ..metrics import metrics_text
from .config import NbScheduleScheduler
from .engine import Scheduler
from .health import health_report
from .launcher import ProcessLauncher

log = logging.getLogger("nbschedule.scheduler")

WATCH_SECONDS = 0.05


def _http_handler(scheduler: Scheduler) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            path = self.path.split("?", 1)[0]
            if path == "/metrics":
                body, content_type = metrics_text(scheduler.db)
                status = 200
            elif path == "/health":
                report = health_report(scheduler)
                body, content_type = json.dumps(report).encode(), "application/json"
                status = 200 if report["alive"] else 503
            else:
                body, content_type, status = (
                    b'{"message": "Not found: try /metrics or /health."}',
                    "application/json",
                    404,
                )
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args) -> None:  # scrapes every few seconds would flood the log
            pass

    return Handler


def serve(root: str, config: NbScheduleScheduler, *, http_port: int | None = None, stop_grace: float = 60.0) -> int:
    http = None
    if http_port is not None:  # bound first: a busy port fails before anything starts
        try:
            http = ThreadingHTTPServer(("127.0.0.1", http_port), BaseHTTPRequestHandler)
        except OSError as error:
            raise ValueError(f"cannot serve metrics on 127.0.0.1:{http_port}: {error.strerror}") from None
    scheduler = Scheduler(root, config, kind="service", log=log)
    stop, hurry, worker_ended = threading.Event(), threading.Event(), threading.Event()
    if isinstance(scheduler.execution.launcher, ProcessLauncher):
        scheduler.execution.launcher.on_exit = worker_ended.set

    def on_signal(*_args) -> None:
        (hurry if stop.is_set() else stop).set()

    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, on_signal)
    if http is not None:
        http.RequestHandlerClass = _http_handler(scheduler)
        threading.Thread(target=http.serve_forever, name="nbschedule-http", daemon=True).start()
        log.info("nbschedule: metrics and health on http://127.0.0.1:%d/", http.server_address[1])
    log.info("nbschedule: scheduler service for %s (process %s)", scheduler.root, scheduler.lease.server_id)
    while not stop.is_set():
        _tick(scheduler)
        _wait_for_work(scheduler, stop, worker_ended)
    scheduler.firing.resign()
    log.info("nbschedule: stopping; firing lease released, %d runs left to finish", len(scheduler.execution.running))
    deadline = time.monotonic() + stop_grace
    while scheduler.execution.running and not hurry.is_set() and time.monotonic() < deadline:
        _tick(scheduler)
        hurry.wait(config.tick_seconds)
    if http is not None:
        http.shutdown()
        http.server_close()
    scheduler.shutdown()
    return 0


def _wait_for_work(scheduler: Scheduler, stop: threading.Event, worker_ended: threading.Event) -> None:
    """Until the next tick is due, another connection commits, a worker ends, or `stop` is set."""
    scheduler.db.committed_elsewhere()  # the tick's own writes are not news
    deadline = time.monotonic() + scheduler.pause_before_next_tick()
    while not stop.is_set():
        left = deadline - time.monotonic()
        if left <= 0 or worker_ended.is_set() or scheduler.db.committed_elsewhere():
            worker_ended.clear()
            return
        stop.wait(min(WATCH_SECONDS, left))


def _tick(scheduler: Scheduler) -> None:
    try:
        scheduler.tick()
    except Exception:  # logged; the next tick tries again
        log.exception("nbschedule: scheduler tick failed")
