"""A run cannot exhaust the host: each limit ends the run as a failure naming it,
with the output notebook kept, and nothing of the run left behind."""

from __future__ import annotations

import pytest
from escape_helpers import run_cells
from operator_helpers import read_output

RUN_FOLDER = "import os\nrun = os.path.dirname(os.environ['IPYTHONDIR'])\n"

CASES = {
    "fork_bomb": (
        "import os, time\nwhile True:\n    if os.fork() == 0:\n        time.sleep(60)\n        os._exit(0)",
        "process_limit",
        "BlockingIOError",
    ),
    "thread_bomb": (
        "import threading, time\nwhile True:\n    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()",
        "process_limit",
        "RuntimeError",
    ),
    "memory_hog": (
        "chunks = []\nwhile True:\n    chunks.append(bytearray(64 * 1024 * 1024))",
        "memory_limit",
        "MemoryError",
    ),
    # The per-file rlimit (EFBIG) and the folder watcher (a kill) race here; either stops it.
    "one_big_file_in_the_run_folder": (
        RUN_FOLDER + "with open(run + '/fill', 'wb') as f:\n    f.write(b'x' * 64 * 2**20)",
        "disk_limit",
        ("OSError", "DeadKernelError"),
    ),
    "many_files_in_the_run_folder": (
        RUN_FOLDER + "import time\nfor i in range(64):\n"
        "    with open(f'{run}/fill{i}', 'wb') as f:\n        f.write(b'x' * 2**20)\n"
        "time.sleep(30)",
        "disk_limit",
        "DeadKernelError",
    ),
    "tmp_filler": ("with open('/tmp/fill', 'wb') as f:\n    f.write(b'x' * 64 * 2**20)", "disk_limit", "OSError"),
    "home_filler": (
        "import os\nwith open(os.path.expanduser('~/fill'), 'wb') as f:\n    f.write(b'x' * 64 * 2**20)",
        "disk_limit",
        "OSError",
    ),
    # Flushed per line: unflushed, the kernel's own output buffer can reach the memory limit first.
    "output_flood": ("while True:\n    print('y' * 10000, flush=True)", "output_limit", "DeadKernelError"),
    "cpu_spin": ("while True:\n    pass", "cpu_limit", "DeadKernelError"),
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("case", list(CASES))
def test_a_limit_hit_is_a_failed_run_naming_it(workspace, run_tmp, case):
    source, reason, ename = CASES[case]

    result, printed = run_cells(
        workspace,
        "print('before')",
        source,
        "print('never')",
        limits={"cpu_seconds": 3} if case == "cpu_spin" else None,
    )

    assert (result.status, result.record["exit_reason"]) == ("failed", reason), result.record["message"]
    assert result.record["error"]["ename"] in ((ename,) if isinstance(ename, str) else ename)
    assert result.record["failing_cell"]["source_index"] == 1
    limits = result.record["limits"]
    assert limits["processes"] == 64 and limits["enforced_by"]["processes"]
    assert printed.startswith("before\n") and "never" not in printed  # the output notebook is kept
    output = read_output(result)
    assert output.metadata["nbschedule"]["status"] == "failed"
    assert list(run_tmp.iterdir()) == []  # the run folder and whatever filled it are gone


@pytest.mark.timeout(60)
def test_the_output_notebook_of_a_flood_stays_under_its_limit(workspace):
    result, _ = run_cells(workspace, "while True:\n    print('y' * 10000, flush=True)")

    assert result.record["exit_reason"] == "output_limit"
    with open(result.output_uri, "rb") as file:
        assert len(file.read()) < 3 * 2**20  # output_mb is 2
