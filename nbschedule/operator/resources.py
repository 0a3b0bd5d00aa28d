"""CPU time and peak memory of one attempt, the kernel's included (``record["resources"]``).

The kernel is measured through the operator's children's usage: the sandbox's shell
and init wait for it, and the operator waits for the sandbox, so once the kernel has
exited (politely, see sandbox.py) its CPU time and peak memory are added to this
process's children's counters. A kernel SIGKILLed with its sandbox would not be.
Peak memory of the children is a running maximum over the process's life: it is known
for this attempt only when it grew during it (always, in a fresh run process such as
``nbschedule run`` or a scheduler worker), and null otherwise.
"""

from __future__ import annotations

import resource
import sys
from typing import Any

_KIB_PER_MIB = 1024


def _mib(maxrss: int) -> float:
    # Linux reports ru_maxrss in KiB, macOS in bytes.
    return round(maxrss / (_KIB_PER_MIB * 1024 if sys.platform == "darwin" else _KIB_PER_MIB), 1)


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


class ResourceMeter:
    """Started when an attempt starts; `usage()` once its kernel has been waited for."""

    def __init__(self) -> None:
        self.own = resource.getrusage(resource.RUSAGE_SELF)
        self.children = resource.getrusage(resource.RUSAGE_CHILDREN)

    def usage(self) -> dict[str, Any]:
        own = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        kernel_cpu = _cpu(children) - _cpu(self.children)
        operator_cpu = _cpu(own) - _cpu(self.own)
        return {
            "cpu_seconds": round(kernel_cpu + operator_cpu, 3),
            "kernel_cpu_seconds": round(kernel_cpu, 3),
            "operator_cpu_seconds": round(operator_cpu, 3),
            "kernel_peak_rss_mb": _mib(children.ru_maxrss) if children.ru_maxrss > self.children.ru_maxrss else None,
            "operator_peak_rss_mb": _mib(own.ru_maxrss),
        }
