#!/usr/bin/env bash
# Runs every test of Tern: restores NuGet packages, builds, runs all test projects, and ends with
# the line "N passed, N failed". Tests that need real QEMU install it first (scripts/install-qemu-lab.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Tern.slnx --nologo 2>&1 | tee "$log" || status=$?

# Sum the per-project "Failed: N, Passed: N, Skipped: N" lines into one closing line.
read -r passed failed skipped < <(awk '
  /Failed:[[:space:]]+[0-9]+, Passed:[[:space:]]+[0-9]+/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { f += $(i+1) + 0 }
      if ($i == "Passed:")  { p += $(i+1) + 0 }
      if ($i == "Skipped:") { s += $(i+1) + 0 }
    }
  }
  END { print p + 0, f + 0, s + 0 }' "$log")
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
