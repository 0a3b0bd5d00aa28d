pytest_plugins = ["pytest_jupyter.jupyter_server"]


def pytest_collection_modifyitems(items):
    """Test files that need the Airflow venv run last, whole (pytest -n 2 --dist loadfile
    gives a file to one worker): on a fresh clone the venv takes minutes to make, and
    scripts/test.sh makes it in the background while everything before them runs."""
    need_airflow = {item.path for item in items if "airflow_venv" in item.fixturenames}
    items.sort(key=lambda item: item.path in need_airflow)
