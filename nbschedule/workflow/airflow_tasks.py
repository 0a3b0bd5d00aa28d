"""Airflow 3 tasks of a generated workflow DAG: one task per node, a fan-out node mapped
over its items with ``expand_kwargs``.

Each task runs its node exactly as the embedded runner does (the same node spec, run id
``<DAG run>.<node>[.<map index>]``, try number as attempt), so both engines fill the run
store alike. Published values travel downstream as the XCom ``published``.
Parsing a DAG imports only Airflow and nbschedule.airflow's light top.
"""

from __future__ import annotations

from typing import Any

from nbschedule.airflow import (
    NotebookOperator,
    NotebookRunFailed,
    _logical_date,
    _store,
    _workspace,
    store_run_id,
    trigger_of,
)

from .labels import item_label, node_run_id

PUBLISHED_XCOM = "published"
# Airflow names each mapped instance by this, e.g. "region=eu", instead of a bare index.
MAP_INDEX_TEMPLATE = "{{ task.item_label }}"


class WorkflowNodeOperator(NotebookOperator):
    """Runs one node of the workflow `spec` (one item of it, when mapped with `parameters`)."""

    def __init__(self, *, spec: dict, node: str, parameters: dict | None = None, **kwargs):
        super().__init__(spec=spec, **kwargs)
        self.node = node
        self.parameters = parameters or {}
        self.item_label = item_label(self.parameters)

    def taken_values(self, ti) -> dict[str, Any]:
        """Parameters `from` upstream nodes; a value not published leaves the notebook's default."""
        node = next(node for node in self.spec["nodes"] if node["id"] == self.node)
        values = {}
        for taken in node.get("from", []):
            published = ti.xcom_pull(task_ids=taken["node"], key=PUBLISHED_XCOM)
            if isinstance(published, dict) and taken["value"] in published:
                values[taken["parameter"]] = published[taken["value"]]
        return values

    def execute(self, context):
        from nbschedule.operator import run_notebook
        from nbschedule.workflow.graph import node_spec

        ti = context["ti"]
        node = next(node for node in self.spec["nodes"] if node["id"] == self.node)
        index = ti.map_index if ti.map_index is not None and ti.map_index >= 0 else None
        parent = store_run_id(context["run_id"])
        overrides = {**self.parameters, **self.taken_values(ti)}
        result = run_notebook(
            node_spec(self.spec, node),
            workspace=_workspace(self, self.workspace),
            logical_date=_logical_date(context),
            trigger=trigger_of(context),
            run_id=node_run_id(parent, self.node, index),
            attempt=ti.try_number,
            store=_store(self.store),
            parameter_overrides=overrides or None,
            workflow={"parent_run_id": parent, "node": self.node, "item": index, "item_label": self.item_label or None},
        )
        if result.status != "success":
            raise NotebookRunFailed(result)
        ti.xcom_push(key=PUBLISHED_XCOM, value=result.record["published"])
        return result.output_uri
