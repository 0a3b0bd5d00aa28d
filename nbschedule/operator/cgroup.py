"""A pids cgroup per run, where the machine lets the server make one.

RLIMIT_NPROC does not hold for a server running as root (the kernel exempts root's
processes, even inside a user namespace), so the process limit is enforced by a cgroup
when one can be made: cgroup v2 where the server's own cgroup delegates the pids
controller, else a writable v1 pids hierarchy. The kernel's launcher joins the cgroup
before it starts the sandbox, so nothing of the run is ever outside it; when the run
ends every process left in it is killed and the cgroup removed.
"""

from __future__ import annotations

import functools
import os
import signal
import time
import uuid
from pathlib import Path


def _mounts() -> list[tuple[str, str, set[str]]]:
    """(mount point, file system type, super options) of every mounted cgroup hierarchy."""
    found = []
    with open("/proc/self/mountinfo") as file:
        for line in file:
            fields, _, tail = line.partition(" - ")
            fstype, _source, options = (tail.split() + ["", "", ""])[:3]
            if fstype in ("cgroup", "cgroup2"):
                found.append((fields.split()[4], fstype, set(options.split(","))))
    return found


def _own_paths() -> dict[str, str]:
    """This process's cgroup path per hierarchy: "v2" or a v1 controller name."""
    paths = {}
    with open("/proc/self/cgroup") as file:
        for line in file:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            if controllers == "":
                paths["v2"] = path
            for controller in controllers.split(","):
                paths[controller] = path
    return paths


def _candidates() -> list[tuple[str, Path]]:
    own = _own_paths()
    found = []
    for mount, fstype, options in _mounts():
        if fstype == "cgroup2" and "v2" in own:
            base = Path(mount + own["v2"])
            try:
                delegated = "pids" in (base / "cgroup.subtree_control").read_text().split()
            except OSError:
                delegated = False
            if delegated:
                found.append(("cgroup v2", base))
        elif fstype == "cgroup" and "pids" in options and "pids" in own:
            found.append(("cgroup v1", Path(mount + own["pids"])))
    return found


@functools.cache
def pids_cgroup_base() -> tuple[str, Path] | None:
    """Where run cgroups can be made (probed once), or None."""
    for version, base in _candidates():
        probe = base / f"nbschedule-probe-{os.getpid()}"
        try:
            probe.mkdir()
            ok = (probe / "pids.max").exists()
            probe.rmdir()
        except OSError:
            continue
        if ok:
            return version, base
    return None


class RunCgroup:
    """One run's pids cgroup, limited to `max_pids` tasks."""

    def __init__(self, version: str, base: Path, max_pids: int):
        self.version = version
        self.path = base / f"nbschedule-run-{uuid.uuid4().hex[:12]}"
        self.path.mkdir()
        (self.path / "pids.max").write_text(str(max_pids))

    def join_prefix(self) -> list[str]:
        """A command prefix that moves itself into this cgroup, then runs the rest."""
        return ["/bin/sh", "-c", 'echo $$ > "$0" && exec "$@"', str(self.path / "cgroup.procs")]

    def limit_hit(self) -> bool:
        """Whether a fork was refused for the limit."""
        try:
            events = dict(line.split() for line in (self.path / "pids.events").read_text().splitlines())
        except OSError:
            return False
        return int(events.get("max", "0")) > 0

    def remove(self) -> None:
        """Kill whatever of the run is left, then remove the cgroup."""
        for _ in range(50):
            try:
                pids = [int(pid) for pid in (self.path / "cgroup.procs").read_text().split()]
            except OSError:
                return
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            try:
                self.path.rmdir()
                return
            except OSError:  # EBUSY until the killed processes are gone
                time.sleep(0.05)
