"""The spec check of workflows: a broken graph is refused at the field it concerns, over
hand-picked cases and over random graphs; a valid one gives a run order."""

from __future__ import annotations

import copy
from datetime import datetime, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nbschedule.operator import run_notebook
from nbschedule.spec import SpecInvalid, validate_spec
from nbschedule.spec.check import check_spec
from nbschedule.spec.workflow import find_cycle
from nbschedule.workflow.graph import item_label, node_run_id, node_spec, run_order
from nbschedule.zones import load_catalogue

BASE = {
    "version": 1,
    "name": "regional",
    "notebook": "collect.ipynb",
    "cron": "0 2 * * *",
    "timezone": "UTC",
    "start_date": "2024-01-01",
    "zone": "analytics",
    "owner": "ada@example.com",
    "retries": 1,
}
NODES = [
    {"id": "collect", "notebook": "collect.ipynb"},
    {
        "id": "enrich",
        "notebook": "enrich.ipynb",
        "needs": ["collect"],
        "from": [{"parameter": "rows", "node": "collect", "value": "rows"}],
    },
    {
        "id": "report_region",
        "notebook": "report_region.ipynb",
        "needs": ["enrich"],
        "retries": 2,
        "foreach": [{"region": "us"}, {"region": "eu"}, {"region": "apac"}],
        "max_parallel": 2,
    },
    {"id": "report", "notebook": "report.ipynb", "needs": ["report_region"], "trigger_rule": "all_done"},
]


def workflow(**changes) -> dict:
    spec = {**copy.deepcopy(BASE), "nodes": copy.deepcopy(NODES)}
    spec.update(changes)
    return spec


def problems_of(spec: dict) -> dict[str, str]:
    return {error.path: error.message for error in validate_spec(spec)}


def test_a_valid_workflow_passes_and_orders_its_nodes():
    assert problems_of(workflow()) == {}
    assert run_order(NODES) == ["collect", "enrich", "report_region", "report"]


def test_single_notebook_specs_are_unchanged():
    assert problems_of(BASE) == {}


def test_integers_javascript_cannot_carry_exactly_are_refused_wherever_they_are():
    spec = {**BASE, "parameters": [{"name": "n", "type": "int", "value": -(2**53), "default": 2**53 - 1}]}
    assert problems_of(spec) == {"/parameters/0/value": problems_of(spec)["/parameters/0/value"]}
    assert "±9007199254740991" in problems_of(spec)["/parameters/0/value"]


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        (lambda n: n[1].update(needs=["collect", "ghost"]), "/nodes/1/needs/1", "'ghost'"),
        (lambda n: n[2].update(id="enrich"), "/nodes/2/id", "used twice"),
        (
            lambda n: n[0].update(needs=["report"]),
            "/nodes/0/needs",
            "collect → enrich → report_region → report → collect",
        ),
        (lambda n: n[1].update(needs=["enrich"], **{"from": []}), "/nodes/1/needs", "enrich → enrich"),
        (lambda n: n[2]["foreach"].append({"class": "x"}), "/nodes/2/foreach/3", "keyword"),
        (lambda n: n[2]["foreach"].append({"région": "x"}), "/nodes/2/foreach/3", "identifier"),
        (
            lambda n: n[3].update(**{"from": [{"parameter": "x", "node": "collect", "value": "rows"}]}),
            "/nodes/3/from/0/node",
            "not one of its needs",
        ),
        (
            lambda n: n[3].update(**{"from": [{"parameter": "x", "node": "report_region", "value": "rows"}]}),
            "/nodes/3/from/0/node",
            "foreach",
        ),
        (lambda n: n[0].update(notebook="other.ipynb"), "/notebook", "not the notebook of any"),
        (lambda n: n[1].update(trigger_rule="one_success"), "/nodes/1/trigger_rule", "'all_success'"),
        (lambda n: n[2].update(max_parallel=0), "/nodes/2/max_parallel", "minimum"),
        (lambda n: n[2].update(id="Bad-Id"), "/nodes/2/id", "lowercase letters"),
        (lambda n: n[1].update(zone=""), "/nodes/1/zone", "non-empty"),
        (lambda n: n[1].update(timeout_seconds=0), "/nodes/1/timeout_seconds", "minimum"),
        (lambda n: n[1].update(timeout_seconds="60"), "/nodes/1/timeout_seconds", "not of type 'integer'"),
        (lambda n: n[1].update(inputs=[{"connection": "warehouse"}]), "/nodes/1/inputs/0/table", "'table' is required"),
        (
            lambda n: n[1].update(outputs=[{"table": "t", "connection": "w", "mode": "x"}]),
            "/nodes/1/outputs/0/mode",
            "'x'",
        ),
        # The runner starts a node without waiting, so the check would be silently skipped.
        (
            lambda n: n[1].update(
                inputs=[{"connection": "w", "table": "t", "wait_until_landed": {"date_column": "d"}}]
            ),
            "/nodes/1/inputs/0/wait_until_landed",
            "does not wait for landed data",
        ),
        # JavaScript (the wizard, the DAG generator) would round it to 9007199254740992.
        (lambda n: n[2]["foreach"].append({"region": 2**53 + 1}), "/nodes/2/foreach/3/region", "write it as a string"),
    ],
)
def test_a_broken_graph_is_refused_at_its_field(change, path, words):
    spec = workflow()
    change(spec["nodes"])
    found = problems_of(spec)
    assert path in found, found
    assert words in found[path]


def test_the_wizard_check_names_the_field_and_checks_each_node_zone(tmp_path):
    catalogue = load_catalogue(tmp_path)
    assert check_spec(workflow(), catalogue)["problems"] == []
    cyclic = workflow()
    cyclic["nodes"][0]["needs"] = ["report"]
    assert [p["path"] for p in check_spec(cyclic, catalogue)["problems"]] == ["/nodes/0/needs"]
    zoned = workflow()
    zoned["nodes"][2]["zone"] = "no_such_zone"
    # Personal data: the analytics zone (the spec's, so node 1's) may not read it; customer care may.
    zoned["nodes"][1]["inputs"] = [{"connection": "warehouse", "table": "customers"}]
    zoned["nodes"][3].update(zone="customer_care", inputs=[{"connection": "warehouse", "table": "customers"}])
    found = {p["path"]: p["kind"] for p in check_spec(zoned, catalogue)["problems"]}
    assert found == {"/nodes/2/zone": "zone_unknown_zone", "/nodes/1/inputs/0": "zone_read"}


def test_the_wizard_check_gives_each_node_dataset_its_category_under_the_node_zone(tmp_path):
    catalogue = load_catalogue(tmp_path)
    spec = workflow(outputs=[{"connection": "warehouse", "table": "daily"}])
    spec["nodes"][1]["outputs"] = [{"connection": "warehouse", "table": "daily"}]
    spec["nodes"][3].update(
        zone="customer_care",
        inputs=[{"connection": "warehouse", "table": "customers"}],
        outputs=[{"connection": "warehouse", "table": "daily"}],
    )
    categories = {d["path"]: d["category"] for d in check_spec(spec, catalogue)["datasets"]}
    # An unlisted output is written under the category of the zone its own node runs in.
    assert categories == {
        "/outputs/0": "aggregate",
        "/nodes/1/outputs/0": "aggregate",
        "/nodes/3/inputs/0": "customer_pii",
        "/nodes/3/outputs/0": "customer_pii",
    }
    spec["nodes"][3]["outputs"] = [{"connection": "warehouse", "table": "agg_sales"}]
    found = {p["path"]: p["kind"] for p in check_spec(spec, catalogue)["problems"]}
    assert found == {"/nodes/3/outputs/0": "zone_write"}


def test_node_spec_takes_the_node_fields_and_keeps_the_workflow_name():
    single = node_spec(workflow(), NODES[2])
    assert single["name"] == "regional" and "nodes" not in single
    assert (single["notebook"], single["retries"]) == ("report_region.ipynb", 2)
    assert node_spec(workflow(), NODES[1])["retries"] == 1  # the workflow's
    assert problems_of(single) == {}
    assert item_label({"region": "fr", "tier": 1}) == "region=fr, tier=1"
    assert node_run_id("manual__x", "report_region", 0) == "manual__x.report_region.0"


def test_a_workflow_spec_is_never_run_as_one_notebook(tmp_path):
    with pytest.raises(SpecInvalid, match="/nodes: This spec is a workflow"):
        run_notebook(
            workflow(),
            workspace=tmp_path,
            logical_date=datetime(2024, 5, 1, tzinfo=timezone.utc),
            store=str(tmp_path / "store"),
        )
    assert not (tmp_path / "store").exists()


@st.composite
def graphs(draw):
    count = draw(st.integers(1, 8))
    ids = [f"n{index}" for index in range(count)]
    needs = {node: draw(st.lists(st.sampled_from(ids + ["ghost"]), max_size=3, unique=True)) for node in ids}
    return needs


def _has_cycle(needs: dict[str, list[str]]) -> bool:
    """Reference: a graph has a cycle iff repeatedly removing nodes with no known needs leaves some."""
    left = {node: {up for up in ups if up in needs} for node, ups in needs.items()}
    while True:
        free = [node for node, ups in left.items() if not ups & left.keys()]
        if not free:
            return bool(left)
        for node in free:
            del left[node]


@settings(max_examples=150, deadline=None)
@given(graphs())
def test_random_graphs_are_refused_exactly_when_broken(needs):
    nodes = [{"id": node, "notebook": f"{node}.ipynb", "needs": ups} for node, ups in needs.items()]
    spec = {**BASE, "notebook": "n0.ipynb", "nodes": nodes}
    found = problems_of(spec)
    unknown = {
        f"/nodes/{i}/needs/{j}" for i, node in enumerate(nodes) for j, up in enumerate(node["needs"]) if up == "ghost"
    }
    assert unknown <= found.keys()
    cycle = find_cycle(needs)
    assert (cycle is not None) == _has_cycle(needs)
    cycle_messages = [message for message in found.values() if "cycle" in message]
    if cycle is None:
        assert set(found) == unknown
        order = run_order([{**node, "needs": [up for up in node["needs"] if up != "ghost"]} for node in nodes])
        assert sorted(order) == sorted(needs)
        for node, ups in needs.items():
            assert all(order.index(up) < order.index(node) for up in ups if up != "ghost")
    else:
        # The cycle named is a real one: each node needs the one before it, round to the start.
        assert cycle[0] == cycle[-1] and len(cycle_messages) == 1
        assert all(cycle[k + 1] in needs[cycle[k]] for k in range(len(cycle) - 1))
        assert " → ".join(reversed(cycle)) in cycle_messages[0]
