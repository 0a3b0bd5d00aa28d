"""A wizard test run of a spec with outputs reads its inputs and checks its uploads but
writes nothing to the warehouse: the database is compared before and after."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from test_trial_runs import SPEC, follow, start, write_notebook

from nbschedule.warehouse import resolve_connection

SPEC_WITH_OUTPUT = {
    **SPEC,
    "inputs": [{"connection": "warehouse", "table": "orders"}],
    "outputs": [{"connection": "warehouse", "table": "daily_revenue"}],
}


def warehouse_contents(database: Path) -> dict[str, list]:
    """Every table of the warehouse with all of its rows."""
    with sqlite3.connect(database) as db:
        names = [name for (name,) in db.execute("select name from sqlite_master where type = 'table' order by name")]
        contents = {name: sorted(db.execute(f'select * from "{name}"')) for name in names}
    db.close()
    return contents


async def test_a_test_run_leaves_every_output_table_unwritten(jp_fetch, jp_root_dir):
    url = resolve_connection("warehouse", jp_root_dir)  # the demo warehouse a user starts with
    database = Path(url.removeprefix("sqlite:///"))
    before = warehouse_contents(database)
    assert set(before) == {"customers", "orders"}
    write_notebook(
        jp_root_dir,
        "%load_ext nbschedule.warehouse.magics",
        "%%sql orders\nselect order_date, amount from orders",
        "daily_revenue = orders.groupby('order_date', as_index=False)['amount'].sum()",
        "%%upload daily_revenue --table daily_revenue",
    )

    final = (await follow(jp_fetch, (await start(jp_fetch, SPEC_WITH_OUTPUT))["id"]))[-1]

    assert final["status"] == "success", final["message"]
    record = final["record"]
    assert record["published_outputs"] == []
    [withheld] = record["withheld_outputs"]
    order_days = {order_date for _, _, _, order_date in before["orders"]}
    assert withheld["table"] == "daily_revenue" and withheld["rows"] == len(order_days)
    assert warehouse_contents(database) == before
