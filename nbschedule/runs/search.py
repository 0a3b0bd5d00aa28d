"""Run history searched by text: runs whose schedule name or run id contains it.

Same order and keyset cursor as the plain history list, so the panel pages through a
search exactly as through the unfiltered history.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, literal, or_, select, tuple_

from ..scheduler.history import RunFilter, decode_cursor, encode_cursor, run_json
from ..scheduler.models import RunRow, UtcDateTime

runs = RunRow.__table__


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_runs(connection: Connection, text: str, where: RunFilter, cursor: str | None, limit: int,
                root: Path) -> tuple[list[dict[str, Any]], str | None]:
    pattern = f"%{_escaped(text)}%"
    query = select(runs).where(or_(runs.c.schedule.like(pattern, escape="\\"),
                                   runs.c.run_id.like(pattern, escape="\\")))
    if where.schedule:
        query = query.where(runs.c.schedule == where.schedule)
    if where.statuses:
        query = query.where(runs.c.status.in_(where.statuses))
    if where.since:
        query = query.where(runs.c.logical_date >= where.since)
    if where.until:
        query = query.where(runs.c.logical_date < where.until)
    if cursor:
        last_date, last_pk = decode_cursor(cursor)
        query = query.where(tuple_(runs.c.logical_date, runs.c.id) < tuple_(literal(last_date, UtcDateTime()),
                                                                            literal(last_pk)))
    rows = connection.execute(query.order_by(runs.c.logical_date.desc(), runs.c.id.desc()).limit(limit + 1)).all()
    page = rows[:limit]
    next_cursor = encode_cursor(page[-1].logical_date, page[-1].id) if len(rows) > limit else None
    return [run_json(row, root) for row in page], next_cursor
