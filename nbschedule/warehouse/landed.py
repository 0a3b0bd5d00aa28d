"""Has the data for a logical date landed? Used by wait-until-landed checks."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, column, create_engine, literal, select, table as table_clause


def has_landed(connection_url: str, table: str, date_column: str, logical_date: date | datetime | str) -> bool:
    """True when `table` has a row whose `date_column` equals `logical_date` (a day)."""
    if isinstance(logical_date, datetime):
        logical_date = logical_date.date()
    elif isinstance(logical_date, str):
        logical_date = date.fromisoformat(logical_date[:10])
    schema, _, name = table.rpartition(".")
    # Built from table()/column() so names are quoted by the dialect, never pasted into SQL.
    day = column(date_column, Date)
    query = select(literal(1)).select_from(table_clause(name, day, schema=schema or None)).where(day == logical_date).limit(1)
    engine = create_engine(connection_url)
    try:
        with engine.connect() as connection:
            return connection.execute(query).first() is not None
    finally:
        engine.dispose()
