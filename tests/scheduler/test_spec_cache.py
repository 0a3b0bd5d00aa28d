"""Spec files are parsed once and read again only when they change: every way a file can
change under the cache is noticed (an edit in the same timestamp tick, an edit that
keeps the old mtime, a broken replacement, a deletion, a rename), unchanged files are
not parsed again, and a link out of the root is never read."""

from __future__ import annotations

import json
import os
import time
from datetime import datetime, timedelta, timezone

from scheduler_helpers import make_spec, write_spec
from test_timing_dst import logical_dates, run_clock, timer_for

from nbschedule.scheduler.specfiles import SpecFolder

START = datetime(2026, 6, 1, tzinfo=timezone.utc)


class OneSecondFolder(SpecFolder):
    """A filesystem keeping file times in whole seconds (FAT, older NFS and ext3 do)."""

    time_resolution_ns = 1_000_000_000


def test_a_same_size_edit_within_the_same_second_is_noticed(root):
    path = write_spec(root, make_spec("edited", cron="0 6 * * *"))
    folder = OneSecondFolder(root / "schedules", 0)
    for _ in range(20):
        # Both writes and the scan between them within one second: the times the scan saw are the times after.
        if time.time_ns() % 1_000_000_000 > 600_000_000:
            time.sleep(0.45)
        second = time.time_ns() // 1_000_000_000
        path.write_text(json.dumps(make_spec("edited", cron="0 6 * * *")))
        folder.poll()
        assert folder.spec("edited")["cron"] == "0 6 * * *"
        path.write_text(json.dumps(make_spec("edited", cron="0 7 * * *")))
        if time.time_ns() // 1_000_000_000 == second:
            break
    else:
        raise AssertionError("never managed two writes within one second")
    folder.poll()
    assert folder.spec("edited")["cron"] == "0 7 * * *"


def test_an_edit_that_keeps_the_old_mtime_and_size_is_noticed(root):
    # What `cp -p`, `rsync -t` or `touch -r` leave: the content changed, mtime and size did not.
    path = write_spec(root, make_spec("kept", cron="0 6 * * *"))
    old = path.stat()
    folder = SpecFolder(root / "schedules", 0)
    folder.poll()
    time.sleep(0.01)
    path.write_text(json.dumps(make_spec("kept", cron="0 7 * * *")))
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))
    assert (path.stat().st_mtime_ns, path.stat().st_size) == (old.st_mtime_ns, old.st_size)
    folder.poll()
    assert folder.spec("kept")["cron"] == "0 7 * * *"


def test_unchanged_and_touched_files_are_not_parsed_again(root):
    for index in range(5):
        write_spec(root, make_spec(f"s{index}"))
    folder = SpecFolder(root / "schedules", 0)
    folder.poll()
    specs = {name: folder.spec(name) for name in folder.by_name}
    os.utime(root / "schedules" / "s1.json")  # touched: new times, same bytes
    write_spec(root, make_spec("s2", cron="0 7 * * *"))
    changes = folder.poll()
    assert set(changes.loaded) == {"s2"} and changes.removed == set()
    for name in ("s0", "s1", "s3", "s4"):
        assert folder.spec(name) is specs[name], name
    assert folder.poll() is None


def test_replaced_by_a_broken_file_then_deleted_then_back_under_a_new_name(root):
    for index in range(3):
        write_spec(root, make_spec(f"s{index}", cron=f"{index} * * * *", start_date="2026-06-01"))
    timer = timer_for(root)
    run_clock(timer, START, START + timedelta(minutes=59), timedelta(minutes=1))
    assert len(logical_dates(timer, "s1")) == 1

    # Replaced atomically (a new inode renamed over it) by a file that is not JSON.
    broken = root / "schedules" / ".s1.json.tmp"
    broken.write_text('{"version": 1, "name": "s1", "cron": ')
    os.replace(broken, root / "schedules" / "s1.json")
    run_clock(timer, START + timedelta(hours=1), START + timedelta(hours=1, minutes=59), timedelta(minutes=1))
    assert "not valid JSON" in timer.specs.errors["s1.json"]
    assert "s1" not in timer.applied and len(logical_dates(timer, "s1")) == 1
    assert [len(logical_dates(timer, name)) for name in ("s0", "s2")] == [2, 2]

    (root / "schedules" / "s1.json").unlink()
    run_clock(timer, START + timedelta(hours=2), START + timedelta(hours=2, minutes=59), timedelta(minutes=1))
    assert timer.specs.errors == {} and "s1" not in timer.specs.by_name

    # s2 renamed: the schedule stays active, defined by its new file, and claims each fire time once.
    write_spec(root, make_spec("s1", cron="1 * * * *", start_date="2026-06-01"))
    os.rename(root / "schedules" / "s2.json", root / "schedules" / "renamed.json")
    run_clock(timer, START + timedelta(hours=3), START + timedelta(hours=3, minutes=59), timedelta(minutes=1))
    assert timer.specs.by_name["s2"].endswith("renamed.json")
    assert logical_dates(timer, "s2") == [START + timedelta(hours=hour, minutes=2) for hour in range(4)]
    assert logical_dates(timer, "s1") == [START + timedelta(minutes=1), START + timedelta(hours=3, minutes=1)]


def test_a_spec_file_linking_out_of_the_root_is_never_read(root, tmp_path):
    outside = tmp_path / "elsewhere.json"
    outside.write_text(json.dumps(make_spec("stolen")))
    write_spec(root, make_spec("inside"), "../inside.json")  # a file inside the root, outside schedules/
    (root / "schedules" / "stolen.json").symlink_to(outside)
    (root / "schedules" / "inside.json").symlink_to(root / "inside.json")
    (root / "schedules" / "dangling.json").symlink_to(tmp_path / "missing.json")
    folder = SpecFolder(root / "schedules", 0)
    folder.poll()
    assert set(folder.by_name) == {"inside"}
    assert "may not be followed" in folder.errors["stolen.json"] and "outside" in folder.errors["stolen.json"]
    assert "may not be followed" in folder.errors["dangling.json"]

    # The schedules folder itself a link out of the root: none of its files is read.
    (root / "schedules").rename(root / "old-schedules")
    (root / "schedules").symlink_to(tmp_path)
    folder.poll()
    assert folder.by_name == {} and "may not be followed" in folder.errors["elsewhere.json"]
