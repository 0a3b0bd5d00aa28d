"""The SQLite file: WAL so readers never wait for the writer, BEGIN IMMEDIATE for writes.

pysqlite starts transactions lazily and upgrades a reader to a writer on its first
write, which under WAL fails at once with "database is locked" when another connection
committed in between. Write transactions therefore take the write lock up front (and
wait for it up to the busy timeout); reads use a separate engine with plain BEGIN.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, create_engine, event, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import SQLAlchemyError

from . import ops_tables  # noqa: F401 (its tables are on Base.metadata: imported so create_all makes them)
from .models import Base, SecretRow
from .run_search import catch_up, ensure_search_index

BUSY_TIMEOUT_SECONDS = 30


def _engine(path: Path, begin: str):
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "isolation_level": None, "check_same_thread": False},
    )

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


def _secret(connection: Connection, name: str) -> bytes:
    """The database's secret `name`, made on first use; every server sharing the file reads the same."""
    secrets = SecretRow.__table__
    connection.execute(
        sqlite_insert(secrets)
        .values(name=name, value=os.urandom(32).hex())
        .on_conflict_do_nothing(index_elements=["name"])
    )
    return bytes.fromhex(connection.execute(select(secrets.c.value).where(secrets.c.name == name)).scalar_one())


class DatabaseUnusable(RuntimeError):
    """The state file cannot be opened or used; str() names the cause and the fix."""


def unusable(path: Path, error: BaseException) -> DatabaseUnusable:
    cause = str(getattr(error, "orig", None) or error).strip() or type(error).__name__
    return DatabaseUnusable(
        f"The embedded scheduler cannot use its database {path}: {cause}. Move that file (and any "
        f"{path.name}-wal and {path.name}-shm beside it) aside, or point NbScheduleScheduler.database at a "
        "good copy, then restart Jupyter; the schedules are read again from schedules/*.json and runs already "
        "in the run store are recognised, not run again."
    )


def _add_missing_columns(connection: Connection) -> None:
    """Columns and indexes added to a table after a file was created (create_all adds only tables)."""
    for table in Base.metadata.sorted_tables:
        present = {row[1] for row in connection.exec_driver_sql(f"PRAGMA table_info({table.name})")}
        for column in table.columns:
            if column.name not in present:
                kind = column.type.compile(connection.dialect)
                default = f" DEFAULT '{column.server_default.arg}'" if column.server_default is not None else ""
                connection.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {column.name} {kind}{default}")
        for index in table.indexes:  # likewise for indexes of columns added later
            index.create(connection, checkfirst=True)


class Database:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._watch: sqlite3.Connection | None = None
        self._seen_version = 0
        self._open()

    def _open(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _enable_wal(self.path)
            writer, reader = _engine(self.path, "BEGIN IMMEDIATE"), _engine(self.path, "BEGIN")
            with writer.begin() as connection:
                Base.metadata.create_all(connection)
                _add_missing_columns(connection)
                ensure_search_index(connection)
                self.cursor_key = _secret(connection, "cursor_key")
            stat = self.path.stat()
        except (OSError, sqlite3.Error, SQLAlchemyError) as error:
            raise unusable(self.path, error) from error
        self._writer, self._reader = writer, reader
        self._identity = (stat.st_dev, stat.st_ino)

    def replaced(self) -> bool:
        """Whether the file was deleted or another file put in its place since it was opened:
        writes to the open handle would be lost with the unlinked file."""
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return True
        return (stat.st_dev, stat.st_ino) != self._identity

    def reopen(self) -> None:
        """Open the file now at `path` (a new one if it is gone); raises DatabaseUnusable."""
        self.close()
        self._open()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self._writer.begin() as connection:
            yield connection
            catch_up(connection)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._reader.begin() as connection:
            yield connection

    def committed_elsewhere(self) -> bool:
        """Whether another connection, of this process or another, committed since the last
        call (the first call answers False): SQLite's data_version, read on a connection of
        its own that never writes. It costs microseconds, so it can be asked often."""
        try:
            if self._watch is None:
                self._watch = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
                self._seen_version = self._watch.execute("PRAGMA data_version").fetchone()[0]
                return False
            version = self._watch.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return False  # the next tick finds what is wrong with the file and says so
        changed, self._seen_version = version != self._seen_version, version
        return changed

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        self._writer.dispose()
        self._reader.dispose()
