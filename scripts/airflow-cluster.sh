#!/usr/bin/env bash
# Airflow as the scale-out engine, on one machine (not in CI; see docs/AIRFLOW.md):
# Airflow 3 with the CeleryExecutor, Redis (from Debian) on loopback as the broker, two
# Celery workers, a private PostgreSQL cluster as Airflow's database (SQLite cannot take
# the concurrent writes), and a shared run store on a real S3 API (moto's server).
# The demo schedule's generated DAG is deployed, 20 DAG runs are triggered, and
# scripts/airflow_cluster.py checks that both workers took runs, that nbschedule's
# /runs API (a Jupyter server started here) lists all of them, and that a re-run asked
# through /runs goes back to Airflow; it prints throughput and run durations.
#
#   bash scripts/airflow-cluster.sh            # NBS_CLUSTER_RUNS=20 by default
#
# Everything listens on 127.0.0.1 only. Logs are kept in $NBS_CLUSTER_DIR (a new
# /tmp/nbschedule-cluster.* folder by default). Needs scripts/setup.sh to have run.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
RUNS="${NBS_CLUSTER_RUNS:-20}"
WORK="${NBS_CLUSTER_DIR:-$(mktemp -d /tmp/nbschedule-cluster.XXXXXX)}"
VENV="$REPO/.venvs/airflow-cluster"
PY="$REPO/.venv/bin/python"
mkdir -p "$WORK"
echo "==> working in $WORK"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
if ! command -v redis-server >/dev/null || [ -z "$PG_BIN" ]; then
  echo "==> installing redis-server and postgresql (apt-get)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server postgresql >/dev/null
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi

echo "==> the workers' environment: nbschedule[airflow] and Airflow's Celery provider ($VENV)"
rm -rf "$WORK/wheel"
"$PY" -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir "$WORK/wheel" "$REPO"
WHEEL="$(ls "$WORK"/wheel/nbschedule-*.whl)"
# Celery 5.6+ dropped what Airflow's Celery provider imports from celery.backends.database.
CELERY=(apache-airflow-providers-celery "celery>=5.5,<5.6" psycopg2-binary asyncpg)
if [ ! -x "$VENV/bin/airflow" ] ||
  ! "$VENV/bin/python" -c "import airflow.providers.celery.executors.celery_executor, psycopg2, asyncpg" 2>/dev/null; then
  "$PY" -m venv --clear "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "$WHEEL[airflow]" "${CELERY[@]}"
else
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps --force-reinstall "$WHEEL"
fi

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
REDIS_PORT="$(free_port)"; S3_PORT="$(free_port)"; API_PORT="$(free_port)"; LAB_PORT="$(free_port)"
PG_PORT="$(free_port)"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  sleep 3
  for pid in "${PIDS[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
# Each service in its own process group, so cleanup stops it with everything it forked.
start() { local name="$1"; shift; setsid "$@" >"$WORK/$name.log" 2>&1 & PIDS+=("$!"); }

echo "==> Redis on 127.0.0.1:$REDIS_PORT, moto's S3 server on 127.0.0.1:$S3_PORT"
start redis redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no
start moto "$PY" -m moto.server -H 127.0.0.1 -p "$S3_PORT"

echo "==> PostgreSQL on 127.0.0.1:$PG_PORT (a cluster of its own in $WORK/postgres)"
PG_DATA="$WORK/postgres"
# PostgreSQL refuses to run as root: as root, its own user runs it.
AS_PG=()
mkdir -p "$PG_DATA"
if [ "$(id -u)" = 0 ]; then
  AS_PG=(runuser -u postgres --)
  chown postgres "$PG_DATA" && chmod o+x "$WORK"
fi
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U airflow --auth=trust >"$WORK/initdb.log"
start postgres "${AS_PG[@]}" "$PG_BIN/postgres" -D "$PG_DATA" -h 127.0.0.1 -p "$PG_PORT" -k "$PG_DATA"
until "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; do sleep 0.5; done
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U airflow airflow

export AWS_ACCESS_KEY_ID=nbschedule-cluster AWS_SECRET_ACCESS_KEY=nbschedule-cluster-secret
export AWS_DEFAULT_REGION=us-east-1 AWS_ENDPOINT_URL_S3="http://127.0.0.1:$S3_PORT"
STORE="s3://nbschedule-cluster/runs"
"$PY" - "$S3_PORT" <<'PY'
import socket, sys, time
import fsspec
deadline = time.monotonic() + 60
while True:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
        break
    except OSError:
        if time.monotonic() > deadline:
            sys.exit("moto's S3 server did not start")
        time.sleep(0.2)
fsspec.filesystem("s3").mkdir("nbschedule-cluster")
PY

# The workspace: the demo notebook, its schedule, and the generated DAG.
WORKSPACE="$WORK/workspace"
mkdir -p "$WORKSPACE/dags" "$WORKSPACE/schedules"
cp demo/daily_revenue.ipynb "$WORKSPACE/"
cat >"$WORKSPACE/schedules/daily_revenue.json" <<'JSON'
{
  "version": 1,
  "name": "daily_revenue",
  "description": "Revenue per day, from the demo warehouse.",
  "notebook": "daily_revenue.ipynb",
  "cron": "0 6 1 1 *",
  "timezone": "UTC",
  "start_date": "2024-01-01",
  "catchup": "none",
  "zone": "analytics",
  "owner": "ada@example.com",
  "inputs": [{ "connection": "warehouse", "table": "orders" }],
  "outputs": [{ "connection": "warehouse", "table": "daily_revenue" }],
  "parameters": [{ "name": "report_date", "type": "date", "default": "2024-01-14", "template": "logical_date" }],
  "max_active_runs": 8
}
JSON
(cd tests/pipeline && "$PY" - "$WORKSPACE" "$WORK/generator" <<'PY'
import json, sys
from pathlib import Path
import dag_files
workspace, generator = Path(sys.argv[1]), Path(sys.argv[2])
spec = json.loads((workspace / "schedules" / "daily_revenue.json").read_text())
print("DAG:", dag_files.write_dags(dag_files.compile_generator(generator), [spec], workspace / "dags"))
PY
)

export PATH="$VENV/bin:$PATH"
export AIRFLOW_HOME="$WORK/airflow"
export AIRFLOW__CORE__EXECUTOR=CeleryExecutor
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN="postgresql+psycopg2://airflow@127.0.0.1:$PG_PORT/airflow"
export AIRFLOW__CORE__DAGS_FOLDER="$WORKSPACE/dags"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__PARALLELISM=8
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL="http://127.0.0.1:$API_PORT/execution/"
export AIRFLOW__CORE__HOSTNAME_CALLABLE=nbs_cluster_worker.name
export AIRFLOW__CORE__AUTH_MANAGER=airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS=nbschedule:admin
export AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE="$WORK/api-passwords.json"
export AIRFLOW__API_AUTH__JWT_SECRET="$("$PY" -c 'import secrets; print(secrets.token_hex(32))')"
export AIRFLOW__CELERY__BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0"
export AIRFLOW__CELERY__RESULT_BACKEND="redis://127.0.0.1:$REDIS_PORT/1"
export AIRFLOW__CELERY__WORKER_CONCURRENCY=2
export AIRFLOW__SCHEDULER__DAG_DIR_LIST_INTERVAL=5
export AIRFLOW__LOGGING__LOGGING_LEVEL=WARNING
export NBSCHEDULE_WORKSPACE="$WORKSPACE" NBSCHEDULE_STORE="$STORE"
export AIRFLOW_API_USERNAME=nbschedule AIRFLOW_API_PASSWORD="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(16))')"
printf '{"nbschedule": "%s"}' "$AIRFLOW_API_PASSWORD" >"$WORK/api-passwords.json"
# Which worker ran a task: each worker reports its own name as the task's hostname.
mkdir -p "$WORK/pythonpath"
printf 'import os\n\n\ndef name():\n    return os.environ.get("NBS_WORKER_NAME", "scheduler")\n' >"$WORK/pythonpath/nbs_cluster_worker.py"
export PYTHONPATH="$WORK/pythonpath"

# The demo warehouse, made once here rather than raced for by the first runs.
"$VENV/bin/python" -c 'import sys; from pathlib import Path; from nbschedule.warehouse.demo_data import ensure_demo_warehouse; ensure_demo_warehouse(Path(sys.argv[1]))' "$WORKSPACE/.nbschedule/warehouse.db"

echo "==> Airflow: db migrate, api-server (127.0.0.1:$API_PORT), scheduler, dag-processor, 2 Celery workers"
airflow db migrate >"$WORK/migrate.log" 2>&1
start api-server airflow api-server --host 127.0.0.1 --port "$API_PORT"
start scheduler airflow scheduler
start dag-processor airflow dag-processor
for worker in worker-1 worker-2; do
  start "$worker" env NBS_WORKER_NAME="$worker" airflow celery worker --celery-hostname "$worker@%h"
done

echo "==> JupyterLab's server on 127.0.0.1:$LAB_PORT, reading the same run store"
LAB_ROOT="$WORK/lab"
mkdir -p "$LAB_ROOT"
cp demo/daily_revenue.ipynb "$LAB_ROOT/"
LAB_TOKEN="$("$PY" -c 'import secrets; print(secrets.token_hex(16))')"
lab_args=(--ServerApp.root_dir="$LAB_ROOT" --ServerApp.ip=127.0.0.1 --ServerApp.port="$LAB_PORT"
  --ServerApp.open_browser=False --IdentityProvider.token="$LAB_TOKEN"
  --NbScheduleScheduler.shared_store="$STORE" --NbScheduleScheduler.shared_store_sync_seconds=2
  --NbScheduleScheduler.airflow_api_url="http://127.0.0.1:$API_PORT")
[ "$(id -u)" = 0 ] && lab_args+=(--allow-root)
PATH="$REPO/.venv/bin:$PATH" PYTHONPATH="" start jupyter "$REPO/.venv/bin/jupyter" server "${lab_args[@]}"

"$PY" scripts/airflow_cluster.py --runs "$RUNS" --api "http://127.0.0.1:$API_PORT" \
  --lab "http://127.0.0.1:$LAB_PORT" --lab-token "$LAB_TOKEN" --store "$STORE" --dag nbschedule__daily_revenue
