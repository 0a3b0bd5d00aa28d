#!/usr/bin/env bash
# Applies each one-line breakage of scripts/mutations.json to a scratch copy of this
# working tree, runs the tests it names there, and reports which breakages survived.
# Exits non-zero if any survived, if a mutation's text no longer appears exactly once
# in its file (the code moved: re-point the mutation), or if a mutant fails to compile
# or import (caught by the toolchain, not by a test: make it valid code). Not in CI.
#
# Usage: bash scripts/mutation-check.sh [name-substring ...]   (default: every mutation)
# Needs scripts/setup.sh to have run here (.venv, node_modules; .venvs/airflow is made
# by the Airflow tests on first use). The scratch copy reuses those through symlinks and
# PYTHONPATH, so the code under test is the scratch copy's.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="$REPO/.venv/bin/python"
SCRATCH="$(mktemp -d /tmp/nbs-mutants-XXXXXX)"
LOGS="$(mktemp -d /tmp/nbs-mutation-logs-XXXXXX)"  # kept: why each mutation was caught
trap 'rm -rf "$SCRATCH"' EXIT

# The working tree as it is now (tracked and new files, nothing ignored).
git -C "$REPO" ls-files -z --cached --others --exclude-standard |
  (cd "$REPO" && tar --null --files-from=- --ignore-failed-read -cf -) | tar -xf - -C "$SCRATCH"
ln -s "$REPO/node_modules" "$SCRATCH/node_modules"
mkdir -p "$REPO/.venvs" && ln -s "$REPO/.venvs" "$SCRATCH/.venvs"
export PYTHONPATH="$SCRATCH" PATH="$REPO/.venv/bin:$PATH" CI="${CI:-true}"
cd "$SCRATCH"
imported="$("$PYTHON" -c 'import nbschedule, os; print(os.path.dirname(nbschedule.__file__))')"
[ "$imported" = "$SCRATCH/nbschedule" ] || { echo "nbschedule comes from $imported, not the scratch copy" >&2; exit 2; }

# mutation <index> <apply|revert|describe|pytest|jest>: one field or action of a mutation.
mutation() {
  "$PYTHON" - "$@" <<'PY'
import json, sys
from pathlib import Path
index, action = int(sys.argv[1]), sys.argv[2]
m = json.loads(Path("scripts/mutations.json").read_text())[index]
if action == "describe":
    print(f"{m['name']} ({m['file']})")
elif action in ("pytest", "jest"):
    print("\n".join(m.get(action, [])))
else:
    path = Path(m["file"])
    text = path.read_text()
    if action == "apply":
        if text.count(m["find"]) != 1:
            sys.exit(3)  # drift: the pattern is gone or ambiguous
        Path(".original").write_text(text)
        path.write_text(text.replace(m["find"], m["replace"]))
    else:
        path.write_text(Path(".original").read_text())
PY
}

run_tests() {  # run_tests <index>: exit status of the mutation's tests
  local index="$1" status=0
  mapfile -t py < <(mutation "$index" pytest)
  mapfile -t js < <(mutation "$index" jest)
  if [ ${#py[@]} -gt 0 ] && [ -n "${py[0]}" ]; then
    timeout 900 "$PYTHON" -m pytest -x -q -p no:cacheprovider "${py[@]}" >>"$LOG" 2>&1 || status=1
  fi
  if [ $status -eq 0 ] && [ ${#js[@]} -gt 0 ] && [ -n "${js[0]}" ]; then
    timeout 900 node_modules/.bin/jest --ci --no-watchman "${js[@]}" >>"$LOG" 2>&1 || status=1
  fi
  return $status
}

count="$("$PYTHON" -c 'import json; print(len(json.load(open("scripts/mutations.json"))))')"
selected=()
for ((i = 0; i < count; i++)); do
  name="$(mutation "$i" describe)"
  if [ $# -eq 0 ]; then selected+=("$i"); continue; fi
  for pattern in "$@"; do [[ "$name" == *"$pattern"* ]] && selected+=("$i") && break; done
done
LOG="$LOGS/baseline.log"

# Unmutated, every selection must pass, or a "caught" would mean nothing.
mapfile -t all_py < <(for i in "${selected[@]}"; do mutation "$i" pytest; done | sort -u | sed '/^$/d')
mapfile -t all_js < <(for i in "${selected[@]}"; do mutation "$i" jest; done | sort -u | sed '/^$/d')
baseline_ok=true
if [ ${#all_py[@]} -gt 0 ]; then
  timeout 1200 "$PYTHON" -m pytest -q -p no:cacheprovider "${all_py[@]}" >>"$LOG" 2>&1 || baseline_ok=false
fi
if [ ${#all_js[@]} -gt 0 ]; then
  timeout 900 node_modules/.bin/jest --ci --no-watchman "${all_js[@]}" >>"$LOG" 2>&1 || baseline_ok=false
fi
if [ "$baseline_ok" != true ]; then
  echo "BASELINE FAILS: the selected tests fail without any mutation:" >&2
  tail -60 "$LOG" >&2
  exit 2
fi
echo "baseline: ${#all_py[@]} pytest and ${#all_js[@]} jest selections pass unmutated ($SECONDS s)"

caught=0 survived=() drifted=() broken=()
for i in "${selected[@]}"; do
  name="$(mutation "$i" describe)"
  LOG="$LOGS/mutation-$i.log"
  if ! mutation "$i" apply; then
    drifted+=("$name")
    echo "DRIFTED   $name"
    continue
  fi
  start=$SECONDS
  if run_tests "$i"; then
    survived+=("$name")
    echo "SURVIVED  $name ($((SECONDS - start)) s)"
  elif grep -qE "Test suite failed to run|ERROR collecting|errors? during collection" "$LOG"; then
    # Caught by the compiler or an import, not by a test: make the replacement valid code.
    broken+=("$name")
    echo "BROKEN    $name (does not compile or import; see $LOG)"
  else
    caught=$((caught + 1))
    echo "caught    $name ($((SECONDS - start)) s)"
  fi
  mutation "$i" revert
done

echo
echo "mutations: ${#selected[@]}  caught: $caught  survived: ${#survived[@]}  drifted: ${#drifted[@]}" \
  " broken: ${#broken[@]}  (logs: $LOGS)"
for name in "${survived[@]}"; do echo "  survived: $name"; done
for name in "${drifted[@]}"; do echo "  drifted (pattern not found exactly once): $name"; done
for name in "${broken[@]}"; do echo "  broken (the mutant does not compile or import): $name"; done
[ ${#survived[@]} -eq 0 ] && [ ${#drifted[@]} -eq 0 ] && [ ${#broken[@]} -eq 0 ]
