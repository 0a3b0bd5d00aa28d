#!/usr/bin/env bash
# Writes the systemd unit of docs/OPERATIONS.md (the ```ini block after the
# "unit: nbschedule-scheduler.service" marker) and checks it with systemd-analyze verify.
# Two paths of the example are replaced so the check runs on any machine: the
# nbschedule executable by the one on PATH, the workspace /srv/analytics by a temporary
# folder. Usage: scripts/check-service-unit.sh [OUTPUT_FOLDER [DOC]]
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-$(mktemp -d)}"
doc="${2:-docs/OPERATIONS.md}"
mkdir -p "$out/workspace"
unit="$out/nbschedule-scheduler.service"
executable="$(command -v nbschedule || true)"
if [ -z "$executable" ]; then
  echo "check-service-unit: nbschedule is not on PATH (activate the environment first)" >&2
  exit 2
fi

awk '/<!-- unit: nbschedule-scheduler.service -->/ { found = 1; next }
     found && /^```ini$/ { inside = 1; next }
     inside && /^```$/ { exit }
     inside { print }' "$doc" |
  sed -e "s#/opt/nbschedule/bin/nbschedule#$executable#" -e "s#/srv/analytics#$out/workspace#g" >"$unit"
if ! grep -q '^ExecStart=' "$unit"; then
  echo "check-service-unit: no unit with an ExecStart= found in $doc" >&2
  exit 1
fi
echo "wrote $unit"

if ! command -v systemd-analyze >/dev/null; then
  echo "check-service-unit: systemd-analyze is not installed here; the unit was written but not verified"
  exit 0
fi
# verify exits 0 on unknown keys and other mistakes it only warns about: any output fails.
report="$(systemd-analyze verify "$unit" 2>&1)" || {
  echo "$report" >&2
  exit 1
}
if [ -n "$report" ]; then
  echo "$report" >&2
  exit 1
fi
echo "systemd-analyze verify: no problems"
