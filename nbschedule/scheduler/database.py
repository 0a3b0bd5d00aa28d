"""The SQLite file: WAL so readers never wait for the writer, BEGIN IMMEDIATE for writes.

pysqlite starts transactions lazily and upgrades a reader to a writer on its first
write, which under WAL fails at once with "database is locked" when another connection
committed in between. Write transactions therefore take the write lock up front (and
wait for it up to the busy timeout); reads use a separate engine with plain BEGIN.
"""

from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import Connection, create_engine, event

from .models import Base

BUSY_TIMEOUT_SECONDS = 30


def _engine(path: Path, begin: str):
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_SECONDS,
                                                              "isolation_level": None,
                                                              "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql(begin)

    return engine


def _enable_wal(path: Path) -> None:
    """Switch the file to WAL once; the mode is stored in the file itself.

    The switch needs the database to itself and, unlike ordinary writes, does not wait
    for it: two servers starting together would see "database is locked" at once.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            mode = connection.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode == "wal":
                return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
        finally:
            connection.close()
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError(f"{path} could not be switched to WAL mode")
        time.sleep(0.05)


def _add_missing_columns(connection: Connection) -> None:
    """Columns added to a table after a file was created (create_all adds only tables)."""
    for table in Base.metadata.sorted_tables:
        present = {row[1] for row in connection.exec_driver_sql(f"PRAGMA table_info({table.name})")}
        for column in table.columns:
            if column.name not in present:
                kind = column.type.compile(connection.dialect)
                default = f" DEFAULT '{column.server_default.arg}'" if column.server_default is not None else ""
                connection.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}{default}")


class Database:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _enable_wal(self.path)
        self._writer = _engine(self.path, "BEGIN IMMEDIATE")
        self._reader = _engine(self.path, "BEGIN")
        with self._writer.begin() as connection:
            Base.metadata.create_all(connection)
            _add_missing_columns(connection)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self._writer.begin() as connection:
            yield connection

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._reader.begin() as connection:
            yield connection

    def close(self) -> None:
        self._writer.dispose()
        self._reader.dispose()
