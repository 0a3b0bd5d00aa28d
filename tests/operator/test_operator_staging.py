"""SQL cells staged through SQLAlchemy, uploads published back; connections; magics."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest
from operator_helpers import LOGICAL_DATE, code, make_spec, notebook, read_output, write_notebook

from nbschedule.operator import run_notebook
from nbschedule.warehouse import ConnectionConfigError, has_landed, resolve_connection


@pytest.fixture
def shop(tmp_path):
    """A real SQLite database, reached through the named connection 'shop'."""
    path = tmp_path / "shop.db"
    with sqlite3.connect(path) as db:
        db.execute("create table sales (day text, region text, amount real)")
        db.executemany(
            "insert into sales values (?, ?, ?)",
            [
                ("2024-01-02", "north", 5.0),
                ("2024-01-03", "north", 10.0),
                ("2024-01-03", "south", 2.5),
                ("2024-01-03", "north", 1.5),
            ],
        )
        db.execute("create table agg_history (region text, total real, day text)")
        db.execute("insert into agg_history values ('west', 1.0, '2024-01-01')")
    db.close()
    return path


@pytest.mark.timeout(60)
@pytest.mark.parametrize("staging_format", ["parquet", "csv"])
def test_sql_round_trip_through_staging(workspace, shop, run_tmp, monkeypatch, staging_format):
    # CSV is the format where pyarrow is missing; forced here so both paths run for real.
    monkeypatch.setattr("nbschedule.operator.run.staging_format", lambda: staging_format)
    write_notebook(
        workspace,
        notebook(
            code("%load_ext nbschedule.warehouse.magics"),
            code("day = '2000-01-01'", "parameters"),
            code("%%sql sales --conn shop\nselect region, amount from sales where day = :day"),
            code(
                "agg_daily = sales.groupby('region')[['amount']].sum().rename(columns={'amount': 'total'})\n"
                "agg_daily['day'] = day"
            ),
            code("%%upload agg_daily --conn shop --table agg_daily"),
            code("%%upload agg_daily --conn shop --table agg_history --mode append"),
        ),
    )
    spec = make_spec(
        inputs=[{"connection": "shop", "table": "sales"}],
        outputs=[
            {"connection": "shop", "table": "agg_daily"},
            {"connection": "shop", "table": "agg_history", "mode": "append"},
        ],
        parameters=[{"name": "day", "type": "date", "template": "logical_date"}],
    )

    result = run_notebook(
        spec, workspace=workspace, logical_date=LOGICAL_DATE, connections={"shop": f"sqlite:///{shop}"}
    )

    assert result.status == "success", result.record["message"]
    with sqlite3.connect(shop) as db:
        assert sorted(db.execute("select region, total, day from agg_daily")) == [
            ("north", 11.5, "2024-01-03"),
            ("south", 2.5, "2024-01-03"),
        ]
        assert sorted(db.execute("select region, total from agg_history")) == [
            ("north", 11.5),
            ("south", 2.5),
            ("west", 1.0),
        ]
    db.close()
    assert [s["rows"] for s in result.record["staged_inputs"]] == [3]
    assert [(p["table"], p["rows"]) for p in result.record["published_outputs"]] == [
        ("agg_daily", 2),
        ("agg_history", 2),
    ]
    assert list(run_tmp.iterdir()) == []  # staging files and the run folder are gone
    nb = read_output(result)
    assert f"read_{staging_format}" in nb.cells[3].source and "select region" in nb.cells[3].source
    assert nb.cells[3].id == read_output_source_id(workspace, 2)
    assert result.record["inputs"][0]["namespace"] == f"sqlite://{shop}"


@pytest.mark.timeout(60)
def test_a_test_run_checks_outputs_but_leaves_the_warehouse_untouched(workspace, shop, run_tmp):
    write_notebook(
        workspace,
        notebook(
            code("%load_ext nbschedule.warehouse.magics"),
            code("%%sql sales --conn shop\nselect region, amount from sales"),
            code("agg_daily = sales.groupby('region')[['amount']].sum()"),
            code("%%upload agg_daily --conn shop --table agg_daily"),
        ),
    )
    spec = make_spec(
        inputs=[{"connection": "shop", "table": "sales"}], outputs=[{"connection": "shop", "table": "agg_daily"}]
    )

    result = run_notebook(
        spec,
        workspace=workspace,
        logical_date=LOGICAL_DATE,
        trigger="test",
        connections={"shop": f"sqlite:///{shop}"},
        publish=False,
    )

    assert result.status == "success", result.record["message"]
    assert "not published" in result.record["message"]
    assert [(w["table"], w["rows"]) for w in result.record["withheld_outputs"]] == [("agg_daily", 2)]
    assert result.record["published_outputs"] == []
    with sqlite3.connect(shop) as db:
        tables = {name for (name,) in db.execute("select name from sqlite_master where type = 'table'")}
    db.close()
    assert "agg_daily" not in tables
    assert list(run_tmp.iterdir()) == []


def read_output_source_id(workspace, index):
    return json.loads((workspace / "report.ipynb").read_text())["cells"][index]["id"]


@pytest.mark.timeout(30)
def test_failed_query_is_staging_failed_and_no_kernel_starts(workspace, kernel_starts, run_tmp):
    write_notebook(workspace, notebook(code("%%sql df\nselect * from no_such_table")))

    result = run_notebook(make_spec(), workspace=workspace, logical_date=LOGICAL_DATE)

    assert (result.status, result.record["exit_reason"]) == ("failed", "staging_failed")
    assert "no_such_table" in result.record["error"]["evalue"]
    cell = read_output(result).cells[result.record["failing_cell"]["index"]]
    assert cell.metadata["papermill"]["status"] == "failed" and cell.outputs[0]["output_type"] == "error"
    assert kernel_starts == []
    assert list(run_tmp.iterdir()) == []


@pytest.mark.timeout(60)
def test_publish_failure_marks_the_upload_cell(workspace, tmp_path, run_tmp):
    write_notebook(
        workspace,
        notebook(
            code("import pandas\nagg_x = pandas.DataFrame({'a': [1]})"),
            code("%%upload agg_x --conn broken --table agg_x"),
        ),
    )
    spec = make_spec(outputs=[{"connection": "broken", "table": "agg_x"}])
    unreachable = f"sqlite:///{tmp_path}/missing-folder/x.db"

    result = run_notebook(spec, workspace=workspace, logical_date=LOGICAL_DATE, connections={"broken": unreachable})

    assert (result.status, result.record["exit_reason"]) == ("failed", "publish_failed")
    failing = result.record["failing_cell"]
    assert failing["source_index"] == 1
    assert "agg_x" in read_output(result).cells[failing["index"]].source
    assert list(run_tmp.iterdir()) == []


def test_connection_lookup_order(workspace, monkeypatch):
    (workspace / ".nbschedule").mkdir()
    (workspace / ".nbschedule" / "connections.json").write_text(
        json.dumps({"a": "sqlite:///from-file.db", "b": "sqlite:///from-file.db", "c": "sqlite:///relative/c.db"})
    )
    monkeypatch.setenv("NBSCHEDULE_CONNECTIONS", json.dumps({"a": "sqlite:////env.db", "b": "sqlite:////env.db"}))

    assert resolve_connection("a", workspace, {"a": "sqlite:////explicit.db"}) == "sqlite:////explicit.db"
    assert resolve_connection("b", workspace) == "sqlite:////env.db"
    assert resolve_connection("c", workspace) == f"sqlite:///{workspace}/relative/c.db"
    assert resolve_connection("warehouse", workspace) == f"sqlite:///{workspace}/.nbschedule/warehouse.db"
    with pytest.raises(ConnectionConfigError, match="Unknown connection 'nope'"):
        resolve_connection("nope", workspace)
    monkeypatch.setenv("NBSCHEDULE_CONNECTIONS", "{broken")
    with pytest.raises(ConnectionConfigError, match="not valid JSON"):
        resolve_connection("a", workspace)


def test_demo_warehouse_is_deterministic_and_has_landed(tmp_path):
    first = resolve_connection("warehouse", tmp_path / "one")
    second = resolve_connection("warehouse", tmp_path / "two")
    dump = [list(sqlite3.connect(url.removeprefix("sqlite:///")).iterdump()) for url in (first, second)]
    assert dump[0] == dump[1] and any("customers" in line for line in dump[0])

    assert has_landed(first, "orders", "order_date", date(2024, 1, 3))
    assert has_landed(first, "orders", "order_date", "2024-01-14T23:00:00")
    assert not has_landed(first, "orders", "order_date", date(2030, 1, 1))


def test_magics_in_a_live_shell(tmp_path, monkeypatch):
    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.setenv("NBSCHEDULE_WORKSPACE", str(tmp_path))
    shell = InteractiveShell.instance()
    try:
        for cell in (
            "%load_ext nbschedule.warehouse.magics",
            "day = '2024-01-02'",
            "%%sql orders\nselect * from orders where order_date = :day",
            "agg_orders = orders.groupby('customer_id')[['amount']].sum()",
            "%%upload agg_orders --table agg_orders",
        ):
            shell.run_cell(cell).raise_error()
        assert len(shell.user_ns["orders"]) == 3
    finally:
        InteractiveShell.clear_instance()
    rows = (
        sqlite3.connect(tmp_path / ".nbschedule" / "warehouse.db")
        .execute("select customer_id from agg_orders")
        .fetchall()
    )
    assert len(rows) == 3
