#!/usr/bin/env bash
# Installs everything, then runs every suite; exits non-zero if any suite fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

# Two installs that mostly wait on the network start now and go on while lint, jest and
# pytest run: Galata's packages, and the Airflow virtualenv (minutes on a fresh clone; the
# pipeline tests wait for it on its lock, see tests/pipeline/airflow_env.py).
# Each in a process group of its own, so that a failed suite stops them with their children.
logs="$(mktemp -d)"
setsid bash -c 'cd ui-tests && exec jlpm install' >"$logs/ui-tests-install.log" 2>&1 &
ui_tests_install=$!
setsid python tests/pipeline/airflow_env.py >"$logs/airflow-venv.log" 2>&1 &
airflow_venv=$!
trap 'kill -- -"$ui_tests_install" -"$airflow_venv" 2>/dev/null || true' EXIT

echo "==> lint"
jlpm lint:check

echo "==> jest"
jlpm test --ci

echo "==> pytest"
# Two workers: most tests wait on kernels, servers and subprocesses rather than compute.
# A file's tests stay on one worker, so its module-scoped fixtures (an Airflow run, a
# DagBag probe) still run once.
python -m pytest -n 2 --dist loadfile
# pytest has made the venv itself if this failed; its log is only for the curious.
wait "$airflow_venv" || echo "(making the Airflow venv ahead failed: $logs/airflow-venv.log)"

echo "==> galata (ui-tests)"
wait "$ui_tests_install" || { cat "$logs/ui-tests-install.log"; exit 1; }
cd ui-tests
jlpm playwright test
