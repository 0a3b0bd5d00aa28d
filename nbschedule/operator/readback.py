"""Reading back what the kernel left in the run folder, without trusting it.

After the kernel ends, the operator (outside the sandbox, with the server's rights)
reads staged files the notebook could have replaced. Each is opened one path
component at a time below the run folder with ``O_NOFOLLOW``, so a planted link (to
``.nbschedule/connections.json``, the warehouse, a folder elsewhere) is refused rather
than followed; only regular files with a single link, up to a size cap, are read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class UnsafeFile(OSError):
    """A file in the run folder that the operator refuses to read; says why."""


_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NOCTTY | os.O_NONBLOCK


def _open_below(run_folder: Path, path: Path) -> int:
    relative = path.relative_to(run_folder)  # ValueError for a path outside the run folder
    *folders, name = relative.parts
    if not name or ".." in relative.parts:
        raise UnsafeFile(f"{relative} is not a file in the run folder")
    fd = os.open(run_folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for folder in folders:
            try:
                next_fd = os.open(folder, _FLAGS | os.O_DIRECTORY, dir_fd=fd)
            except OSError as error:  # ELOOP or ENOTDIR: a link or a file where a folder should be
                raise UnsafeFile(f"{relative}: {folder} is not a folder of the run ({error.strerror})") from None
            os.close(fd)
            fd = next_fd
        try:
            return os.open(name, _FLAGS, dir_fd=fd)
        except OSError as error:
            if error.errno == 40:  # ELOOP: the last component is a link
                raise UnsafeFile(f"{relative} is a link; links out of the run are never followed") from None
            raise
    finally:
        os.close(fd)


def read_run_file(run_folder: Path, path: Path, max_bytes: int) -> bytes:
    """The bytes of `path`, a regular file below `run_folder`; raises UnsafeFile for a
    link, a special file, a hard link, or a file larger than `max_bytes`, and
    FileNotFoundError where there is nothing."""
    fd = _open_below(run_folder, path)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeFile(f"{path.name} is not a regular file")
        if info.st_nlink != 1:
            raise UnsafeFile(f"{path.name} has other names (a hard link); it is not read")
        if info.st_size > max_bytes:
            raise UnsafeFile(f"{path.name} holds {info.st_size} bytes, more than the {max_bytes} allowed")
        chunks, total = [], 0
        while chunk := os.read(fd, min(1 << 20, max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # grew after fstat
                raise UnsafeFile(f"{path.name} is larger than the {max_bytes} bytes allowed")
        return b"".join(chunks)
    finally:
        os.close(fd)
