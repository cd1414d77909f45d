#!/usr/bin/env bash
# compare-static-checker.sh: time `tern diff --json` against QEMU's scripts/vmstate-static-checker.py on the
# largest real -dump-vmstate files in tests/fixtures/vmstate, whole process (start-up included), and print the
# figures as Markdown (docs/benchmarks-diff.md records a run).
#
# The checker is fetched at run time from Debian's QEMU source package by fetch-qemu-scripts.sh (the repo carries
# no QEMU source). Tern is the Release build of src/Tern.Cli. Timing uses hyperfine when it is installed
# (apt-get install hyperfine), else a loop over `date +%s.%N`.
#
# TERN=/path/to/Tern.Cli (with --no-build) times another build, e.g. a NativeAOT publish.
#
# Both tools get the same decompressed JSON files. The checker checks one direction per run (-s SRC -d DEST, or
# --reverse); tern diff checks both by default, so the table has one row per direction for each tool and a
# "both directions" row (two checker runs against one tern run).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RUNS=20
WARMUP=3
BUILD=1
SUITE=trixie
OUT=

usage() {
    cat <<USAGE
Usage: $(basename "$0") [--runs N] [--warmup N] [--no-build] [--suite SUITE] [--markdown FILE]

  --runs N         timed runs per command (default $RUNS)
  --warmup N       untimed runs first (default $WARMUP)
  --no-build       use the existing Release build of src/Tern.Cli
  --suite SUITE    Debian suite to take vmstate-static-checker.py from (default $SUITE)
  --markdown FILE  also write the result table to FILE
USAGE
}

while (($#)); do
    case $1 in
        -h|--help) usage; exit 0 ;;
        --runs) RUNS=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --suite) SUITE=$2; shift 2 ;;
        --markdown) OUT=$2; shift 2 ;;
        *) usage >&2; exit 2 ;;
    esac
done

log() { echo "[compare-static-checker] $*" >&2; }

# 1. tern, Release build.
if ((BUILD)); then
    log "building src/Tern.Cli (Release)..."
    dotnet build -c Release "$ROOT/src/Tern.Cli" -v q -nologo >&2
fi
TERN=${TERN:-$ROOT/src/Tern.Cli/bin/Release/net10.0/Tern.Cli}
[[ -x $TERN ]] || { log "no tern binary at $TERN (drop --no-build)"; exit 1; }

# 2. The checker, from Debian's QEMU source package.
FETCH=$ROOT/bench/scripts/fetch-qemu-scripts.sh
[[ -x $FETCH || -f $FETCH ]] || { log "missing $FETCH"; exit 1; }
CHECKER=$(bash "$FETCH" --suite "$SUITE" | grep '/vmstate-static-checker.py$')
[[ -f $CHECKER ]] || { log "fetch-qemu-scripts.sh did not give vmstate-static-checker.py"; exit 1; }
CHECKER_VERSION=$(cat "$(dirname "$CHECKER")/.tern-qemu-scripts" 2>/dev/null || echo "unknown")

# 3. The largest dumps, decompressed once for both tools.
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PAIRS=(
    "qemu-10.0.2-virt-10.0 qemu-10.0.13-virt-10.0"
    "qemu-7.2-virt-7.2 qemu-10.0.2-virt-7.2"
    "qemu-7.2-pseries-7.2 qemu-10.0.2-pseries-7.2"
)
for pair in "${PAIRS[@]}"; do
    for name in $pair; do
        [[ -f $WORK/$name.json ]] || gzip -dc "$ROOT/tests/fixtures/vmstate/$name.json.gz" >"$WORK/$name.json"
    done
done

mean_seconds() { # command... -> mean wall time over RUNS, after WARMUP (fallback without hyperfine)
    local i start end total=0
    for ((i = 0; i < WARMUP; i++)); do "$@" >/dev/null 2>&1 || true; done
    for ((i = 0; i < RUNS; i++)); do
        start=$(date +%s.%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s.%N)
        total=$(echo "$total + $end - $start" | bc -l)
    done
    echo "scale=4; $total / $RUNS" | bc -l
}

time_pair() { # label tern-cmd checker-cmd -> "label|tern_ms|checker_ms|tern_cpu_ms|checker_cpu_ms"
    local label=$1 tern_cmd=$2 checker_cmd=$3 t c tc cc
    if command -v hyperfine >/dev/null; then
        hyperfine -N -i --warmup "$WARMUP" --runs "$RUNS" --export-json "$WORK/h.json" "$tern_cmd" "$checker_cmd" >&2
        read -r t c tc cc < <(python3 -c 'import json,sys
r=json.load(open(sys.argv[1]))["results"]
print(r[0]["mean"]*1000, r[1]["mean"]*1000, (r[0]["user"]+r[0]["system"])*1000, (r[1]["user"]+r[1]["system"])*1000)' "$WORK/h.json")
    else
        # shellcheck disable=SC2086
        t=$(echo "$(mean_seconds $tern_cmd) * 1000" | bc -l)
        c=$(echo "$(mean_seconds bash -c "$checker_cmd") * 1000" | bc -l)
        tc=0 cc=0
    fi
    echo "$label|$t|$c|$tc|$cc"
}

rows=()
for pair in "${PAIRS[@]}"; do
    read -r a b <<<"$pair"
    A=$WORK/$a.json
    B=$WORK/$b.json
    size=$(( ($(stat -c %s "$A") + $(stat -c %s "$B")) / 1024 ))
    rows+=("$(time_pair "$a → $b, forward ($size KiB)" "$TERN diff $A $B --json --direction forward" "python3 $CHECKER -s $A -d $B")")
    rows+=("$(time_pair "$a → $b, backward" "$TERN diff $A $B --json --direction backward" "python3 $CHECKER -s $A -d $B --reverse")")
    if command -v hyperfine >/dev/null; then
        rows+=("$(time_pair "$a ↔ $b, both directions" "$TERN diff $A $B --json" "bash -c 'python3 $CHECKER -s $A -d $B >/dev/null; python3 $CHECKER -s $A -d $B --reverse >/dev/null'")")
    fi
done

{
    echo "| comparison | tern diff --json, wall (ms) | checker, wall (ms) | wall speed-up | tern CPU (ms) | checker CPU (ms) | CPU ratio |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for r in "${rows[@]}"; do
        IFS='|' read -r label t c tc cc <<<"$r"
        if [[ $tc == 0 ]]; then
            printf '| %s | %.1f | %.1f | %.1f× | n/a | n/a | n/a |\n' "$label" "$t" "$c" "$(echo "$c / $t" | bc -l)"
        else
            printf '| %s | %.1f | %.1f | %.1f× | %.1f | %.1f | %.1f× |\n' "$label" "$t" "$c" "$(echo "$c / $t" | bc -l)" "$tc" "$cc" "$(echo "$cc / $tc" | bc -l)"
        fi
    done
    echo
    echo "tern: $TERN ($(dotnet --version) SDK). checker: $CHECKER ($CHECKER_VERSION), $(python3 --version)."
    echo "Machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg). Runs: $RUNS after $WARMUP warm-up runs; whole process, start-up included; CPU = user + system."
} | tee "${OUT:-/dev/null}"
