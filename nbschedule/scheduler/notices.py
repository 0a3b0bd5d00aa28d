"""Failure notices for the open UI: runs that ended failed, lost or refused, in commit order.

Whose notices a user sees (``NbScheduleScheduler.notice_scope``): with ``owner``, those
of schedules whose owner equals the user's name (case-insensitive); with ``all``, every
notice; with ``auto`` (the default), the user's own when some schedule names them as
owner, else every notice, which is what a single-user server, whose user is rarely
spelled like the owners in the specs, wants.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from .models import NoticeRow, ScheduleRow

notices, schedules = NoticeRow.__table__, ScheduleRow.__table__
PAGE = 50


def owner_filter(connection: Connection, scope: str, username: str) -> str | None:
    """The owner to filter on (lower-cased), or None for every notice."""
    if scope == "all":
        return None
    name = (username or "").lower()
    if scope == "owner":
        return name
    owns_any = connection.execute(
        select(schedules.c.name).where(func.lower(schedules.c.owner) == name, schedules.c.active.is_(True)).limit(1)
    ).first()
    return name if owns_any else None


def latest_notice_id(connection: Connection) -> int:
    return connection.execute(select(func.coalesce(func.max(notices.c.id), 0))).scalar_one()


def notices_after(connection: Connection, after: int, owner: str | None) -> tuple[list[dict[str, Any]], int]:
    """Up to PAGE notices after cursor `after`, oldest first, and the cursor to ask with next."""
    query = select(notices).where(notices.c.id > after)
    if owner is not None:
        query = query.where(func.lower(notices.c.owner) == owner)
    rows = connection.execute(query.order_by(notices.c.id).limit(PAGE)).all()
    cursor = rows[-1].id if len(rows) == PAGE else max(after, latest_notice_id(connection))
    return [
        {
            "id": row.id,
            "run": row.run_pk,
            "schedule": row.schedule,
            "run_id": row.run_id,
            "attempt": row.attempt,
            "status": row.status,
            "exit_reason": row.exit_reason,
            "message": row.message,
            "owner": row.owner,
            "created_at": row.created_at.isoformat(),
        }
        for row in rows
    ], cursor
