#!/usr/bin/env bash
# Installs everything, then opens JupyterLab with nbschedule on a demo workspace:
# the demo notebook and an embedded SQLite warehouse created on first use.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

workspace="$PWD/demo-workspace"
mkdir -p "$workspace/.nbschedule"
# Never overwrite the user's edits to the demo notebook.
cp -n demo/*.ipynb "$workspace/"
# The workflow example: four notebooks and their spec (submit it from the wizard).
cp -rn demo/workflow "$workspace/"

args=(--ServerApp.root_dir="$workspace")
[ "$(id -u)" = 0 ] && args+=(--allow-root)
exec jupyter lab "${args[@]}" "$@"
