"""The lite kernel: runs one cell's source in Pyodide and returns its outputs as nbformat.

The browser's worker imports this module and calls ``run_cell`` for each cell of the
notebook the server prepared. It keeps IPython's rules that decide what an output
notebook holds: the last expression of a cell is its ``execute_result``, ``display()``
adds ``display_data``, stdout and stderr become ``stream`` outputs (consecutive writes
to one stream merged), and an exception becomes an ``error`` output. ``SystemExit``
with no code or code 0 ends the run as a success, as in papermill.

``read_staged`` binds a ``%%sql`` cell's result, staged by the server as CSV and written
by the worker into Pyodide's in-memory file system: a pandas DataFrame when the
distribution has pandas, else a ``Table`` (stdlib only).
"""

from __future__ import annotations

import ast
import csv
import io
import sys
import traceback
from typing import Any

_namespace: dict[str, Any] = {"__name__": "__main__"}


class Table:
    """A staged query result without pandas: rows of plain values, read only.

    It shares with a DataFrame what a stdlib notebook needs: ``len``, ``columns``,
    ``shape``, ``empty``, iteration over column names, and ``table[column]`` as a list.
    ``rows`` holds one dict per row.
    """

    def __init__(self, columns: list[str], rows: list[dict[str, Any]]):
        self.columns, self.rows = columns, rows

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.columns)

    def __getitem__(self, column: str) -> list[Any]:
        if column not in self.columns:
            raise KeyError(column)
        return [row[column] for row in self.rows]

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.columns)

    @property
    def empty(self) -> bool:
        return not self.rows

    def __repr__(self) -> str:
        lines = ["\t".join(self.columns)] + ["\t".join(str(row[c]) for c in self.columns) for row in self.rows[:20]]
        more = len(self.rows) - 20
        return "\n".join(lines + ([f"… {more} more rows"] if more > 0 else [])) + f"\n[{len(self.rows)} rows]"


def _value(text: str) -> Any:
    """A CSV field as pandas.read_csv would type it: int, float, None when empty, else str."""
    if text == "":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def read_staged(path: str):
    """A staged query result, a CSV file whose first column is the index (as the server writes it)."""
    try:
        import pandas
    except ImportError:
        with open(path, newline="", encoding="utf-8") as file:
            reader = csv.reader(file)
            header = next(reader, [])
            columns = header[1:]
            rows = [dict(zip(columns, map(_value, record[1:]))) for record in reader]
        return Table(columns, rows)
    return pandas.read_csv(path, index_col=0)


def _data(value: Any) -> dict[str, str]:
    """A value's mime bundle: text/plain always, text/html when it has an HTML repr."""
    bundle = {"text/plain": repr(value)}
    html = getattr(value, "_repr_html_", None)
    if callable(html):
        rendered = html()
        if rendered is not None:
            bundle["text/html"] = rendered
    return bundle


class _Outputs:
    """The outputs of one cell, in order."""

    def __init__(self):
        self.items: list[dict[str, Any]] = []

    def stream(self, name: str, text: str) -> None:
        if not text:
            return
        last = self.items[-1] if self.items else None
        if last is not None and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.items.append({"output_type": "stream", "name": name, "text": text})

    def display(self, *values: Any) -> None:
        for value in values:
            self.items.append({"output_type": "display_data", "data": _data(value), "metadata": {}})


class _Stream(io.TextIOBase):
    def __init__(self, outputs: _Outputs, name: str):
        self.outputs, self.name = outputs, name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.outputs.stream(self.name, text)
        return len(text)


def _error(outputs: _Outputs, error: BaseException) -> dict[str, Any]:
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    # Frames of this module are the kernel's, not the notebook's.
    output = {
        "output_type": "error",
        "ename": type(error).__name__,
        "evalue": str(error),
        "traceback": [line.rstrip("\n") for line in lines if __file__ not in line],
    }
    outputs.items.append(output)
    return output


def run_cell(source: str, execution_count: int) -> dict[str, Any]:
    """Run `source` in the notebook's namespace; returns ``{"outputs", "status"}`` with
    status ``ok``, ``error`` or ``exit`` (a ``SystemExit`` of code 0 or none)."""
    outputs = _Outputs()
    _namespace["display"] = outputs.display
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Stream(outputs, "stdout"), _Stream(outputs, "stderr")
    status = "ok"
    try:
        tree = ast.parse(source, filename=f"<cell {execution_count}>")
        last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
        exec(compile(tree, f"<cell {execution_count}>", "exec"), _namespace)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), f"<cell {execution_count}>", "eval"), _namespace)
            if value is not None:
                outputs.items.append(
                    {
                        "output_type": "execute_result",
                        "execution_count": execution_count,
                        "data": _data(value),
                        "metadata": {},
                    }
                )
    except SystemExit as exit_:  # an error output as IPython shows it, yet a success for code 0
        status = "exit" if exit_.code in (None, 0) else "error"
        _error(outputs, exit_)
    except BaseException as error:  # the notebook's own error: recorded, never raised into the worker
        status = "error"
        _error(outputs, error)
    finally:
        sys.stdout, sys.stderr = saved
    return {"outputs": outputs.items, "status": status}


def reset() -> None:
    """A fresh notebook namespace for the next run (a warm worker keeps its imports)."""
    _namespace.clear()
    _namespace["__name__"] = "__main__"
