"""Copies of a shared run store's files in the server root: in the run store's layout,
read-only, size-capped, and never through a symbolic link. The store here is fsspec's
in-memory filesystem (not local, like a bucket); the S3 case is in the end-to-end test."""

from __future__ import annotations

import os

import fsspec
import pytest

from nbschedule.scheduler.shared_copies import CopyRefused, copy_from_store, local_copy, with_local_inputs

ATTEMPT = "memory://bucket/runs/sales/manual__2024-03-11T05:30:00+00:00/attempt-2"
OUTPUT = f"{ATTEMPT}/output.ipynb"
MIRROR = "nbschedule-runs/airflow-runs/sales/manual__2024-03-11T05:30:00+00:00/attempt-2"


@pytest.fixture
def store():
    fs = fsspec.filesystem("memory")
    fs.pipe_file(OUTPUT, b'{"cells": []}')
    fs.pipe_file(f"{ATTEMPT}/inputs/input-2-sales.parquet", b"PAR1 rows")
    yield fs
    for bucket in ("memory://bucket", "memory://other-bucket"):
        if fs.exists(bucket):
            fs.rm(bucket, recursive=True)


def test_an_output_is_copied_once_read_only_in_the_run_store_layout(store, tmp_path):
    assert local_copy(OUTPUT, tmp_path) is None
    copy = copy_from_store(OUTPUT, tmp_path, 1000)
    assert copy == tmp_path / MIRROR / "output.ipynb" and copy.read_bytes() == b'{"cells": []}'
    assert not copy.stat().st_mode & 0o222
    assert local_copy(OUTPUT, tmp_path) == str(copy)
    store.pipe_file(OUTPUT, b"changed")  # records are immutable: the copy is not made again
    assert copy_from_store(OUTPUT, tmp_path, 1000).read_bytes() == b'{"cells": []}'
    assert [p.name for p in copy.parent.iterdir()] == ["output.ipynb"], "no partial file is left"


def test_a_file_over_the_cap_is_not_copied(store, tmp_path):
    with pytest.raises(CopyRefused, match="up to 5 bytes"):
        copy_from_store(OUTPUT, tmp_path, 5)
    assert not (tmp_path / MIRROR / "output.ipynb").exists()


@pytest.mark.parametrize("planted", ["nbschedule-runs", f"{MIRROR}", f"{MIRROR}/output.ipynb"])
@pytest.mark.parametrize("points_inside", [False, True])
def test_a_planted_link_is_never_followed(store, tmp_path, planted, points_inside):
    root, outside = tmp_path / "root", tmp_path / "outside"
    root.mkdir(), outside.mkdir()
    target = root / "elsewhere" if points_inside else outside
    target.mkdir(exist_ok=True)
    link = root / planted
    link.parent.mkdir(parents=True, exist_ok=True)
    if planted.endswith(".ipynb"):
        (target / "victim.ipynb").write_text("keep")
        os.symlink(target / "victim.ipynb", link)
    else:
        os.symlink(target, link)
    with pytest.raises(CopyRefused, match="outside the Jupyter root|symbolic link"):
        copy_from_store(OUTPUT, root, 1000)
    assert local_copy(OUTPUT, root) is None
    assert [p.name for p in target.rglob("*")] in ([], ["victim.ipynb"])
    if planted.endswith(".ipynb"):
        assert (target / "victim.ipynb").read_text() == "keep"


@pytest.mark.parametrize(
    "uri",
    [
        "memory://bucket/runs/sales/../../../etc/attempt-1/output.ipynb",
        "memory://bucket/runs/Sales/run/attempt-1/output.ipynb",
        "memory://bucket/runs/sales/run/attempt-1/record.json",
        "memory://bucket/runs/sales/run/attempt-1/inputs/../../output.ipynb",
        "memory://bucket/output.ipynb",
    ],
)
def test_a_uri_outside_a_run_store_layout_is_refused(tmp_path, uri):
    with pytest.raises(CopyRefused, match="not a file of a run store"):
        copy_from_store(uri, tmp_path, 1000)


def test_kept_inputs_of_a_store_are_copied_for_the_debug_copy(store, tmp_path):
    kept = f"{ATTEMPT}/inputs/input-2-sales.parquet"
    gone = f"{ATTEMPT}/inputs/input-4-returns.parquet"
    elsewhere = "memory://other-bucket/runs/sales/run/attempt-1/inputs/input-2-sales.parquet"
    store.pipe_file(elsewhere, b"not ours")
    record = {
        "run_id": "r",
        "staged_inputs": [
            {"cell_id": "a", "kept": kept},
            {"cell_id": "b", "kept": gone},
            {"cell_id": "c"},
            {"cell_id": "d", "kept": str(tmp_path / "local")},
            {"cell_id": "e", "kept": elsewhere},
        ],
    }
    copied, warnings = with_local_inputs(tmp_path, record, "memory://bucket/runs")
    assert copied["staged_inputs"] == [
        {"cell_id": "a", "kept": str(tmp_path / MIRROR / "inputs" / "input-2-sales.parquet")},
        {"cell_id": "b"},
        {"cell_id": "c"},
        {"cell_id": "d", "kept": str(tmp_path / "local")},
        {"cell_id": "e"},
    ]
    assert (tmp_path / MIRROR / "inputs" / "input-2-sales.parquet").read_bytes() == b"PAR1 rows"
    assert len(warnings) == 2 and gone in warnings[0] and "not in the shared run store" in warnings[1]
    assert not (tmp_path / "nbschedule-runs" / "airflow-runs" / "sales" / "run").exists()
    assert record["staged_inputs"][0]["kept"] == kept, "the record itself is not changed"
