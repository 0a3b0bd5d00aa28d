"""Generated DAG files for any spec, from the wizard's own generator (src/pipeline).

The TypeScript generator is compiled to CommonJS once per test session and run by
Node on a batch of specs, so Python tests get exactly the bytes the preview shows.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TSC = REPO / "node_modules" / ".bin" / "tsc"

_WRITE_DAGS = """
const fs = require('fs');
const path = require('path');
const { generateDag, dagId } = require(process.argv[1]);
const [folder] = process.argv.slice(2);
const specs = JSON.parse(fs.readFileSync(0, 'utf-8'));
for (const spec of specs) {
  fs.writeFileSync(path.join(folder, spec.name + '.py'), generateDag(spec));
}
process.stdout.write(JSON.stringify(specs.map(dagId)));
"""


def compile_generator(folder: Path) -> Path:
    """Compiles src/pipeline/generateDag.ts into `folder`; returns the module to require."""
    done = subprocess.run(
        [
            str(TSC),
            "--module",
            "commonjs",
            "--target",
            "es2022",
            "--moduleResolution",
            "node",
            "--strict",
            "--esModuleInterop",
            "--skipLibCheck",
            "--types",
            "node",
            "--rootDir",
            str(REPO / "src"),
            "--outDir",
            str(folder),
            str(REPO / "src" / "pipeline" / "generateDag.ts"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "pipeline" / "generateDag.js"


def write_dags(generator: Path, specs: list[dict], folder: Path) -> list[str]:
    """Writes `<name>.py` per spec into `folder`; returns their DAG ids."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["node", "-e", _WRITE_DAGS, str(generator), str(folder)],
        input=json.dumps(specs),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def check_workflow_dag(dag: dict, workflow: dict) -> None:
    """One task per node with the node's edges, retries, timeout and trigger rule; a
    fan-out node mapped over its items, each named by the map index template."""
    assert sorted(dag["tasks"]) == sorted(node["id"] for node in workflow["nodes"])
    for node in workflow["nodes"]:
        task = dag["tasks"][node["id"]]
        assert task["class"] == "nbschedule.workflow.airflow_tasks.WorkflowNodeOperator"
        assert (task["node"], task["upstream"]) == (node["id"], sorted(node.get("needs", [])))
        assert task["retries"] == node.get("retries", workflow.get("retries", 0))
        assert task["execution_timeout"] == node.get("timeout_seconds", workflow.get("timeout_seconds", 3600))
        assert task["trigger_rule"] == node.get("trigger_rule", "all_success")
        assert task["spec"]["nodes"][workflow["nodes"].index(node)]["id"] == node["id"]
        if "foreach" in node:
            expected = {
                "items": [{"parameters": item} for item in node["foreach"]],
                "map_index_template": "{{ task.item_label }}",
                "max_active_tis_per_dagrun": node.get("max_parallel", 4),
            }
            assert task["mapped"] == expected, (node["id"], task["mapped"], expected)
        else:
            assert task["mapped"] is None
