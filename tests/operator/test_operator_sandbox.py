"""The sandbox holds: no network, no host namespaces, no writes outside the run folder.

No network is shown without sending anything beyond the host: a listener on the host's
loopback that nothing reaches, and the sandbox's own interfaces and routes.
"""

from __future__ import annotations

import os
import shutil
import socket

import pytest
from operator_helpers import LOGICAL_DATE, code, make_spec, notebook, read_output, write_notebook

from nbschedule.operator import run_notebook
from nbschedule.operator.sandbox import Sandbox
from nbschedule.warehouse import resolve_connection

ESCAPES = """
import os, socket, subprocess

def attempt(label, action):
    try:
        action()
        print(f"{label}: ESCAPED")
    except Exception as error:
        detail = getattr(error, "stderr", None) or error
        print(f"{label}: blocked ({type(error).__name__}: {str(detail).strip()})")

def interfaces():
    names = sorted(name for _, name in socket.if_nameindex())
    if names != ["lo"]:
        raise AssertionError(f"interfaces {names}")
    raise PermissionError(f"only interfaces {names}")

def routes():
    found = []
    for table in ("/proc/net/route", "/proc/net/ipv6_route"):
        with open(table) as file:
            rows = [line.split() for line in file.read().splitlines()]
        # IPv4 rows after the header; IPv6 rows other than loopback's own (device "lo").
        found += rows[1:] if table.endswith("/route") else [row for row in rows if row[-1] != "lo"]
    if found:
        raise AssertionError(f"routes {found}")
    raise PermissionError("no routes")

def host_loopback():
    with socket.create_connection(("127.0.0.1", host_port), timeout=3):
        pass

def enter_host_netns():
    subprocess.run(["nsenter", f"--net=/proc/{host_pid}/ns/net", "true"], check=True, capture_output=True, text=True)

def enter_pid1_netns():
    subprocess.run(["nsenter", "--net=/proc/1/ns/net", "--", "python3", "-c",
                    f"import socket; socket.create_connection(('127.0.0.1', {host_port}), timeout=3)"],
                   check=True, capture_output=True, text=True)

def read_host_netns():
    os.stat(f"/proc/{host_pid}/ns/net")
    os.readlink(f"/proc/{host_pid}/ns/net")

def write_workspace():
    with open(os.path.join(workspace, "escaped.txt"), "w") as file:
        file.write("out")

def read_warehouse_file():
    open(os.path.join(workspace, ".nbschedule", "warehouse.db"), "rb").read(16)

def read_other_runs():
    # Another schedule's output may hold data this zone must not see.
    path = os.path.join(workspace, "nbschedule-runs", "care_report", "run-1", "attempt-1", "output.ipynb")
    open(path).read()

attempt("interfaces", interfaces)
attempt("routes", routes)
attempt("host_loopback", host_loopback)
attempt("nsenter_host", enter_host_netns)
attempt("nsenter_pid1", enter_pid1_netns)
attempt("read_host_netns", read_host_netns)
attempt("write_workspace", write_workspace)
attempt("read_warehouse_file", read_warehouse_file)
attempt("read_other_runs", read_other_runs)
"""

ATTEMPTS = [
    "interfaces",
    "routes",
    "host_loopback",
    "nsenter_host",
    "nsenter_pid1",
    "read_host_netns",
    "write_workspace",
    "read_warehouse_file",
]


def _escape_run(workspace, sandbox=None, monkeypatch=None):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.5)
    resolve_connection("warehouse", workspace)  # the demo database exists, and must stay out of reach
    values = {"host_port": listener.getsockname()[1], "host_pid": os.getpid(), "workspace": str(workspace)}
    write_notebook(
        workspace, notebook(code("host_port = 0\nhost_pid = 0\nworkspace = ''", "parameters"), code(ESCAPES))
    )
    if sandbox is not None:
        monkeypatch.setattr("nbschedule.operator.run.find_sandbox", lambda: sandbox)
    try:
        result = run_notebook(
            make_spec(parameters=[{"name": k, "type": "str", "value": v} for k, v in values.items()]),
            workspace=workspace,
            logical_date=LOGICAL_DATE,
        )
        with pytest.raises(socket.timeout):
            listener.accept()  # nothing from the sandbox reached the host's loopback
    finally:
        listener.close()
    printed = "".join(output.get("text", "") for output in read_output(result).cells[-1].outputs)
    return result, printed


@pytest.mark.timeout(60)
def test_escape_attempts_fail_inside_bubblewrap_and_are_recorded(workspace):
    other_output = workspace / "nbschedule-runs" / "care_report" / "run-1" / "attempt-1" / "output.ipynb"
    other_output.parent.mkdir(parents=True)
    other_output.write_text("customer names")
    result, printed = _escape_run(workspace)

    assert result.status == "success", result.record["message"]
    assert "read_other_runs: blocked (FileNotFoundError" in printed, printed
    assert result.record["sandbox"]["name"] == "bubblewrap"
    for label in ATTEMPTS:
        assert f"{label}: blocked" in printed, printed
    assert (workspace / ".nbschedule" / "warehouse.db").exists()
    assert "ESCAPED" not in printed
    assert "only interfaces ['lo']" in printed and "routes: blocked (PermissionError: no routes)" in printed
    assert "host_loopback: blocked (ConnectionRefusedError" in printed, printed  # refused by the sandbox's own lo
    assert "Operation not permitted" in printed  # nsenter without capabilities
    assert "Read-only file system" in printed
    assert not (workspace / "escaped.txt").exists()


@pytest.mark.timeout(60)
@pytest.mark.skipif(shutil.which("unshare") is None, reason="util-linux unshare is not installed")
def test_unshare_fallback_still_has_no_network(workspace, monkeypatch):
    result, printed = _escape_run(workspace, Sandbox("unshare", shutil.which("unshare")), monkeypatch)

    assert result.status == "success", result.record["message"]
    assert result.record["sandbox"]["name"] == "unshare"
    assert "only interfaces ['lo']" in printed and "routes: blocked" in printed, printed
    assert "host_loopback: blocked" in printed, printed


@pytest.mark.timeout(30)
def test_no_sandbox_means_refused_unless_allowed(workspace, monkeypatch, kernel_starts):
    write_notebook(workspace, notebook(code("x = 1")))
    monkeypatch.setattr("nbschedule.operator.run.find_sandbox", lambda: None)

    result = run_notebook(make_spec(), workspace=workspace, logical_date=LOGICAL_DATE)

    assert (result.status, result.record["exit_reason"]) == ("refused", "sandbox_unavailable")
    assert result.output_uri is None
    assert kernel_starts == []
