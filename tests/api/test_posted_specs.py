"""Hostile specs posted to every endpoint that takes one: a 4xx whose JSON names the field,
no traceback, and nothing started or written (nbschedule/api/spec_body.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
import tornado
from jupyter_api import fetch

from nbschedule.api.lite_handlers import RUNS_KEY as LITE_RUNS_KEY
from nbschedule.review import TRIAL_RUNS_KEY

MAX_BODY = 64 * 1024
SPEC = {
    "version": 1,
    "name": "daily",
    "notebook": "daily.ipynb",
    "cron": "0 6 * * *",
    "timezone": "UTC",
    "start_date": "2026-01-01",
    "zone": "analytics",
    "owner": "ada@example.com",
}
# Endpoints that run the spec they are sent, and the wizard's check, which answers a bad
# spec with its problems (200) but refuses a bad body as they do.
RUNS = [("test-runs",), ("lite", "runs")]
CHECK = ("spec", "check")


@pytest.fixture
def jp_server_config(jp_server_config):
    return {
        "ServerApp": {"jpserver_extensions": {"nbschedule": True}},
        "NbScheduleApi": {"max_body_bytes": MAX_BODY},
    }


def notebook(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print('ran')")]), path)


def posted(**changes) -> bytes:
    spec = {key: value for key, value in {**SPEC, **changes}.items() if value is not None}
    return json.dumps({"spec": spec}).encode()


def cases(outside: Path) -> list[tuple[str, bytes, int, str]]:
    """(what, body, status, field); `outside` holds a runnable notebook out of the root."""
    return [
        ("not JSON", b'{"spec": {"name": "daily"', 400, "body"),
        ("JSON, not an object", json.dumps([{"spec": SPEC}]).encode(), 400, "body"),
        ("null", b"null", 400, "body"),
        ("too large", posted(description="x" * MAX_BODY), 413, "body"),
        ("no spec", json.dumps({"notebook": "daily.ipynb"}).encode(), 400, "spec"),
        ("spec a string", json.dumps({"spec": "daily"}).encode(), 400, "spec"),
        ("spec an array", json.dumps({"spec": [SPEC]}).encode(), 400, "spec"),
        ("a list too long", posted(inputs=[{"connection": "warehouse", "table": "t"}] * 501), 400, "spec/inputs"),
        ("no name", posted(name=None), 400, "/name"),
        ("no notebook", posted(notebook=None), 400, "/notebook"),
        ("notebook a number", posted(notebook=5), 400, "/notebook"),
        ("cron a number", posted(cron=5), 400, "/cron"),
        ("parameters a string", posted(parameters="region=eu"), 400, "/parameters"),
        ("'..' out of the root", posted(notebook="../outside/real.ipynb"), 400, "/notebook"),
        ("'..' inside a path", posted(notebook="reports/../../outside/real.ipynb"), 400, "/notebook"),
        ("absolute path", posted(notebook=str(outside / "real.ipynb")), 400, "/notebook"),
        ("linked file", posted(notebook="link.ipynb"), 400, "/notebook"),
        ("linked folder", posted(notebook="linked/real.ipynb"), 400, "/notebook"),
        ("into .git", posted(notebook=".git/real.ipynb"), 400, "/notebook"),
        ("missing", posted(notebook="nope.ipynb"), 400, "/notebook"),
        ("a folder", posted(notebook="folder.ipynb"), 400, "/notebook"),
        ("a name too long", posted(notebook="n" * 300 + ".ipynb"), 400, "/notebook"),
        ("missing, and more", posted(notebook="nope.ipynb", cron=5), 400, "/notebook"),
    ]


# Refused only where the notebook must exist to run: the check looks at the spec alone.
RUN_ONLY = {"missing", "a folder", "a name too long", "missing, and more"}


async def post(jp_fetch, path: tuple[str, ...], body: bytes) -> tuple[int, str]:
    try:
        response = await jp_fetch("nbschedule", *path, method="POST", body=body)
    except tornado.httpclient.HTTPClientError as error:
        return error.code, error.response.body.decode()
    return response.code, response.body.decode()


def files(root: Path) -> set[str]:
    # The scheduler's database and logs change on their own; they hold no request's state.
    return {
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _, names in os.walk(root)
        for name in names
        if not os.path.relpath(folder, root).startswith(".nbschedule")
    }


async def started(jp_fetch, jp_serverapp) -> tuple:
    """Everything a run could leave besides files: run rows, test runs, lite runs."""
    code, runs = await fetch(jp_fetch, "runs")
    settings = jp_serverapp.web_app.settings
    lite = settings.get(LITE_RUNS_KEY)
    assert code == 200
    return runs["runs"], dict(settings[TRIAL_RUNS_KEY].runs), dict(lite.runs) if lite else {}


@pytest.fixture
def workspace(jp_root_dir, tmp_path_factory) -> Path:
    """The root with the spec's notebook, and ways out of it to a runnable notebook outside."""
    outside = tmp_path_factory.mktemp("outside")
    notebook(outside / "real.ipynb")
    notebook(jp_root_dir / SPEC["notebook"])
    notebook(jp_root_dir / ".git" / "real.ipynb")
    (jp_root_dir / "link.ipynb").symlink_to(outside / "real.ipynb")
    (jp_root_dir / "linked").symlink_to(outside)
    (jp_root_dir / "folder.ipynb").mkdir()
    return outside


@pytest.mark.parametrize("path", [*RUNS, CHECK], ids="/".join)
async def test_a_bad_posted_spec_is_a_4xx_naming_the_field_and_starts_nothing(
    jp_fetch, jp_root_dir, jp_serverapp, workspace, path
):
    before_files, before = files(jp_root_dir), await started(jp_fetch, jp_serverapp)
    for what, body, status, field in cases(workspace):
        code, text = await post(jp_fetch, path, body)
        assert "Traceback" not in text and 'File "' not in text, (what, text)
        reply = json.loads(text)
        if path == CHECK and field.startswith("/"):
            # The wizard's check names the same field among the spec's problems.
            named = [problem["path"] for problem in reply.get("problems", [])]
            assert code == 200 and (field in named or what in RUN_ONLY), (what, code, reply)
            continue
        assert (code, reply.get("field")) == (status, field), (what, reply)
        assert isinstance(reply["message"], str) and reply["message"].strip(), (what, reply)
        if field.startswith("/"):
            assert reply["errors"][0]["path"] == field and reply["message"].startswith("The schedule spec is not valid")
        assert files(jp_root_dir) == before_files, what
        assert await started(jp_fetch, jp_serverapp) == before, what
    missing_and_more = json.loads((await post(jp_fetch, path, posted(notebook="nope.ipynb", cron=5)))[1])
    if path != CHECK:  # every problem is listed at once, the notebook first
        assert [problem["path"] for problem in missing_and_more["errors"]] == ["/notebook", "/cron"]
