#!/usr/bin/env bash
# Installs everything, then runs every suite; exits non-zero if any suite fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"

echo "==> lint"
jlpm lint:check

echo "==> jest"
jlpm test --ci

echo "==> pytest"
python -m pytest

echo "==> galata (ui-tests)"
cd ui-tests
jlpm install >/dev/null
jlpm playwright test
