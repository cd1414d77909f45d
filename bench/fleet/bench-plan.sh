#!/bin/sh
# Times `tern plan` on a generated fleet (docs/benchmarks.md, "tern plan: fleets"): whole process, /usr/bin/time -v.
#   bench/fleet/bench-plan.sh [VMS HOSTS RUNS]      (default 10000 2000 5; uses ./tern, the NativeAOT launcher)
set -eu
vms=${1:-10000}; hosts=${2:-2000}; runs=${3:-5}
here=$(cd "${0%/*}/../.." && pwd)
out=${TMPDIR:-/tmp}/tern-fleet-bench
mkdir -p "$out"
"$here/bench/fleet/make-fleet.py" "$vms" "$hosts" > "$out/fleet.yaml"
"$here/tern" plan "$here/examples/fleet/fleet.yaml" --summary > /dev/null   # build the native binary first if needed
for mode in "--no-suggest" "--suggest"; do
    flag=$mode; [ "$mode" = "--suggest" ] && flag=
    i=0
    while [ $i -lt "$runs" ]; do
        i=$((i + 1))
        load=$(cut -d' ' -f1 /proc/loadavg)
        /usr/bin/time -v "$here/tern" plan "$out/fleet.yaml" --summary $flag > "$out/plan.txt" 2> "$out/time.txt"
        wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$out/time.txt")
        user=$(sed -n 's/.*User time (seconds): //p' "$out/time.txt")
        sys=$(sed -n 's/.*System time (seconds): //p' "$out/time.txt")
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
        echo "$mode run $i: wall $wall user $user sys $sys maxrss ${rss} KB load $load"
    done
    grep -A1 '^Fleet' "$out/plan.txt" | tr '\n' ' '; echo
done
