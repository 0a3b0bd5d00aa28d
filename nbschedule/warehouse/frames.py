"""Moving DataFrames through a connection: a query in, a table out.

Queries may use SQLAlchemy bind parameters (``WHERE order_date = :logical_date``); the
values come from the run's parameters (scheduled) or the user namespace (live), never
from string formatting, so a parameter cannot change the query's meaning.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, text

if TYPE_CHECKING:
    import pandas

WAREHOUSE_EXTRA = "pip install 'nbschedule[warehouse]'"


class MissingExtra(ImportError):
    """A feature needs a package of an optional extra that is not installed."""


def pandas_module():
    """pandas, imported on first use: notebooks without SQL or upload cells, and the
    server itself, run without it (it is the ``warehouse`` extra)."""
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise MissingExtra(f"SQL and upload cells need pandas, which is not installed: {WAREHOUSE_EXTRA}") from None


class QueryParameterMissing(ValueError):
    """A query names a bind parameter that has no value."""


def query_parameters(query: str) -> list[str]:
    """Names of the bind parameters (``:name``) in `query`."""
    return list(text(query).compile().params)


def read_query(url: str, query: str, values: Mapping[str, Any] | None = None) -> pandas.DataFrame:
    """Run `query` on `url`, binding the parameters it names from `values`."""
    values = values or {}
    names = query_parameters(query)
    missing = [name for name in names if name not in values]
    if missing:
        raise QueryParameterMissing(f"The query uses :{', :'.join(missing)} but no such parameter is defined")
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return pandas_module().read_sql(text(query), connection, params={name: values[name] for name in names})
    finally:
        engine.dispose()


def frame_for_upload(frame: pandas.DataFrame) -> pandas.DataFrame:
    """`frame` as table rows: a named index (say, after groupby) becomes columns, an unnamed one is dropped."""
    return frame.reset_index(drop=all(name is None for name in frame.index.names))


def write_frame(frame: pandas.DataFrame, url: str, table: str, mode: str = "replace") -> int:
    """Write `frame` to `table` (``schema.table`` allowed), replacing or appending; returns rows."""
    if mode not in ("replace", "append"):
        raise ValueError(f"Unknown upload mode {mode!r}; use 'replace' or 'append'")
    schema, _, name = table.rpartition(".")
    rows = frame_for_upload(frame)
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            rows.to_sql(name, connection, schema=schema or None, if_exists=mode, index=False)
    finally:
        engine.dispose()
    return len(rows)
