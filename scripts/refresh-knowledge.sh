#!/usr/bin/env bash
# refresh-knowledge.sh: regenerate Tern's embedded host profiles from the real QEMU builds of the lab, with the same
# profiler users run (tern lab profile = tern profile over a lab binary). Run it after installing the lab
# (scripts/install-qemu-lab.sh bullseye bookworm bookworm-backports trixie); then rebuild. Nothing is hand-edited.
#
# Usage: scripts/refresh-knowledge.sh [LABEL...]      (default: 5.2 7.2 10.0.2 10.0.13)
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/Tern/Knowledge/Data/profiles
mkdir -p "$out"
labels=("$@")
[ ${#labels[@]} -gt 0 ] || labels=(5.2 7.2 10.0.2 10.0.13)
for label in "${labels[@]}"; do
    for arch in ppc64 aarch64; do
        TERN_JIT=${TERN_JIT:-} ./tern lab profile "$label" --arch "$arch" -o "$out/$label-$arch.tern-profile.json.gz"
    done
done
ls -l "$out"
