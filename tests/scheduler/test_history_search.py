"""Text search of the run history (`q`): the FTS5 index gives exactly the scan's answer, whatever the text."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import create_engine, delete, insert, update

from nbschedule.scheduler.database import Database
from nbschedule.scheduler.history import RunFilter, list_runs
from nbschedule.scheduler.models import Base
from nbschedule.scheduler.run_rows import runs
from nbschedule.scheduler.run_search import INDEX, MANY_MATCHES, text_matches

START = datetime(2026, 1, 1, tzinfo=timezone.utc)
# Run ids and names full of FTS5 query syntax, LIKE wildcards and non-ASCII text.
NAMES = [
    'say "hi"',
    "glob*star",
    "NEAR(a b)",
    "minus-sign",
    "(paren)",
    "a OR b",
    "col:on",
    "^caret",
    "pct%_x",
    "Ünïcode_é",
    "日本語の報告",
    "back\\slash",
    "plain",
    "PLAIN_upper",
    "tab\there",
]
TEXTS = [
    '"',
    '""',
    'y "h',
    "*",
    "b*s",
    "NEAR",
    "NEAR(a",
    "-sign",
    "-",
    "(",
    ")",
    "(paren)",
    "a OR b",
    "OR",
    "AND",
    "NOT",
    "col:",
    "{schedule}: x",
    "^c",
    "%",
    "_",
    "pct%_",
    "ünï",
    "Ünï",
    "é",
    "日本語",
    "の報",
    "\\",
    "k\\s",
    "plain",
    "PLAIN",
    "lain_",
    "\t",
    "b\th",
    "x" * 200,
    "ab\0cd",
    "  ",
    "scheduled__",
    "__",
    "2026-01-01T05",
    "zz_nowhere",
]


def fill(database: Database, rows: list[tuple[str, str]]) -> None:
    with database.write() as connection:
        connection.execute(
            insert(runs),
            [
                {
                    "run_id": run_id,
                    "schedule": schedule,
                    "owner": "ada",
                    "trigger": "manual",
                    "status": "success",
                    "logical_date": START + timedelta(hours=i % 7),
                    "next_try_at": START,
                    "created_at": START,
                }
                for i, (schedule, run_id) in enumerate(rows)
            ],
        )


def ascii_folded(text: str) -> str:
    return "".join(c.lower() if c.isascii() else c for c in text)


def expected(rows: list[dict], text: str) -> list[int]:
    """What the scan keeps: the text anywhere in the name or id, ASCII letters in either case."""
    needle = ascii_folded(text)
    return [
        row["id"] for row in rows if needle in ascii_folded(row["schedule"]) or needle in ascii_folded(row["run_id"])
    ]


def everything(database: Database, root, text: str | None, size: int = 500) -> list[dict]:
    found, cursor = [], None
    while True:
        with database.read() as connection:
            page, cursor = list_runs(connection, RunFilter(text=text), cursor, size, root, database.cursor_key)
        found += page
        if cursor is None:
            return found


def uses_index(database: Database, text: str) -> bool:
    with database.read() as connection:
        return text_matches(connection, text).by_id


def test_search_text_is_text_never_syntax_and_matches_the_scan(root):
    database = Database(root / "state.db")
    fill(
        database,
        [(name, f"manual__{START:%Y-%m-%dT%H}_{i}") for i, name in enumerate(NAMES)]
        + [("plain", name) for name in NAMES],
    )
    all_runs = everything(database, root, None)
    assert uses_index(database, "NEAR(a") and uses_index(database, "日本語")
    assert not uses_index(database, "日本")  # shorter than a trigram: scanned
    indexed = {text: everything(database, root, text, size=3) for text in TEXTS}
    for text in TEXTS:
        if "\0" not in text:  # SQLite's LIKE reads its pattern up to a NUL: compared with the scan below only
            assert [r["id"] for r in indexed[text]] == expected(all_runs, text), text
    assert [r["id"] for r in indexed["NEAR(a"]] == [
        r["id"] for r in all_runs if "NEAR(a b)" in (r["schedule"], r["run_id"])
    ]
    with database.write() as connection:  # the same database without the index: the scan's own answers
        connection.exec_driver_sql(f"DROP TABLE {INDEX}")
    for text in TEXTS:
        assert everything(database, root, text, size=3) == indexed[text], text
    assert not uses_index(database, "NEAR(a")


def test_the_index_follows_inserts_renames_deletes_and_is_built_for_older_files(root):
    database = Database(root / "state.db")
    fill(database, [("alpha", "manual__one"), ("beta", "manual__two")])
    with database.write() as connection:
        connection.execute(update(runs).where(runs.c.run_id == "manual__one").values(run_id="manual__renamed"))
        connection.execute(delete(runs).where(runs.c.schedule == "beta"))
    assert [r["run_id"] for r in everything(database, root, "renamed")] == ["manual__renamed"]
    assert everything(database, root, "manual__one") == [] and everything(database, root, "beta") == []
    with database.write() as connection:  # a file from before the index, with runs in it
        connection.exec_driver_sql(f"DROP TABLE {INDEX}")
        for trigger in ("delete", "update"):
            connection.exec_driver_sql(f"DROP TRIGGER {INDEX}_{trigger}")
    fill(database, [("gamma", "manual__three")])
    database.close()
    upgraded = Database(root / "state.db")
    assert uses_index(upgraded, "gamma")
    assert [r["run_id"] for r in everything(upgraded, root, "manual__")] == ["manual__three", "manual__renamed"]
    with upgraded.write() as connection:  # a trigger lost: the next opening restores it and rebuilds
        connection.exec_driver_sql(f"DROP TRIGGER {INDEX}_update")
        connection.execute(update(runs).where(runs.c.run_id == "manual__three").values(run_id="manual__four"))
    upgraded.close()
    assert [r["run_id"] for r in everything(Database(root / "state.db"), root, "four")] == ["manual__four"]


def test_runs_written_around_the_writer_are_found_until_it_indexes_them(root):
    database = Database(root / "state.db")
    fill(database, [("indexed", "manual__one")])
    engine = create_engine(f"sqlite:///{root / 'state.db'}")  # another program writing the file directly
    with engine.begin() as connection:
        connection.execute(
            insert(runs),
            [
                {
                    "run_id": "manual__two",
                    "schedule": "written_around",
                    "owner": "ada",
                    "trigger": "manual",
                    "status": "success",
                    "logical_date": START,
                    "next_try_at": START,
                    "created_at": START,
                }
            ],
        )
    engine.dispose()
    assert uses_index(database, "written_around")
    assert [r["run_id"] for r in everything(database, root, "written_around")] == ["manual__two"]
    with database.write() as connection:  # any write transaction of the scheduler indexes them
        count = connection.exec_driver_sql(f"SELECT count(*) FROM {INDEX} WHERE {INDEX} MATCH 'written_around'")
        assert count.scalar_one() == 0
    with database.read() as connection:
        count = connection.exec_driver_sql(f"SELECT count(*) FROM {INDEX} WHERE {INDEX} MATCH 'written_around'")
        assert count.scalar_one() == 1


def test_common_text_pages_like_rare_text_with_the_cursor(root):
    database = Database(root / "state.db")
    fill(
        database,
        [(f"s{i % 3}", f"scheduled__{i:05d}") for i in range(MANY_MATCHES + 100)]
        + [("rare", f"scheduled__rare_{i}") for i in range(11)],
    )
    all_runs = everything(database, root, None)
    assert not uses_index(database, "scheduled") and uses_index(database, "rare")
    for text in ("scheduled", "rare", "s1", "0099"):
        pages = everything(database, root, text, size=4)
        ids = [r["id"] for r in pages]
        assert ids == expected(all_runs, text) and len(ids) == len(set(ids)), text
        assert [(r["logical_date"], r["id"]) for r in pages] == sorted(
            ((r["logical_date"], r["id"]) for r in pages), reverse=True
        )
    with database.write() as connection:
        connection.execute(update(runs).where(runs.c.id % 3 == 0).values(status="failed"))
    for text in ("scheduled", "rare"):  # read by id or scanned, the other filters still apply
        with database.read() as connection:
            page, _ = list_runs(
                connection, RunFilter(statuses=("failed",), text=text), None, 500, root, database.cursor_key
            )
        assert [r["id"] for r in page] == [i for i in expected(all_runs, text) if i % 3 == 0][:500], text


def test_a_database_without_the_index_scans(root):
    engine = create_engine(f"sqlite:///{root / 'plain.db'}")  # e.g. made by another tool: no FTS5 table
    Base.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(runs),
            [
                {
                    "run_id": "manual__x",
                    "schedule": "plain_db",
                    "owner": "ada",
                    "trigger": "manual",
                    "status": "success",
                    "logical_date": START,
                    "next_try_at": START,
                    "created_at": START,
                }
            ],
        )
        assert not text_matches(connection, "plain_db").by_id
        page, _ = list_runs(connection, RunFilter(text='"plain_db'), None, 5, root, b"k")
        assert page == []
        page, _ = list_runs(connection, RunFilter(text="PLAIN_DB"), None, 5, root, b"k")
        assert [r["run_id"] for r in page] == ["manual__x"]
