"""Run history: filtered, newest first (by logical date, then id), keyset-paginated.

The cursor is the (logical_date, id) of the last row of a page, signed, so a page never repeats
or skips a run that existed when the first page was read, whatever is inserted meanwhile.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, literal, select, tuple_

from .models import RunRow, UtcDateTime
from .run_search import text_matches
from .shared_copies import local_copy

runs = RunRow.__table__
# upstream_failed: a workflow item not run because a run it needs did not succeed.
RUN_STATUSES = ("queued", "running", "success", "failed", "refused", "lost", "cancelled", "upstream_failed")
TRIGGERS = ("scheduled", "backfill", "manual", "test")


class BadCursor(ValueError):
    pass


def _signature(key: bytes, payload: str) -> str:
    digest = hmac.new(key, payload.encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def encode_cursor(logical_date: datetime, run_pk: int, key: bytes) -> str:
    """Opaque and signed with the database's key: a changed or made-up cursor is refused."""
    raw = json.dumps([logical_date.isoformat(), run_pk]).encode()
    payload = base64.urlsafe_b64encode(raw).decode().rstrip("=")
    return f"{payload}.{_signature(key, payload)}"


def decode_cursor(cursor: str, key: bytes) -> tuple[datetime, int]:
    refused = BadCursor("'cursor' is not a cursor this server handed out; start again without it.")
    payload, _, signature = cursor.partition(".")
    if len(cursor) > 200 or not cursor.isascii() or not hmac.compare_digest(_signature(key, payload), signature):
        raise refused
    try:
        when, run_pk = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return datetime.fromisoformat(when), int(run_pk)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise refused from None


@dataclass(frozen=True)
class RunFilter:
    schedule: str | None = None
    statuses: tuple[str, ...] = ()
    triggers: tuple[str, ...] = ()
    since: datetime | None = None  # logical date, inclusive
    until: datetime | None = None  # logical date, exclusive
    text: str | None = None  # part of the schedule name or the run id
    # The runs of one workflow run's nodes and items (its id); else only top-level runs are listed.
    parent: int | None = None


def relative_path(path: str | None, root: Path) -> str | None:
    """A run-store path relative to the server root (what the UI opens), if it is under it."""
    if not path:
        return None
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def run_json(row: Any, root: Path) -> dict[str, Any]:
    return {
        "id": row.id,
        "schedule": row.schedule,
        "run_id": row.run_id,
        "owner": row.owner,
        "trigger": row.trigger,
        "logical_date": row.logical_date.isoformat(),
        "status": row.status,
        "exit_reason": row.exit_reason,
        "message": row.message,
        "attempts": row.attempts,
        "created_at": row.created_at.isoformat(),
        "started_at": row.started_at and row.started_at.isoformat(),
        "ended_at": row.ended_at and row.ended_at.isoformat(),
        # An item's next try is its workflow run's to decide: it has no time of its own.
        "next_try_at": row.next_try_at.isoformat() if row.status == "queued" and row.parent_id is None else None,
        "cancel_requested": row.cancel_requested,
        "output_uri": row.output_path,
        "output_path": relative_path(local_copy(row.output_path, root), root),
        "engine": row.engine,
        # A workflow's node or item run: its parent run, node and item (null for other runs).
        "parent": row.parent_id,
        "node": row.node,
        "item_index": row.item_index,
        "item_label": row.item_label,
    }


def list_runs(
    connection: Connection, where: RunFilter, cursor: str | None, limit: int, root: Path, key: bytes
) -> tuple[list[dict[str, Any]], str | None]:
    query = select(runs).where(runs.c.parent_id.is_(None) if where.parent is None else runs.c.parent_id == where.parent)
    if where.schedule:
        query = query.where(runs.c.schedule == where.schedule)
    if where.statuses:
        query = query.where(runs.c.status.in_(where.statuses))
    if where.triggers:
        query = query.where(runs.c.trigger.in_(where.triggers))
    if where.since:
        query = query.where(runs.c.logical_date >= where.since)
    if where.until:
        query = query.where(runs.c.logical_date < where.until)
    if where.text:
        match = text_matches(connection, where.text)
        query = query.where(match.condition)
        if match.by_id:
            query = query.with_hint(runs, "NOT INDEXED", "sqlite")
    if cursor:
        last_date, last_pk = decode_cursor(cursor, key)
        query = query.where(
            tuple_(runs.c.logical_date, runs.c.id) < tuple_(literal(last_date, UtcDateTime()), literal(last_pk))
        )
    rows = connection.execute(query.order_by(runs.c.logical_date.desc(), runs.c.id.desc()).limit(limit + 1)).all()
    page = rows[:limit]
    next_cursor = encode_cursor(page[-1].logical_date, page[-1].id, key) if len(rows) > limit else None
    return [run_json(row, root) for row in page], next_cursor


def with_children(connection: Connection, page: list[dict[str, Any]], root: Path) -> list[dict[str, Any]]:
    """The page's runs, each with `children`: its node and item runs in the graph's order (none
    for a run that is not a workflow run). One query for the whole page."""
    found: dict[int, list[dict[str, Any]]] = {run["id"]: [] for run in page}
    if found:
        rows = connection.execute(select(runs).where(runs.c.parent_id.in_(list(found))).order_by(runs.c.id)).all()
        for row in rows:
            found[row.parent_id].append(run_json(row, root))
    return [{**run, "children": found[run["id"]]} for run in page]
