"""Text search in the run history (any part of the schedule name or the run id) with SQLite FTS5.

A trigram index finds the runs that contain the text's three-character pieces; the plain
LIKE test then keeps exactly the runs the scan keeps (ASCII-only case folding, no
wildcards, no query syntax), so the index narrows the rows to read and never changes the
result. It pays off for rare text: text found in many runs is found sooner by reading the
history newest first and stopping after one page, so past MANY_MATCHES candidates the scan
is used. Without FTS5 (another SQLite build, another SQLAlchemy dialect) it always scans.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cache

from sqlalchemy import ColumnElement, Connection, and_, or_

from .models import RunRow

runs = RunRow.__table__
INDEX = "run_search"
MANY_MATCHES = 500
SHORTEST_INDEXED = 3  # a trigram index cannot look up fewer characters

# External content: the index stores only its trigrams. New runs are added by the writer, in bulk,
# at the end of each write transaction (catch_up): an FTS5 write inside a trigger flushes FTS5's
# buffer at every row's statement savepoint, which made claiming 10,000 runs several times slower.
# Renames and deletes are rare and done by triggers, for runs already in the index only.
_INDEXED_UP_TO = f"(SELECT coalesce(max(id), 0) FROM {INDEX}_docsize)"
_CATCH_UP = (
    f"INSERT INTO {INDEX}(rowid, schedule, run_id) SELECT id, schedule, run_id FROM runs WHERE id > {_INDEXED_UP_TO}"
)
_FORGET = f"INSERT INTO {INDEX}({INDEX}, rowid, schedule, run_id) VALUES ('delete', old.id, old.schedule, old.run_id);"
_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {INDEX} USING fts5(schedule, run_id, content='runs', "
    "content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER IF NOT EXISTS {INDEX}_delete AFTER DELETE ON runs WHEN old.id <= {_INDEXED_UP_TO} "
    f"BEGIN {_FORGET} END",
    f"CREATE TRIGGER IF NOT EXISTS {INDEX}_update AFTER UPDATE OF schedule, run_id ON runs "
    f"WHEN old.id <= {_INDEXED_UP_TO} BEGIN {_FORGET} "
    f"INSERT INTO {INDEX}(rowid, schedule, run_id) VALUES (new.id, new.schedule, new.run_id); END",
)
_PARTS = {INDEX, f"{INDEX}_delete", f"{INDEX}_update"}


@cache
def trigram_fts5_available() -> bool:
    """Whether this process's SQLite library has FTS5 with the trigram tokenizer (3.34 and later)."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute("CREATE VIRTUAL TABLE probe USING fts5(value, tokenize='trigram')")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()


def _indexed(connection: Connection) -> bool:
    return (
        connection.dialect.name == "sqlite"
        and trigram_fts5_available()
        and connection.exec_driver_sql(f"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{INDEX}'").first()
        is not None
    )


def ensure_search_index(connection: Connection) -> None:
    """Create the index and its triggers where any is missing (a new file, one from before the
    index, a trigger dropped by hand), filled from the runs already there."""
    if connection.dialect.name != "sqlite" or not trigram_fts5_available():
        return
    present = set(
        connection.exec_driver_sql(
            f"SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE '{INDEX}%'"
        ).scalars()
    )
    if _PARTS <= present:
        return
    for statement in _CREATE:
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql(f"INSERT INTO {INDEX}({INDEX}) VALUES ('rebuild')")


def catch_up(connection: Connection) -> None:
    """Index the runs added since the index was last written (called before each write commits)."""
    if _indexed(connection):
        connection.exec_driver_sql(_CATCH_UP)


def _like_escaped(value: str) -> str:
    # The text is matched literally: LIKE's wildcards in it match only themselves.
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _phrase(value: str) -> str:
    # One FTS5 string: every character inside is text, never an operator ("" is a literal quote).
    return '"' + value.replace('"', '""') + '"'


@dataclass(frozen=True)
class TextMatch:
    condition: ColumnElement[bool]
    # The condition lists the few runs the index found: read them by id. An index on another
    # filter (status, schedule) would read far more of the table to find the same rows.
    by_id: bool


def text_matches(connection: Connection, value: str) -> TextMatch:
    """The condition "the schedule name or the run id contains `value`", using the index when it helps."""
    pattern = f"%{_like_escaped(value)}%"
    contains = or_(runs.c.schedule.like(pattern, escape="\\"), runs.c.run_id.like(pattern, escape="\\"))
    # SQLite and FTS5 read text up to a NUL; the scan keeps today's answer for such text.
    if len(value) < SHORTEST_INDEXED or "\0" in value or not _indexed(connection):
        return TextMatch(contains, by_id=False)
    candidates = (
        connection.exec_driver_sql(
            # Runs written by something other than Database.write are not indexed yet: the newest ids.
            f"SELECT rowid FROM {INDEX} WHERE {INDEX} MATCH ? UNION ALL "
            f"SELECT id FROM runs WHERE id > {_INDEXED_UP_TO} LIMIT ?",
            (_phrase(value), MANY_MATCHES + 1),
        )
        .scalars()
        .all()
    )
    if len(candidates) > MANY_MATCHES:
        return TextMatch(contains, by_id=False)
    return TextMatch(and_(runs.c.id.in_(candidates), contains), by_id=True)
