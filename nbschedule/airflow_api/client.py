"""A small client of Airflow 3's REST API v2: sign in, trigger a DAG run.

The base URL is server configuration (``c.NbScheduleScheduler.airflow_api_url``); the
credentials come from the standard places, never from a spec or a request:

- ``AIRFLOW_API_TOKEN``: a JWT issued by Airflow (``/auth/token``), sent as is;
- else ``AIRFLOW_API_USERNAME`` and ``AIRFLOW_API_PASSWORD``;
- else the ``~/.netrc`` (or ``$NETRC``) entry of the API's host.

A user name and password are exchanged for a token at ``<base>/auth/token``.
"""

from __future__ import annotations

import json
import netrc
import os
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

TIMEOUT_SECONDS = 20.0


class AirflowApiError(Exception):
    """Airflow's API refused or could not be reached; `status` is its HTTP status (0: unreachable)."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Credentials:
    token: str | None = None
    username: str | None = None
    password: str | None = None


def credentials_for(base_url: str, environ: dict[str, str] | None = None) -> Credentials:
    """The credentials for `base_url` from the environment or ~/.netrc (empty when none)."""
    environ = os.environ if environ is None else environ
    if environ.get("AIRFLOW_API_TOKEN"):
        return Credentials(token=environ["AIRFLOW_API_TOKEN"])
    if environ.get("AIRFLOW_API_USERNAME"):
        return Credentials(username=environ["AIRFLOW_API_USERNAME"], password=environ.get("AIRFLOW_API_PASSWORD", ""))
    try:
        entry = netrc.netrc(environ.get("NETRC")).authenticators(urlsplit(base_url).hostname or "")
    except (FileNotFoundError, netrc.NetrcParseError):
        entry = None
    if entry:
        return Credentials(username=entry[0], password=entry[2] or "")
    return Credentials()


def _problem(body: bytes) -> str:
    try:
        detail = json.loads(body).get("detail")
    except (ValueError, AttributeError):
        return body[:300].decode("utf-8", "replace")
    return json.dumps(detail)[:300] if not isinstance(detail, str) else detail[:300]


class AirflowApi:
    def __init__(self, base_url: str, credentials: Credentials):
        self.base_url = base_url.rstrip("/")
        self.credentials = credentials
        self._token = credentials.token

    async def _send(self, method: str, path: str, body: Any | None = None, token: str | None = None) -> Any:
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        request = HTTPRequest(
            f"{self.base_url}{path}",
            method=method,
            headers=headers,
            body=None if body is None else json.dumps(body),
            request_timeout=TIMEOUT_SECONDS,
            connect_timeout=TIMEOUT_SECONDS,
            follow_redirects=False,
        )
        try:
            response = await AsyncHTTPClient().fetch(request)
        except HTTPClientError as error:
            if error.response is None:  # 599: timed out, or closed before answering
                raise AirflowApiError(0, f"Airflow's API at {self.base_url} cannot be reached: {error}") from None
            raise AirflowApiError(error.code, _problem(error.response.body or b"") or str(error)) from None
        except OSError as error:
            raise AirflowApiError(0, f"Airflow's API at {self.base_url} cannot be reached: {error}") from None
        return json.loads(response.body) if response.body else None

    async def _bearer(self) -> str | None:
        if self._token is None and self.credentials.username is not None:
            issued = await self._send(
                "POST", "/auth/token", {"username": self.credentials.username, "password": self.credentials.password}
            )
            self._token = issued["access_token"]
        return self._token

    async def trigger_dag_run(self, dag_id: str, dag_run_id: str, conf: dict[str, Any], note: str) -> dict[str, Any]:
        """POST /api/v2/dags/{dag_id}/dagRuns; returns Airflow's DAG run."""
        body = {"dag_run_id": dag_run_id, "logical_date": None, "conf": conf, "note": note}
        path = f"/api/v2/dags/{quote(dag_id, safe='')}/dagRuns"
        try:
            return await self._send("POST", path, body, await self._bearer())
        except AirflowApiError as error:
            if error.status != 401 or self.credentials.username is None:
                raise
        self._token = None  # an expired token: sign in once more
        return await self._send("POST", path, body, await self._bearer())
