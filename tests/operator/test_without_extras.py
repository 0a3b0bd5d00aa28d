"""A plain ``pip install nbschedule`` has no pandas, pyarrow or numpy (the ``warehouse``
extra): the server and notebooks without SQL cells work, SQL cells say what to install."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from operator_helpers import REPO, code, make_spec, notebook, write_notebook

# In a fresh interpreter, the extra's packages are made unimportable before anything
# else loads, exactly as where they are not installed (an ImportError on import).
_WITHOUT_EXTRAS = """
import sys
for name in ("pandas", "pyarrow", "numpy"):
    sys.modules[name] = None
"""

_IMPORT_EVERY_MODULE = (
    _WITHOUT_EXTRAS
    + """
import pkgutil, importlib, nbschedule
# Not the modules loaded elsewhere: the magics (in a live kernel), the Airflow operators (on Airflow).
elsewhere = ("nbschedule.warehouse.magics", "nbschedule.airflow", "nbschedule.workflow.airflow_tasks")
names = [m.name for m in pkgutil.walk_packages(nbschedule.__path__, "nbschedule.") if m.name not in elsewhere]
for name in names:
    importlib.import_module(name)
print(len(names))
"""
)

_RUN = (
    _WITHOUT_EXTRAS
    + """
import json
from datetime import datetime, timezone
from nbschedule.operator import run_notebook
spec, workspace = json.loads(sys.argv[1]), sys.argv[2]
result = run_notebook(spec, workspace=workspace, logical_date=datetime(2024, 1, 3, tzinfo=timezone.utc))
print(json.dumps(result.record))
"""
)


def _python(script: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", script, *args], cwd=REPO, capture_output=True, text=True, timeout=120)


@pytest.mark.timeout(120)
def test_every_server_module_imports_without_the_warehouse_extra():
    done = _python(_IMPORT_EVERY_MODULE)

    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 40  # the whole package was walked


@pytest.mark.timeout(120)
def test_a_notebook_without_sql_cells_runs_and_a_sql_cell_names_the_extra(workspace, tmp_path):
    write_notebook(workspace, notebook(code("n = 1", "parameters"), code("print(n * 2)")), "plain.ipynb")
    write_notebook(workspace, notebook(code("%%sql sales\nselect 1 as one"), code("print(sales)")), "sql.ipynb")

    plain = _python(
        _RUN,
        json.dumps(make_spec(notebook="plain.ipynb", parameters=[{"name": "n", "type": "int", "value": 21}])),
        str(workspace),
    )
    sql = _python(
        _RUN,
        json.dumps(
            make_spec(name="with_sql", notebook="sql.ipynb", inputs=[{"connection": "warehouse", "table": "sales"}])
        ),
        str(workspace),
    )

    assert plain.returncode == 0, plain.stderr
    record = json.loads(plain.stdout)
    assert record["status"] == "success", record["message"]
    assert sql.returncode == 0, sql.stderr
    record = json.loads(sql.stdout)
    assert (record["status"], record["exit_reason"]) == ("failed", "staging_failed")
    assert "need pandas, which is not installed: pip install 'nbschedule[warehouse]'" in record["message"]
