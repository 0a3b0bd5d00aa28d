"""Pure-Python wheels the server serves to lite kernels: listed, counted by the check, refused otherwise."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from jupyter_api import fetch
from test_lite_runs import SPEC, write_notebook
from tornado.httpclient import HTTPClientError

from nbschedule.lite.config import lite_settings

PURE = "tinytable-1.2-py3-none-any.whl"


def write_wheel(folder: Path, file: str, members: dict[str, str]) -> None:
    with zipfile.ZipFile(folder / file, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)


@pytest.fixture
def wheels(tmp_path, jp_serverapp) -> Path:
    folder = tmp_path / "wheels"
    folder.mkdir()
    write_wheel(
        folder,
        PURE,
        {
            "tinytable/__init__.py": "def width(rows): return max(map(len, rows))\n",
            "tinytable_cli.py": "",
            "tinytable-1.2.dist-info/METADATA": "Name: tinytable\nVersion: 1.2\n",
        },
    )
    # Compiled code cannot run in Pyodide: such a wheel is neither listed nor served.
    write_wheel(folder, "fastcore-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", {"fastcore/__init__.py": ""})
    (tmp_path / "secret.whl").write_text("outside the folder")
    lite_settings(jp_serverapp.web_app.settings).wheels_folder = str(folder)
    return folder


async def test_served_wheels_are_listed_served_and_make_their_imports_lite(jp_fetch, jp_root_dir, jp_serverapp, wheels):
    status, listing = await fetch(jp_fetch, "lite", "wheels", "")
    assert status == 200 and listing == {
        "wheels": [{"file": PURE, "name": "tinytable", "version": "1.2", "imports": ["tinytable", "tinytable_cli"]}]
    }
    wheel = await jp_fetch("nbschedule", "lite", "wheels", PURE)
    assert wheel.body == (wheels / PURE).read_bytes()

    write_notebook(jp_root_dir, "import tinytable\nprint(tinytable.width(['ab']))", "import fastcore")
    status, check = await fetch(jp_fetch, "lite", "check", method="POST", body={"notebook": SPEC["notebook"]})
    assert status == 200 and check["wheels_url"].endswith("/nbschedule/lite/wheels/")
    assert [(p["cell"], p["reason"]) for p in check["problems"]] == [
        (
            2,
            "imports fastcore, which neither the Pyodide distribution nor a wheel this server serves has "
            "(c.NbScheduleLite.wheels_folder)",
        )
    ]

    # Anything but a served wheel is refused, naming the field: paths, other names, compiled wheels.
    for file, code in [
        ("..%2Fsecret.whl", 400),
        ("%2Fetc%2Fpasswd", 400),
        ("notes.txt", 400),
        ("fastcore-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", 404),
        ("absent-1.0-py3-none-any.whl", 404),
    ]:
        with pytest.raises(HTTPClientError) as refused:
            await jp_fetch("nbschedule", "lite", "wheels", file)
        assert refused.value.code == code and b'"field": "file"' in refused.value.response.body, file

    lite_settings(jp_serverapp.web_app.settings).wheels_folder = ""
    status, listing = await fetch(jp_fetch, "lite", "wheels", "")
    assert status == 200 and listing == {"wheels": []}
