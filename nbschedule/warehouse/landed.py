"""Has the data for a logical date landed? Used by wait-until-landed checks."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Date, column, create_engine, literal, select
from sqlalchemy import table as table_clause


def landed_day(logical_date: datetime, timezone: str) -> date:
    """The day whose rows a run waits for: its logical date in the schedule's time zone.

    A Berlin run at 00:30 on the 11th has the UTC logical date 23:30 on the 10th; its
    data is the 11th's. The embedded scheduler and the Airflow sensor both ask here.
    """
    return logical_date.astimezone(ZoneInfo(timezone)).date()


def has_landed(connection_url: str, table: str, date_column: str, day: date | str) -> bool:
    """True when `table` has a row whose `date_column` equals `day` (a date or ISO text)."""
    if isinstance(day, datetime):
        # A datetime's own date is its UTC day for scheduled runs, not the schedule's.
        raise TypeError("has_landed takes a day; use landed_day() for a run's logical date")
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    schema, _, name = table.rpartition(".")
    # Built from table()/column() so names are quoted by the dialect, never pasted into SQL.
    day_column = column(date_column, Date)
    query = (
        select(literal(1))
        .select_from(table_clause(name, day_column, schema=schema or None))
        .where(day_column == day)
        .limit(1)
    )
    engine = create_engine(connection_url)
    try:
        with engine.connect() as connection:
            return connection.execute(query).first() is not None
    finally:
        engine.dispose()
