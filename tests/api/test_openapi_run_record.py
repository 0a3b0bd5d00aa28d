"""openapi.yaml's RunRecord names exactly the fields the operator writes into record.json
(src/api/runRecord.ts is held to the same schema by a jest test)."""

from datetime import datetime, timezone
from pathlib import Path

import yaml

from nbschedule.operator.record import new_record

OPENAPI = Path(__file__).resolve().parents[2] / "nbschedule" / "api" / "openapi.yaml"
# Written only by some runs: a kept scratch folder (keep_run_folder) and lite runs.
OPTIONAL_FIELDS = {"run_folder", "lite"}


def test_run_record_schema_lists_every_field_the_operator_writes():
    schema = yaml.safe_load(OPENAPI.read_text())["components"]["schemas"]["RunRecord"]
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    spec = {"name": "daily", "notebook": "daily.ipynb", "owner": "ana"}
    written = set(new_record(spec, run_id="r", attempt=1, trigger="manual", logical_date=now, started_at=now, zone={}))
    assert set(schema["required"]) == written
    assert set(schema["properties"]) == written | OPTIONAL_FIELDS
