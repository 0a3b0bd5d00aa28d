#!/usr/bin/env bash
# Installs everything nbschedule needs on a fresh Debian machine; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v bwrap >/dev/null || missing+=(bubblewrap)
command -v git >/dev/null || missing+=(git)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> apt-get install ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> python virtual environment in .venv"
  python3 -m venv .venv
  .venv/bin/pip install -q --upgrade pip
fi
export PATH="$PWD/.venv/bin:$PATH"

echo "==> python packages"
# The build tools first: the editable install below runs without build isolation
# so that it uses the frontend built here rather than building it a second time.
pip install -q "jupyterlab>=4.6,<5" hatchling hatch-jupyter-builder hatch-nodejs-version editables

echo "==> javascript packages and frontend build"
jlpm install >/dev/null
jlpm build

# On a second run, the link an earlier `labextension develop` left would let pip write the
# wheel's install.json through it into nbschedule/labextension, and every later wheel build
# (the Airflow tests make one) would then fail on the file added twice; develop relinks below.
if [ -L .venv/share/jupyter/labextensions/nbschedule ]; then
  rm .venv/share/jupyter/labextensions/nbschedule
fi
pip install -q --no-build-isolation -e ".[test]"
jupyter labextension develop . --overwrite >/dev/null
jupyter server extension enable nbschedule >/dev/null
