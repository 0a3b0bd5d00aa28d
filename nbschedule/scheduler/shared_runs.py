"""Runs other engines (Airflow workers) recorded in a shared run store, listed as runs here.

Airflow workers write attempts to ``<store>/<schedule>/<run_id>/attempt-<n>/`` on any
fsspec URL (an S3 bucket, say), exactly as this server's workers do. Every few seconds
the records found there that this server did not run itself become rows of the run
history with ``engine = "airflow"``, so the runs panel, the run context pane and the
``/runs`` API show them beside embedded runs. Records are immutable once written, so an
attempt is read once; the store is never written from here.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import fsspec
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.exc import IntegrityError

from .database import Database
from .models import AttemptRow, RunRow
from .shared_copies import MAX_OUTPUT_BYTES, copy_from_store

runs, attempts = RunRow.__table__, AttemptRow.__table__
ENGINE = "airflow"
RUN_TRIGGERS = ("scheduled", "backfill", "manual")


def _instant(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class SharedRunStore:
    """Imports the records of one shared run store into the run history."""

    def __init__(self, url: str, db: Database, every: timedelta, log: logging.Logger, server_root: Path | None = None):
        self.fs, root = fsspec.core.url_to_fs(url)
        self.root = root.rstrip("/")
        self.db, self.every, self.log = db, every, log
        # Output notebooks are copied into the server root, where the runs panel opens them.
        self.server_root = server_root
        self._imported: set[str] = set()
        self._next_sync: datetime | None = None

    def attempt_uri(self, path: str) -> str:
        return path if "file" in self.fs.protocol else self.fs.unstrip_protocol(path)

    def sync(self, now: datetime) -> int:
        """Import the records written since the last sync (at most once per `every`);
        returns how many attempts were imported."""
        if self._next_sync is not None and now < self._next_sync:
            return 0
        self._next_sync = now + self.every
        self.fs.invalidate_cache()
        try:
            found = self.fs.glob(f"{self.root}/*/*/attempt-*/record.json")
        except FileNotFoundError:
            return 0
        fresh = sorted(path for path in found if path not in self._imported)
        records = []
        for path in fresh:
            try:
                record = json.loads(self.fs.cat_file(path))
            except (OSError, ValueError) as error:
                self.log.warning("nbschedule: skipped unreadable run record %s: %s", path, error)
                continue
            records.append((path.rsplit("/", 1)[0], record))
        # Copied first, so a run is never listed before its output can be opened.
        for _, record in records:
            self._copy_output(record)
        with self.db.write() as connection:
            imported = sum(self._import(connection, folder, record, now) for folder, record in records)
        self._imported.update(fresh)
        return imported

    def _copy_output(self, record: dict[str, Any]) -> None:
        if self.server_root is None or not record.get("output_uri") or "file" in self.fs.protocol:
            return
        try:
            copy_from_store(record["output_uri"], self.server_root, MAX_OUTPUT_BYTES)
        except OSError as error:
            self.log.warning("nbschedule: the output notebook %s was not copied: %s", record["output_uri"], error)

    def _import(self, connection: Connection, folder: str, record: dict[str, Any], now: datetime) -> bool:
        run = connection.execute(
            select(runs).where(runs.c.schedule == record["schedule"], runs.c.run_id == record["run_id"])
        ).first()
        if run is not None and run.engine != ENGINE:
            return False  # this server's own run: its scheduler keeps it up to date
        if run is None:
            run_pk = self._insert_run(connection, record, now)
            if run_pk is None:
                return False
        else:
            run_pk = run.id
        try:
            with connection.begin_nested():
                connection.execute(
                    insert(attempts).values(
                        run_pk=run_pk,
                        number=record["attempt"],
                        reason="first" if record["attempt"] == 1 else "retry",
                        status=record["status"],
                        exit_reason=record["exit_reason"],
                        message=record["message"],
                        host=ENGINE,
                        server_id=ENGINE,
                        server_pid=0,
                        server_birth="",
                        lease_until=_instant(record["ended_at"]) or now,
                        started_at=_instant(record["started_at"]),
                        ended_at=_instant(record["ended_at"]),
                        attempt_dir=self.attempt_uri(folder),
                        outcome_path="",
                    )
                )
        except IntegrityError:
            return False  # imported before this server started
        latest = connection.execute(
            select(attempts).where(attempts.c.run_pk == run_pk).order_by(attempts.c.number.desc()).limit(1)
        ).first()
        if latest.number == record["attempt"]:
            connection.execute(
                update(runs)
                .where(runs.c.id == run_pk)
                .values(
                    status=record["status"],
                    exit_reason=record["exit_reason"],
                    message=record["message"],
                    attempts=record["attempt"],
                    ended_at=_instant(record["ended_at"]),
                    output_path=record["output_uri"],
                )
            )
        return True

    @staticmethod
    def _insert_run(connection: Connection, record: dict[str, Any], now: datetime) -> int | None:
        # A retry's record says "retry"; the run itself was scheduled, manual or a backfill.
        trigger = record["trigger"] if record["trigger"] in RUN_TRIGGERS else "scheduled"
        try:
            with connection.begin_nested():
                return connection.execute(
                    insert(runs).values(
                        run_id=record["run_id"],
                        schedule=record["schedule"],
                        owner=record["owner"],
                        trigger=trigger,
                        logical_date=datetime.fromisoformat(record["logical_date"]),
                        status=record["status"],
                        next_try_at=now,
                        next_reason="first",
                        created_at=now,
                        engine=ENGINE,
                        started_at=_instant(record["started_at"]),
                    )
                ).inserted_primary_key[0]
        except IntegrityError:
            # The embedded scheduler holds this (schedule, fire time) already.
            return None
