#!/usr/bin/env bash
# Runs every test of Tern: restores NuGet packages, builds, runs all test projects, and ends with
# the line "N passed, N failed". Tests that need real QEMU install it first (scripts/install-qemu-lab.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

# Tests that need real QEMU (tests/Tern.Lab.Tests) use the lab: install it when we can (root on Debian: CI and
# developer machines). It is idempotent: an installed suite is skipped in under a second.
if [ -d tests/Tern.Lab.Tests ] && [ "$(id -u)" = 0 ] && [ -r /etc/debian_version ]; then
  scripts/install-qemu-lab.sh bullseye bookworm bookworm-backports trixie sid
  if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  # ./tern builds a NativeAOT binary, which needs clang and zlib's development files.
  if ! command -v clang >/dev/null 2>&1 || [ ! -e /usr/include/zlib.h ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang zlib1g-dev >/dev/null
  fi
fi
# Build the native ./tern once now (it is cached by a hash of the sources), so the README's first command is fast.
./tern --help >/dev/null || echo "test.sh: ./tern --help failed" >&2

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
