"""The operator: the one code path that runs a scheduled notebook.

    from nbschedule.operator import run_notebook, RunResult
    result = run_notebook(spec, workspace=..., logical_date=...)

Used by the CLI (``nbschedule run``), the embedded scheduler and the Airflow operator.
A run validates the spec, refuses what its purpose policy zone forbids, stages the SQL
cells' queries to files, rewrites the notebook to read them, injects parameters as
papermill does, executes in a network-less sandbox that shows the kernel only what
its run needs, under per-cell and per-run timeouts and the spec's resource limits
(docs/SANDBOX.md), publishes the upload cells' DataFrames (read back without following
links), records everything and notifies on failure.

Run store layout (a local folder, by default ``<workspace>/nbschedule-runs``, or any
fsspec URL)::

    <store>/<schedule name>/<run_id>/attempt-<n>/
        output.ipynb    the executed notebook (papermill-compatible metadata); absent
                        only for refused runs, which never got that far
        record.json     the run record (see record.new_record); written last, once:
                        its presence means the attempt is finished
        lineage.jsonl   OpenLineage RunEvents, one per line: START, then COMPLETE or
                        FAIL; absent for refused runs
        inputs/         a failed attempt's staged query results, kept for debugging
                        (each listed as ``kept`` in the record's ``staged_inputs``)

A run id names one logical run; each retry is a new attempt with its own folder.
Nothing in an attempt's folder is overwritten once its record exists, and an attempt
folder that already holds files is never reused.
"""

import importlib

# Loaded on first use (PEP 562), so a process can prepare its imports (lean_start.py)
# before the operator's own dependencies load.
_HOMES = {
    "Attempt": "run",
    "EXIT_REASONS": "record",
    "STATUSES": "record",
    "RunResult": "record",
    "new_run_id": "record",
    "run_notebook": "run",
    "RUNS_FOLDER": "store",
    "RunAlreadyRecorded": "store",
    "default_store": "store",
}


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)


__all__ = ["Attempt", "EXIT_REASONS", "STATUSES", "RunAlreadyRecorded", "RunResult", "new_run_id", "run_notebook"]
