"""``run_notebook``: the one code path that runs a scheduled notebook.

Order matters: everything that can refuse a run (spec, zone, sandbox, undeclared
outputs) is checked before any query runs or any kernel starts; from the first
staged query on, the attempt always ends with an output notebook, a record, lineage
events, and staging files removed.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import nbformat
from jupyter_core.utils import run_sync

from ..cron import timing_problems
from ..notify import notify_failure
from ..publishing import ATTEMPT_VARIABLE, PUBLISH_DIR_VARIABLE
from ..spec import SpecError, SpecInvalid, with_defaults
from ..warehouse.connections import resolve_connection
from ..zones import check_zone, load_catalogue
from . import lineage, marks
from .cgroup import RunCgroup, pids_cgroup_base
from .execute import execute
from .kernel import kernel_environment, kernel_manager
from .limits import MIB, Limits
from .messages import failure_message
from .notebook_file import InvalidNotebook, read_notebook
from .parameters import default_parameters, inject_parameters, resolve_parameters, template_values
from .published import FOLDER as PUBLISHED_FOLDER
from .published import read_published
from .readback import read_run_file
from .record import RunResult, finish, new_record, new_run_id
from .resources import ResourceMeter
from .rewrite import NotebookCellError, ensure_cell_ids, rewrite_notebook
from .sandbox import UNSANDBOXED, find_sandbox
from .staging import StepFailed, publish_outputs, remove_staging, stage_inputs, staging_format, withheld_outputs
from .store import AttemptFolder, check_run_id, default_store


def prepared_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with defaults; raises SpecInvalid, also for a bad cron or time zone."""
    spec = with_defaults(spec)
    problems = [SpecError(path, message) for path, message in timing_problems(spec)]
    if problems:
        raise SpecInvalid(problems)
    return spec


def run_notebook(
    spec: dict,
    *,
    workspace: str | os.PathLike,
    logical_date: datetime,
    trigger: str = "manual",
    run_id: str | None = None,
    attempt: int = 1,
    store: str | None = None,
    parameter_overrides: dict | None = None,
    connections: dict[str, str] | None = None,
    allow_unsandboxed: bool = False,
    catalogue: dict | None = None,
    on_cell_done: Callable[[int, int], None] | None = None,
    publish: bool = True,
    keep_run_folder: bool = False,
    workflow: dict[str, Any] | None = None,
) -> RunResult:
    """Run `spec`'s notebook once and record it; see the package docstring for the store layout.

    `on_cell_done(done, total)`, when given, follows the output notebook's cells as they run.
    `workflow`, for a node run of a workflow, is recorded as is: {parent_run_id, node, item, item_label}.
    `publish=False` runs everything but the final upload (a test run): the staged outputs
    are read back and counted in the record's `withheld_outputs`, the warehouse is untouched.
    `keep_run_folder=True` leaves the kernel's scratch folder in place for debugging; its
    path is the record's `run_folder`.

    Raises SpecInvalid for a bad spec, CatalogueInvalid for a bad zone catalogue,
    ValueError for a bad run id or attempt, RunAlreadyRecorded if the attempt exists.
    Everything that goes wrong while running is in the result instead.
    """
    spec = prepared_spec(spec)
    if spec.get("nodes"):  # each node runs with its own node spec (nbschedule.workflow.graph.node_spec)
        raise SpecInvalid(
            [
                SpecError(
                    "/nodes",
                    "This spec is a workflow: its nodes run one by one on the embedded "
                    "scheduler or Airflow, not as one notebook.",
                )
            ]
        )
    workspace = Path(workspace).resolve()
    if logical_date.tzinfo is None:
        logical_date = logical_date.replace(tzinfo=timezone.utc)
    if attempt < 1:
        raise ValueError("attempt counts from 1")
    run_id = check_run_id(run_id or new_run_id(trigger, logical_date))
    catalogue = catalogue if catalogue is not None else load_catalogue(workspace)
    folder = AttemptFolder(store or str(default_store(workspace)), spec["name"], run_id, attempt)
    folder.claim()
    attempt_run = Attempt(
        spec,
        workspace,
        folder,
        catalogue,
        connections,
        run_id=run_id,
        attempt=attempt,
        trigger=trigger,
        logical_date=logical_date,
    )
    attempt_run.record["workflow"] = workflow
    attempt_run.on_cell_done = on_cell_done
    attempt_run.publish = publish
    attempt_run.keep_run_folder = keep_run_folder
    attempt_run.go(logical_date, parameter_overrides, allow_unsandboxed)
    return RunResult(attempt_run.record["status"], run_id, attempt_run.record, attempt_run.record["output_uri"])


def _zone_summary(spec: dict[str, Any], catalogue: dict[str, Any]) -> dict[str, Any]:
    zone = catalogue["zones"].get(spec["zone"], {})
    return {
        "name": spec["zone"],
        "title": zone.get("title", spec["zone"]),
        "may_read": zone.get("may_read", []),
        "writes": zone.get("writes"),
    }


class Attempt:
    """One attempt of a run, from its refusals to its record; ``run_notebook`` drives it with `go`.

    Also the seam for running the cells elsewhere (nbschedule.lite runs them in the browser).
    Such a subclass, given a `spec` with its defaults, claims its `folder`, makes the refusals
    of `go` that apply to it (the zone check), then calls `prepare_and_run`: it reads,
    rewrites and parameterises the notebook exactly as for a scheduled run (a failure on
    the way ends the attempt and writes its record) and hands the output notebook to
    `run_prepared`, the one step a subclass replaces. There it calls `stage_prepared` first
    (False: the attempt has ended), maps source cells with `cells.output_index`, and ends
    the attempt once with `end` (`failing_cell` marks the cell to blame) or `refuse`;
    `record` is the run record, written by either.
    """

    def __init__(
        self,
        spec,
        workspace: Path,
        folder: AttemptFolder,
        catalogue,
        connections,
        *,
        run_id: str,
        attempt: int,
        trigger: str,
        logical_date: datetime,
    ):
        self.spec, self.workspace, self.folder, self.catalogue = spec, workspace, folder, catalogue
        self.connections = connections
        self.record = new_record(
            spec,
            run_id=run_id,
            attempt=attempt,
            trigger=trigger,
            logical_date=logical_date,
            started_at=marks.utc_now(),
            zone=_zone_summary(spec, catalogue),
        )
        self.deadline = time.monotonic() + spec["timeout_seconds"]
        self.limits = Limits.of(spec)
        self.urls: dict[str, str] = {}
        self.plan = None
        self.run_folder: Path | None = None
        self.cells: SourceCells | None = None
        self.on_cell_done: Callable[[int, int], None] | None = None
        self.publish = True
        self.keep_run_folder = False
        self.meter = ResourceMeter()

    def url_of(self, connection: str) -> str:
        if connection not in self.urls:
            self.urls[connection] = resolve_connection(connection, self.workspace, self.connections)
        return self.urls[connection]

    # -- refusals: nothing has run yet --------------------------------------------------------
    def refuse(self, exit_reason: str, message: str) -> None:
        finish(self.record, status="refused", exit_reason=exit_reason, message=message, ended_at=marks.utc_now())
        self.record["notifications"] = notify_failure(self.spec, self.record)
        self.folder.write_record(self.record)

    def go(self, logical_date: datetime, overrides: dict | None, allow_unsandboxed: bool) -> None:
        violations = check_zone(self.spec, self.catalogue)
        if violations:
            self.record["zone_violations"] = [v.to_json() for v in violations]
            return self.refuse("zone_violation", " ".join(v.message for v in violations))
        sandbox = find_sandbox()
        if sandbox is None and not allow_unsandboxed:
            return self.refuse(
                "sandbox_unavailable",
                "Neither bubblewrap nor unshare can make a network-less "
                "sandbox on this machine; the run was not started (allow_unsandboxed overrides).",
            )
        sandbox = sandbox or UNSANDBOXED
        self.record["sandbox"] = sandbox.describe()
        cgroup_base = pids_cgroup_base()
        self.record["limits"] = self.limits.describe(sandbox.name, cgroup_base[0] if cgroup_base else None)
        if sandbox is UNSANDBOXED:
            self.record["warnings"].append("The notebook ran without a sandbox: it had network access.")
        run_folder = Path(tempfile.mkdtemp(prefix="nbschedule-run-"))
        (run_folder / "staging").mkdir()
        self.run_folder = run_folder
        if self.keep_run_folder:
            self.record["run_folder"] = str(run_folder)
        try:
            self.prepare_and_run(run_folder, sandbox, logical_date, overrides)
        finally:
            if not self.keep_run_folder:
                remove_staging(run_folder)

    # -- the run proper -------------------------------------------------------------------------
    def prepare_and_run(self, run_folder: Path, sandbox, logical_date: datetime, overrides) -> None:
        source = self.workspace / self.spec["notebook"]
        try:
            nb = read_notebook(self.workspace, self.spec["notebook"])
        except InvalidNotebook as error:
            return self.fail_unreadable(f"The notebook cannot run: {error}", error, reason="invalid_notebook")
        except OSError as error:
            message = f"The notebook {self.spec['notebook']} could not be read: {error.strerror or error}"
            return self.fail_unreadable(message, error)
        ensure_cell_ids(nb)
        self.cells = SourceCells(nb)
        try:
            plan = self.plan = rewrite_notebook(nb, run_folder / "staging", staging_format())
        except NotebookCellError as error:
            marks.remove_stale_marks(nb)
            return self.fail_unreadable(str(error), error, nb, self.cells.output_index(nb, error.index))
        marks.remove_stale_marks(nb)
        undeclared = self.undeclared_uploads(plan)
        if undeclared:
            self.record["zone_violations"] = undeclared
            return self.refuse("zone_violation", " ".join(v["message"] for v in undeclared))

        templates = template_values(self.spec, logical_date, self.record["run_id"])
        values = resolve_parameters(self.spec, templates, overrides)
        _, warning = inject_parameters(nb, values)
        self.record["parameters"] = values
        if warning:
            self.record["warnings"].append(warning)
        env, own_env = kernel_environment(run_folder, sandbox.home)
        # Not in own_env (the output notebook's record of what nbschedule set): where published
        # values go, and which try this is (a notebook may act on a retry), differ per attempt.
        env[PUBLISH_DIR_VARIABLE] = str(run_folder / PUBLISHED_FOLDER)
        env[ATTEMPT_VARIABLE] = str(self.record["attempt"])
        self.begin_output(nb, values, own_env)
        self.run_prepared(nb, plan, run_folder, sandbox, env, values, source)

    def undeclared_uploads(self, plan) -> list[dict[str, str]]:
        """Upload cells writing a table the spec does not list: the zone check never saw them."""
        declared = {(o["connection"], o["table"]) for o in self.spec["outputs"]}
        return [
            {
                "path": "/outputs",
                "kind": "write",
                "message": f"Cell {c.index} uploads to {c.magic.connection}:{c.magic.table}, "
                "which the spec does not declare as an output.",
            }
            for c in plan.outputs
            if (c.magic.connection, c.magic.table) not in declared
        ]

    def begin_output(self, nb, parameters: dict, environment: dict) -> None:
        marks.begin_notebook(
            nb,
            parameters=parameters,
            default_parameters=default_parameters(self.spec),
            environment_variables=environment,
            input_path=str(self.workspace / self.spec["notebook"]),
            output_path=self.folder.uri("output.ipynb"),
        )
        fields = ("schedule", "run_id", "attempt", "trigger", "logical_date", "zone")
        nb.metadata["nbschedule"] = {field: self.record[field] for field in fields}

    def stage_prepared(self, nb, plan, values) -> bool:
        """Resolves the datasets and stages the inputs; False when that ended the attempt."""
        try:
            self.describe_datasets()
        except ValueError as error:
            self.emit("START")
            self.end(
                nb,
                "staging_failed",
                f"A connection could not be resolved: {error}",
                {"ename": type(error).__name__, "evalue": str(error), "traceback": ""},
                None,
            )
            return False
        self.emit("START")
        try:
            bind_values = {**default_parameters(self.spec), **values}
            self.record["staged_inputs"] = stage_inputs(plan.inputs, self.url_of, bind_values)
        except StepFailed as failure:
            self.end_with_step(
                nb,
                "staging_failed",
                failure,
                self.cells.output_index(nb, failure.cell.index),
                f"The query of cell {failure.cell.index} could not be staged: {failure}",
            )
            return False
        return True

    def run_prepared(self, nb, plan, run_folder: Path, sandbox, env, values, source: Path) -> None:
        def output_index(source_index: int) -> int:
            return self.cells.output_index(nb, source_index)

        if not self.stage_prepared(nb, plan, values):
            return
        kernel_name = nb.metadata.get("kernelspec", {}).get("name", "python3")
        cgroup_base = pids_cgroup_base()
        cgroup = RunCgroup(*cgroup_base, self.limits.processes) if cgroup_base else None
        try:
            km = kernel_manager(
                sandbox, run_folder, self.workspace, kernel_name, self.private_folders(), self.limits, cgroup
            )
            outcome = run_sync(execute)(
                nb,
                km,
                cwd=str(source.parent),
                env=env,
                cell_timeout=self.spec["cell_timeout_seconds"],
                deadline=self.deadline,
                save=lambda: self.folder.save_notebook(nb),
                limits=self.limits,
                run_folder=str(run_folder),
                on_cell_done=self.on_cell_done,
            )
        finally:
            if cgroup is not None:
                cgroup.remove()
        if outcome.exit_reason != "completed":
            index = outcome.failing_index
            failing = None if index is None else self.failing_cell(nb, index)
            return self.end(nb, outcome.exit_reason, failure_message(outcome, failing), outcome.error, failing)
        ran = "ran to the end"
        outputs = plan.outputs
        if outcome.exited_at is not None:
            ran = (
                f"ended early with SystemExit(0) at output notebook cell {outcome.exited_at}, a success as in papermill"
            )
            outputs = [
                c
                for c in plan.outputs
                if nb.cells[output_index(c.index)].metadata["papermill"]["status"] == "completed"
            ]
            self.record["warnings"] += [
                f"The upload of cell {c.index} did not run before SystemExit(0); nothing was published for it."
                for c in plan.outputs
                if c not in outputs
            ]
        try:
            if not self.publish:
                self.record["withheld_outputs"] = withheld_outputs(outputs, run_folder, self.read_cap)
                return self.end(
                    nb,
                    "completed",
                    f"The notebook {ran}; as a test run, its outputs were checked but not published.",
                    None,
                    None,
                    raised=outcome.exited_at is not None,
                )
            self.record["published_outputs"] = publish_outputs(outputs, self.url_of, run_folder, self.read_cap)
        except StepFailed as failure:
            return self.end_with_step(
                nb,
                "publish_failed",
                failure,
                output_index(failure.cell.index),
                f"The upload of cell {failure.cell.index} could not be published: {failure}",
            )
        self.end(
            nb,
            "completed",
            f"The notebook {ran} and its outputs were published.",
            None,
            None,
            raised=outcome.exited_at is not None,
        )

    @property
    def read_cap(self) -> int:
        """The most the operator reads back of one file the kernel could write."""
        return self.limits.disk_mb * MIB

    def private_folders(self) -> tuple[Path, ...]:
        """What the kernel sees empty: .nbschedule (connection secrets, the demo
        database) and the run store (other runs' outputs), wherever it is configured."""
        folders = [self.workspace / ".nbschedule", default_store(self.workspace)]
        if "file" in self.folder.fs.protocol:
            folders.append(Path(self.folder.store_root))
        return tuple(folders)

    def describe_datasets(self) -> None:
        for key in ("inputs", "outputs"):
            self.record[key] = [
                {**dataset, **lineage.dataset(self.url_of(dataset["connection"]), dataset["table"])}
                for dataset in self.spec[key]
            ]

    # -- endings -------------------------------------------------------------------------------
    def end_with_step(self, nb, exit_reason: str, failure: StepFailed, index: int, message: str) -> None:
        error = {"ename": type(failure.error).__name__, "evalue": str(failure.error), "traceback": ""}
        marks.mark_failed_cell(nb.cells[index], error["ename"], error["evalue"], [])
        self.end(nb, exit_reason, message, error, self.failing_cell(nb, index))

    def fail_unreadable(
        self, message: str, error: Exception, nb=None, index: int | None = None, reason: str = "bad_notebook"
    ) -> None:
        """A notebook that cannot run still gets an output notebook explaining why;
        `index`, when given, is the cell to blame in `nb`."""
        if nb is None:
            nb = nbformat.v4.new_notebook(
                cells=[nbformat.v4.new_markdown_cell(f"**nbschedule could not run this notebook.**\n\n{message}")]
            )
        self.begin_output(nb, {}, {})
        failing = None
        if index is not None:
            marks.mark_failed_cell(nb.cells[index], type(error).__name__, str(error), [])
            failing = self.failing_cell(nb, index)
        self.emit("START")
        self.end(nb, reason, message, {"ename": type(error).__name__, "evalue": str(error), "traceback": ""}, failing)

    def failing_cell(self, nb, index: int) -> dict[str, Any]:
        """The record's `failing_cell`, once papermill's error banners are in place around it."""
        source_index = self.cells.source_index(nb, index)
        index = marks.add_error_banners(nb, index)
        return {"index": index, "id": nb.cells[index].id, "source_index": source_index}

    def end(
        self, nb, exit_reason: str, message: str, error: dict | None, failing: dict | None, raised: bool = False
    ) -> None:
        failed = exit_reason != "completed"
        if failed:
            self.keep_staged_inputs()
        elif self.run_folder is not None:
            self.record["published"], warnings = read_published(self.run_folder)
            self.record["warnings"] += warnings
        self.record.update(error=error, failing_cell=failing, cells=marks.cell_timings(nb))
        marks.end_notebook(nb, raised or failed)
        nb.metadata["nbschedule"]["status"] = "failed" if failed else "success"
        self.folder.save_notebook(nb)
        self.record["output_uri"] = self.folder.uri("output.ipynb")
        self.close("failed" if failed else "success", exit_reason, message)

    def keep_staged_inputs(self) -> None:
        """A failed attempt keeps its staged inputs (``inputs/``), so a debug copy can
        replay the run on exactly the data it saw; staging itself is removed as always."""
        paths = {cell.cell_id: cell.path for cell in self.plan.inputs} if self.plan else {}
        for staged in self.record["staged_inputs"]:
            path = paths.get(staged["cell_id"])
            if path is None:
                continue
            try:
                data = read_run_file(self.run_folder, path, self.read_cap)
            except FileNotFoundError:
                continue
            except OSError as error:  # the notebook replaced it: a link, a FIFO, a huge file
                self.record["warnings"].append(f"The staged input {path.name} was not kept: {error}")
                continue
            staged["kept"] = self.folder.keep_bytes(data, f"inputs/{path.name}")

    def close(self, status: str, exit_reason: str, message: str) -> None:
        finish(self.record, status=status, exit_reason=exit_reason, message=message, ended_at=marks.utc_now())
        self.record["resources"] = self.meter.usage()
        self.emit("COMPLETE" if status == "success" else "FAIL")
        if status != "success":
            self.record["notifications"] = notify_failure(self.spec, self.record)
        self.folder.write_record(self.record)

    def emit(self, event_type: str) -> None:
        def located(datasets: list[dict]) -> list[dict]:
            return [{"namespace": d["namespace"], "name": d["name"]} for d in datasets if "namespace" in d]

        event = lineage.run_event(
            event_type,
            event_time=self.record["started_at" if event_type == "START" else "ended_at"],
            schedule=self.spec,
            run=self.record,
            zone=self.record["zone"],
            error=self.record["error"] if event_type == "FAIL" else None,
            inputs=located(self.record["inputs"]),
            outputs=located(self.record["outputs"]),
        )
        self.folder.append_line("lineage.jsonl", json.dumps(event))
        lineage.post_event(event)


class SourceCells:
    """Where the source notebook's cells went in the output notebook, which gains an
    injected cell and banners and loses stale ones: cells are followed by identity."""

    def __init__(self, nb):
        self.cells = list(nb.cells)

    def output_index(self, nb, source_index: int) -> int:
        cell = self.cells[source_index]
        return next(index for index, candidate in enumerate(nb.cells) if candidate is cell)

    def source_index(self, nb, index: int) -> int | None:
        """None for a cell the source does not have (the injected one)."""
        cell = nb.cells[index]
        return next((source for source, candidate in enumerate(self.cells) if candidate is cell), None)
