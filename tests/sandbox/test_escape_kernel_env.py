"""An ordinary JupyterLab kernel, started by a real server with nbschedule loaded, does
not inherit the server's credentials; the server itself still has them."""

from __future__ import annotations

import json

import pytest

from nbschedule import server_secrets
from nbschedule.review import CONFIG_KEY

SECRETS = {
    "GITHUB_TOKEN": "ghp_NOT-FOR-KERNELS",
    "NBSCHEDULE_OPENLINEAGE_URL": "http://127.0.0.1:9/lineage?api_key=K",
    "NBSCHEDULE_SMTP_HOST": "127.0.0.1",
}


@pytest.fixture
def jp_server_config(jp_server_config, monkeypatch):
    # Set before the server starts, as a deployment would; taken secrets are forgotten after the test.
    monkeypatch.setattr(server_secrets, "_taken", {})
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    return {"ServerApp": {"jpserver_extensions": {"nbschedule": True}}}


def _run_in_kernel(kernel_manager, code: str) -> str:
    client = kernel_manager.blocking_client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=60)
        printed = []
        reply = client.execute_interactive(
            code,
            timeout=60,
            output_hook=lambda msg: (
                printed.append(msg["content"].get("text", "")) if msg["msg_type"] == "stream" else None
            ),
        )
        assert reply["content"]["status"] == "ok", reply["content"]
        return "".join(printed)
    finally:
        client.stop_channels()


@pytest.mark.timeout(120)
async def test_a_user_kernel_does_not_see_the_servers_secrets(jp_fetch, jp_serverapp):
    response = await jp_fetch("api", "kernels", method="POST", body=json.dumps({"name": "python3"}))
    kernel_id = json.loads(response.body)["id"]
    try:
        seen = _run_in_kernel(
            jp_serverapp.kernel_manager.get_kernel(kernel_id),
            f"import json, os\nprint(json.dumps({{n: os.environ.get(n) for n in {list(SECRETS)!r}}}))",
        )
    finally:
        await jp_fetch("api", "kernels", kernel_id, method="DELETE")

    assert json.loads(seen) == {name: None for name in SECRETS}
    assert jp_serverapp.web_app.settings[CONFIG_KEY].github_token == SECRETS["GITHUB_TOKEN"]
    assert server_secrets.server_setting("NBSCHEDULE_OPENLINEAGE_URL") == SECRETS["NBSCHEDULE_OPENLINEAGE_URL"]
    assert server_secrets.worker_environment()["GITHUB_TOKEN"] == SECRETS["GITHUB_TOKEN"]
