"""Links the notebook plants in its run folder are never followed by the operator.

The operator reads the run folder back with the server's rights after the kernel
ends: staged inputs it keeps for a failed run, outputs it publishes. A link there to
connection secrets or another database must be refused, for files and for folders.
"""

from __future__ import annotations

import json
import sqlite3

import pandas
import pytest
from escape_helpers import run_cells, store_text

from nbschedule.operator.staging import staging_format

SECRET_URL = "postgresql://admin:CONNECTION-PASSWORD@db.internal/hr"

RUN_FOLDER = "import os\nrun = os.path.dirname(os.environ['IPYTHONDIR'])\nstaging = os.path.join(run, 'staging')\n"


@pytest.fixture
def shop(workspace):
    """Connections configured the usual way: .nbschedule/connections.json, with a password in it."""
    database = workspace.parent / "shop.db"
    with sqlite3.connect(database) as db:
        db.execute("create table sales (region text, amount real)")
        db.execute("insert into sales values ('north', 5.0)")
    db.close()
    private = workspace / ".nbschedule"
    private.mkdir()
    (private / "connections.json").write_text(json.dumps({"shop": f"sqlite:///{database}", "hr": SECRET_URL}))
    return database


def _secret_folder(tmp_path, name: str):
    """A host folder holding a file of the name the operator reads, full of secret rows."""
    folder = tmp_path / "elsewhere"
    folder.mkdir(exist_ok=True)
    frame = pandas.DataFrame({"region": ["SECRET-ROW"], "amount": [1.0]})
    frame.to_parquet(folder / name) if name.endswith(".parquet") else frame.to_csv(folder / name)
    return folder


SQL = "%%sql sales --conn shop\nselect region, amount from sales"
UPLOAD = "%%upload sales --conn shop --table copied"
SPEC = {"inputs": [{"connection": "shop", "table": "sales"}], "outputs": [{"connection": "shop", "table": "copied"}]}


@pytest.mark.timeout(60)
def test_a_staged_input_replaced_by_a_link_is_not_kept(workspace, shop):
    plant = RUN_FOLDER + (
        "for name in os.listdir(staging):\n"
        "    os.remove(os.path.join(staging, name))\n"
        f"    os.symlink({str(workspace / '.nbschedule' / 'connections.json')!r}, os.path.join(staging, name))\n"
        "raise RuntimeError('failing, so the operator keeps the staged inputs')"
    )

    result, _ = run_cells(workspace, SQL, plant, **SPEC)

    assert (result.status, result.record["exit_reason"]) == ("failed", "cell_error")
    [staged] = result.record["staged_inputs"]
    assert "kept" not in staged
    assert any("was not kept" in w and "link" in w for w in result.record["warnings"]), result.record["warnings"]
    assert "CONNECTION-PASSWORD" not in store_text(workspace)


@pytest.mark.timeout(60)
def test_a_staging_folder_replaced_by_a_link_is_not_followed(workspace, shop, tmp_path):
    elsewhere = _secret_folder(tmp_path, f"input-0-sales.{staging_format()}")
    plant = RUN_FOLDER + (
        f"os.rename(staging, staging + '-old')\nos.symlink({str(elsewhere)!r}, staging)\n"
        "raise RuntimeError('failing, so the operator keeps the staged inputs')"
    )

    result, _ = run_cells(workspace, SQL, plant, **SPEC)

    assert (result.status, result.record["exit_reason"]) == ("failed", "cell_error")
    assert "kept" not in result.record["staged_inputs"][0]
    assert any("staging is not a folder of the run" in w for w in result.record["warnings"]), result.record["warnings"]
    assert "SECRET-ROW" not in store_text(workspace)


@pytest.mark.timeout(60)
@pytest.mark.parametrize("plant_folder", [False, True], ids=["file", "folder"])
def test_an_output_replaced_by_a_link_is_not_published(workspace, shop, tmp_path, plant_folder):
    name = f"output-1-copied.{staging_format()}"
    elsewhere = _secret_folder(tmp_path, name)
    if plant_folder:
        plant = RUN_FOLDER + f"os.rename(staging, staging + '-old')\nos.symlink({str(elsewhere)!r}, staging)"
    else:
        plant = RUN_FOLDER + (
            f"os.remove(os.path.join(staging, {name!r}))\n"
            f"os.symlink({str(elsewhere / name)!r}, os.path.join(staging, {name!r}))"
        )

    result, _ = run_cells(workspace, SQL, UPLOAD, plant, **SPEC)

    assert (result.status, result.record["exit_reason"]) == ("failed", "publish_failed"), result.record["message"]
    assert ("staging is not a folder of the run" if plant_folder else "is a link") in result.record["message"]
    with sqlite3.connect(shop) as db:
        tables = {name for (name,) in db.execute("select name from sqlite_master")}
    db.close()
    assert "copied" not in tables
