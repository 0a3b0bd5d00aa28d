"""nbschedule_lite, the module the lite worker runs cells with, under CPython."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "nbschedule" / "lite" / "kernel"))
import nbschedule_lite  # noqa: E402


def test_cells_share_a_namespace_and_produce_ipython_shaped_outputs():
    nbschedule_lite.reset()
    first = nbschedule_lite.run_cell("import sys\nx = 2\nprint('a')\nprint('b')\nsys.stderr.write('c')\nx * 21", 1)
    assert first == {
        "status": "ok",
        "outputs": [
            {"output_type": "stream", "name": "stdout", "text": "a\nb\n"},
            {"output_type": "stream", "name": "stderr", "text": "c"},
            {"output_type": "execute_result", "execution_count": 1, "data": {"text/plain": "42"}, "metadata": {}},
        ],
    }
    shown = nbschedule_lite.run_cell("display(x)\nNone", 2)
    assert shown["outputs"] == [{"output_type": "display_data", "data": {"text/plain": "2"}, "metadata": {}}]
    nbschedule_lite.reset()
    assert nbschedule_lite.run_cell("x", 1)["outputs"][0]["ename"] == "NameError"


def test_system_exit_zero_ends_the_run_as_a_success_and_other_codes_fail():
    for code, status in (("", "exit"), ("0", "exit"), ("3", "error")):
        result = nbschedule_lite.run_cell(f"raise SystemExit({code})", 1)
        assert result["status"] == status
        assert [(o["ename"], o["evalue"]) for o in result["outputs"]] == [("SystemExit", code)]


def test_without_pandas_a_staged_result_is_a_table_of_typed_values(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # as in Pyodide's core: import pandas fails
    staged = tmp_path / "input-1-orders.csv"
    staged.write_text(",order_id,amount,note\n0,1,10.5,\n1,2,3,late\n", encoding="utf-8")
    table = nbschedule_lite.read_staged(str(staged))
    assert isinstance(table, nbschedule_lite.Table)
    assert list(table) == ["order_id", "amount", "note"] and table.shape == (2, 3) and not table.empty
    assert table["amount"] == [10.5, 3] and table.rows[0] == {"order_id": 1, "amount": 10.5, "note": None}
    assert table.rows[1]["note"] == "late"
