"""OpenLineage run events: START when a run begins, COMPLETE or FAIL when it ends.

Events are appended to the attempt's ``lineage.jsonl`` and, when
``NBSCHEDULE_OPENLINEAGE_URL`` is set, POSTed there (the full endpoint URL, e.g. a
Marquez ``/api/v1/lineage``). A failed POST is logged and never fails the run.

The zone travels as the custom run facet ``nbschedule_zone`` and the run's own
identity (schedule run id, attempt, trigger) as ``nbschedule_run``; both are described
by ``lineage_facets.schema.json`` next to this file.
"""

from __future__ import annotations

import json
import logging
import urllib.request
import uuid
from typing import Any

from .._version import __version__
from ..server_secrets import server_setting

log = logging.getLogger(__name__)

PRODUCER = f"urn:nbschedule:operator:{__version__}"
RUN_EVENT_SCHEMA = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent"
_FACETS = "https://openlineage.io/spec/facets"
_OWN_FACETS = "urn:nbschedule:lineage-facets:1"
JOB_NAMESPACE = "nbschedule"


def run_uuid(schedule: str, run_id: str, attempt: int) -> str:
    """OpenLineage wants a UUID per run; derived, so every event of an attempt agrees."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"nbschedule:{schedule}:{run_id}:{attempt}"))


def dataset(connection_url: str, table: str) -> dict[str, str]:
    """Namespace from the connection's location (never its credentials), name from the table."""
    from sqlalchemy.engine import make_url  # only runs that declare datasets pay for SQLAlchemy

    url = make_url(connection_url)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return {"namespace": f"sqlite://{url.database or ':memory:'}", "name": table}
    scheme = "postgres" if backend == "postgresql" else backend
    location = f"{url.host or 'localhost'}:{url.port}" if url.port else (url.host or "localhost")
    name = f"{url.database}.{table}" if url.database else table
    return {"namespace": f"{scheme}://{location}", "name": name}


def _facet(schema: str, **fields: Any) -> dict[str, Any]:
    return {"_producer": PRODUCER, "_schemaURL": schema, **fields}


def run_event(
    event_type: str,
    *,
    event_time: str,
    schedule: dict[str, Any],
    run: dict[str, Any],
    zone: dict[str, Any],
    inputs: list[dict],
    outputs: list[dict],
    error: dict | None = None,
) -> dict[str, Any]:
    """One RunEvent. `run` holds run_id, attempt, trigger, logical_date; `zone` name and rules."""
    facets = {
        "nominalTime": _facet(
            f"{_FACETS}/1-0-1/NominalTimeRunFacet.json#/$defs/NominalTimeRunFacet", nominalStartTime=run["logical_date"]
        ),
        "nbschedule_run": _facet(
            f"{_OWN_FACETS}#/$defs/RunFacet", runId=run["run_id"], attempt=run["attempt"], trigger=run["trigger"]
        ),
        "nbschedule_zone": _facet(f"{_OWN_FACETS}#/$defs/ZoneFacet", **zone),
    }
    if error is not None:
        facets["errorMessage"] = _facet(
            f"{_FACETS}/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet",
            message=f"{error['ename']}: {error['evalue']}",
            programmingLanguage="python",
            stackTrace=error["traceback"],
        )
    return {
        "eventType": event_type,
        "eventTime": event_time,
        "producer": PRODUCER,
        "schemaURL": RUN_EVENT_SCHEMA,
        "run": {"runId": run_uuid(schedule["name"], run["run_id"], run["attempt"]), "facets": facets},
        "job": {
            "namespace": JOB_NAMESPACE,
            "name": schedule["name"],
            "facets": {
                "jobType": _facet(
                    f"{_FACETS}/2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet",
                    processingType="BATCH",
                    integration="NBSCHEDULE",
                    jobType="NOTEBOOK",
                ),
                "ownership": _facet(
                    f"{_FACETS}/1-0-1/OwnershipJobFacet.json#/$defs/OwnershipJobFacet",
                    owners=[{"name": schedule["owner"]}],
                ),
            },
        },
        "inputs": inputs,
        "outputs": outputs,
    }


def post_event(event: dict[str, Any]) -> None:
    """POST `event` to $NBSCHEDULE_OPENLINEAGE_URL when set; failures are logged only."""
    url = server_setting("NBSCHEDULE_OPENLINEAGE_URL")
    if not url:
        return
    request = urllib.request.Request(
        url, data=json.dumps(event).encode(), method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
    except Exception as error:  # lineage is best effort: any network or HTTP error is only logged
        log.warning("Could not post the %s lineage event to %s: %s", event["eventType"], url, error)
