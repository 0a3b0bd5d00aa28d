"""Session-wide pieces of the pipeline tests: the Airflow venv and the DAG generator."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import airflow_env  # noqa: E402
import dag_files  # noqa: E402


@pytest.fixture(scope="session")
def airflow_venv(tmp_path_factory) -> Path:
    """The Airflow 3 venv with this checkout's nbschedule[airflow]; returns its python."""
    airflow_env.prepare(tmp_path_factory.mktemp("wheel"))
    return airflow_env.VENV_PYTHON


@pytest.fixture(scope="session")
def dag_generator(tmp_path_factory) -> Path:
    return dag_files.compile_generator(tmp_path_factory.mktemp("generator"))
