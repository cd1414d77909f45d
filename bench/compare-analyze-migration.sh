#!/usr/bin/env bash
# compare-analyze-migration.sh: Tern against QEMU's scripts/analyze-migration.py, whole process.
#
#  1. publishes Tern.Cli (Release, NativeAOT) unless --tern is given;
#  2. fetches analyze-migration.py with bench/scripts/fetch-qemu-scripts.sh;
#  3. gunzips the fixtures to a scratch directory under /tmp, so both tools read the same plain file;
#  4. correctness: `analyze-migration.py -f F -d state` and `Tern.Cli inspect F --json` must give the
#     same JSON (compared parsed, with python3's json module) for every fixture analyze can read;
#     streams analyze-migration.py fails on are listed with its error;
#  5. speed and memory: for the timed streams, median wall time (hyperfine --warmup, else repeated
#     runs) and median max RSS (/usr/bin/time -f %M, 3 runs) of both commands; then the summary pass
#     `Tern.Cli inspect BIG --summary-json` over the large stream (warmed into the page cache first),
#     plus `inspect BIG --json` and analyze on BIG;
#  6. prints a table and the three targets of the issue; exits 1 if any JSON differs.
#
# Results also go to OUTDIR (default /tmp/tern-compare) as results.tsv.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
TERN=
BIG=/tmp/tern-big.stream
MAKE_BIG=0
OUTDIR=/tmp/tern-compare
TIMED=(same-10.0.13-pseries same-10.0.2-pseries same-7.2-pseries same-5.2-pseries same-10.0.13-virt-a57)
CHECK_ALL=1
TERN_RUNS=20
PY_RUNS=5
PYTHON=${PYTHON:-python3}

usage() {
    cat <<EOF
Usage: $(basename "$0") [--tern PATH] [--big FILE] [--make-big] [--timed a,b,...] [--only-timed]
                        [--runs N] [--py-runs N] [--out DIR]

  --tern PATH    the Tern.Cli binary to measure (default: publish src/Tern.Cli with NativeAOT into
                 OUT/tern-aot and use that)
  --big FILE     the large stream for the summary pass (default $BIG; skipped when absent)
  --make-big     create it first with bench/make-large-stream (real QEMU from the lab, 2 GiB)
  --timed LIST   fixtures to time, by name without .stream.gz (default: ${TIMED[*]})
  --only-timed   check the JSON of the timed fixtures only (default: all fixtures)
  --runs N       hyperfine runs for Tern (default $TERN_RUNS); --py-runs N for analyze (default $PY_RUNS)
  --out DIR      scratch and results directory under /tmp (default $OUTDIR)
Environment: PYTHON (default python3); HYPERFINE= (empty) forces the plain repeated-runs timer.
EOF
}

while (($#)); do
    case $1 in
        --tern) TERN=$2; shift 2 ;;
        --big) BIG=$2; shift 2 ;;
        --make-big) MAKE_BIG=1; shift ;;
        --timed) IFS=, read -r -a TIMED <<<"$2"; shift 2 ;;
        --only-timed) CHECK_ALL=0; shift ;;
        --runs) TERN_RUNS=$2; shift 2 ;;
        --py-runs) PY_RUNS=$2; shift 2 ;;
        --out) OUTDIR=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; echo "compare-analyze-migration: unexpected argument $1" >&2; exit 2 ;;
    esac
done

log() { echo "== $*" >&2; }
die() { echo "compare-analyze-migration: $*" >&2; exit 2; }
command -v "$PYTHON" >/dev/null || die "$PYTHON not found"
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing (apt-get install time)"
HYPERFINE=${HYPERFINE-$(command -v hyperfine || true)}
[[ -n $HYPERFINE ]] || log "hyperfine not found (apt-get install hyperfine): falling back to repeated runs"

mkdir -p "$OUTDIR/streams" "$OUTDIR/json"
RESULTS=$OUTDIR/results.tsv
printf 'stream\tbytes\ttool\tcommand\tmedian_s\tmin_s\tmax_s\truns\tcpu_s\tmaxrss_kb\tload1\n' >"$RESULTS"

# 1. Tern
if [[ -z $TERN ]]; then
    # NativeAOT: start-up is most of a 3.8 MB run, and a JIT start alone takes longer than the 100x budget.
    log "publishing Tern.Cli (Release, NativeAOT)"
    dotnet publish "$root/src/Tern.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$OUTDIR/tern-aot" -nologo -v q >"$OUTDIR/build.log" 2>&1 ||
        { tail -n 30 "$OUTDIR/build.log" >&2; die "publish failed (log: $OUTDIR/build.log)"; }
    TERN=$OUTDIR/tern-aot/Tern.Cli
fi
[[ -x $TERN ]] || die "no Tern.Cli binary at $TERN"

# 2. analyze-migration.py
log "fetching analyze-migration.py"
ANALYZE=$("$root/bench/scripts/fetch-qemu-scripts.sh" | grep '/analyze-migration\.py$' | head -n1) ||
    die "bench/scripts/fetch-qemu-scripts.sh failed"
[[ -f $ANALYZE ]] || die "analyze-migration.py not found ($ANALYZE)"
ANALYZE_VERSION=$(cat "$(dirname "$ANALYZE")/.tern-qemu-scripts" 2>/dev/null || echo unknown)

# 3. fixtures
FIXDIR=$root/tests/fixtures/streams
mapfile -t ALL < <(find "$FIXDIR" -maxdepth 1 -name '*.stream.gz' -printf '%f\n' | sed 's/\.stream\.gz$//' | sort)
if ((CHECK_ALL)); then CHECK=("${ALL[@]}"); else CHECK=("${TIMED[@]}"); fi
for name in "${CHECK[@]}" "${TIMED[@]}"; do
    [[ -f $FIXDIR/$name.stream.gz ]] || die "no fixture $name.stream.gz"
    [[ -f $OUTDIR/streams/$name.stream ]] || gzip -dc "$FIXDIR/$name.stream.gz" >"$OUTDIR/streams/$name.stream"
done

# Wall time of a command (stdout discarded): prints "median min max runs cpu", cpu = mean user+system.
time_cmd() {
    local runs=$1 warmup=$2; shift 2
    if [[ -n $HYPERFINE ]]; then
        "$HYPERFINE" -N --style none --warmup "$warmup" --runs "$runs" --export-json "$OUTDIR/hf.json" -- "$(printf '%q ' "$@")" >/dev/null 2>"$OUTDIR/hf.err" ||
            { cat "$OUTDIR/hf.err" >&2; echo "NA NA NA 0 NA"; return; }
        "$PYTHON" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["median"], r["min"], r["max"], len(r["times"]), r["user"] + r["system"])' "$OUTDIR/hf.json"
    else
        "$PYTHON" - "$runs" "$warmup" "$@" <<'PY'
import os, statistics, subprocess, sys, time
runs, warmup, cmd = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
t, cpu = [], []
for i in range(warmup + runs):
    c0 = os.times(); s = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    e = time.perf_counter() - s; c1 = os.times()
    if i >= warmup: t.append(e); cpu.append(c1.children_user - c0.children_user + c1.children_system - c0.children_system)
print(statistics.median(t), min(t), max(t), len(t), statistics.mean(cpu))
PY
    fi
}

# Median max RSS in KB over 3 runs.
rss_cmd() {
    local r=()
    for _ in 1 2 3; do
        /usr/bin/time -o "$OUTDIR/time.txt" -f %M "$@" >/dev/null 2>&1
        r+=("$(tail -n1 "$OUTDIR/time.txt")")
    done
    printf '%s\n' "${r[@]}" | sort -n | sed -n 2p
}

measure() { # stream-label bytes tool runs warmup command...
    local label=$1 bytes=$2 tool=$3 runs=$4 warmup=$5; shift 5
    local t rss load
    load=$(cut -d' ' -f1 /proc/loadavg)
    t=$(time_cmd "$runs" "$warmup" "$@")
    rss=$(rss_cmd "$@")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$bytes" "$tool" "$*" "$(echo "$t" | tr ' ' '\t')" "$rss" "$load" >>"$RESULTS"
}

# 4. correctness
log "comparing the JSON of ${#CHECK[@]} fixture(s)"
DIFFS=0
FAILS=()
declare -A ANALYZE_FAILED=()
for name in "${CHECK[@]}"; do
    f=$OUTDIR/streams/$name.stream
    "$PYTHON" "$ANALYZE" -f "$f" -d state >"$OUTDIR/json/$name.analyze.json" 2>"$OUTDIR/json/$name.analyze.err"
    ra=$?
    "$TERN" inspect "$f" --json >"$OUTDIR/json/$name.tern.json" 2>"$OUTDIR/json/$name.tern.err"
    rt=$?
    if ((ra != 0)); then
        why=$(grep -E '^[A-Za-z]*(Error|Exception)' "$OUTDIR/json/$name.analyze.err" | grep -v 'Full JSON dump' | tail -n1 | cut -c1-100)
        FAILS+=("$name: analyze-migration.py failed ($why); tern exit $rt")
        ANALYZE_FAILED[$name]=1
        continue
    fi
    if ((rt != 0)); then
        echo "DIFF $name: analyze-migration.py succeeded but tern failed: $(tail -n1 "$OUTDIR/json/$name.tern.err")"
        DIFFS=$((DIFFS + 1))
        continue
    fi
    if ! "$PYTHON" - "$OUTDIR/json/$name.analyze.json" "$OUTDIR/json/$name.tern.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
def first_diff(x, y, path="$"):
    if type(x) is not type(y): return f"{path}: {type(x).__name__} vs {type(y).__name__}"
    if isinstance(x, dict):
        if list(x) != list(y):
            ka, kb = set(x), set(y)
            if ka != kb: return f"{path}: keys only in analyze {sorted(ka - kb)[:5]}, only in tern {sorted(kb - ka)[:5]}"
        for k in x:
            d = first_diff(x[k], y[k], f"{path}[{k!r}]")
            if d: return d
    elif isinstance(x, list):
        if len(x) != len(y): return f"{path}: {len(x)} vs {len(y)} items"
        for i, (p, q) in enumerate(zip(x, y)):
            d = first_diff(p, q, f"{path}[{i}]")
            if d: return d
    elif x != y: return f"{path}: {x!r} vs {y!r}"
    return None
if a != b:
    print("  first difference:", first_diff(a, b)); sys.exit(1)
PY
    then
        echo "DIFF $name: the parsed JSON differs (analyze: $OUTDIR/json/$name.analyze.json, tern: $OUTDIR/json/$name.tern.json)"
        DIFFS=$((DIFFS + 1))
    fi
done
CHECKED=$((${#CHECK[@]} - ${#FAILS[@]}))

# 5. timing
for name in "${TIMED[@]}"; do
    f=$OUTDIR/streams/$name.stream
    bytes=$(stat -c %s "$f")
    log "timing $name ($bytes bytes)"
    [[ -n ${ANALYZE_FAILED[$name]:-} ]] || measure "$name" "$bytes" analyze "$PY_RUNS" 1 "$PYTHON" "$ANALYZE" -f "$f" -d state
    measure "$name" "$bytes" tern-json "$TERN_RUNS" 3 "$TERN" inspect "$f" --json
    measure "$name" "$bytes" tern-summary "$TERN_RUNS" 3 "$TERN" inspect "$f" --summary-json
done

if ((MAKE_BIG)) && [[ ! -f $BIG ]]; then
    log "making $BIG with bench/make-large-stream"
    "$here/make-large-stream" --out "$BIG" || die "make-large-stream failed"
fi
if [[ -f $BIG ]]; then
    bytes=$(stat -c %s "$BIG")
    log "large stream $BIG ($bytes bytes): warming the page cache"
    "$TERN" inspect "$BIG" --summary-json >/dev/null && "$TERN" inspect "$BIG" --summary-json >/dev/null
    measure big "$bytes" tern-summary "$TERN_RUNS" 2 "$TERN" inspect "$BIG" --summary-json
    measure big "$bytes" tern-summary-text 10 2 "$TERN" inspect "$BIG"
    measure big "$bytes" tern-json 10 2 "$TERN" inspect "$BIG" --json
    measure big "$bytes" analyze 3 1 "$PYTHON" "$ANALYZE" -f "$BIG" -d state
else
    log "no large stream at $BIG: skipping the summary-throughput figures (use --make-big)"
fi

# 6. report
"$PYTHON" - "$RESULTS" "$ANALYZE_VERSION" "$("$PYTHON" --version 2>&1)" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print(f"\nanalyze-migration.py: {sys.argv[2]}, {sys.argv[3]}")
print(f"{'stream':<24} {'bytes':>13} {'tool':<18} {'median':>9} {'min':>9} {'max':>9} {'runs':>4} {'cpu':>9} {'max RSS':>9} {'x vs analyze':>12} {'GB/s':>6} {'load':>5}")
by = {(r["stream"], r["tool"]): r for r in rows}
def f(s):
    try: return float(s)
    except ValueError: return None
for r in rows:
    med = f(r["median_s"]); a = by.get((r["stream"], "analyze"))
    ratio = f"{f(a['median_s']) / med:.1f}x" if a and med and r["tool"] != "analyze" and f(a["median_s"]) else ""
    gbs = f"{int(r['bytes']) / med / 1e9:.2f}" if med and r["tool"].startswith("tern-summary") else ""
    ms = lambda s: f"{f(s) * 1e3:.1f} ms" if f(s) is not None else "NA"
    print(f"{r['stream']:<24} {int(r['bytes']):>13,} {r['tool']:<18} {ms(r['median_s']):>9} {ms(r['min_s']):>9} {ms(r['max_s']):>9} {r['runs']:>4} {ms(r['cpu_s']):>9} {int(r['maxrss_kb'] or 0) / 1024:>5.1f} MiB {ratio:>12} {gbs:>6} {r['load1']:>5}")
print("(median/min/max: wall time; cpu: mean user+system time; load: 1-minute load average when the row started)")
print("\ntargets:")
main = "same-10.0.13-pseries"
a, t = by.get((main, "analyze")), by.get((main, "tern-json"))
if a and t and f(t["median_s"]):
    x = f(a["median_s"]) / f(t["median_s"])
    print(f"  inspect --json >= 100x faster than analyze -d state on {main}: {x:.1f}x  {'MET' if x >= 100 else 'MISSED (needs %.0f ms, is %.0f ms)' % (f(a['median_s']) * 10, f(t['median_s']) * 1e3)}")
s = by.get(("big", "tern-summary"))
if s and f(s["median_s"]):
    g = int(s["bytes"]) / f(s["median_s"]) / 1e9
    print(f"  summary pass >= 3 GB/s on the large stream: {g:.2f} GB/s  {'MET' if g >= 3 else 'MISSED'}")
worst = max((r for r in rows if r["tool"].startswith("tern") and r["maxrss_kb"]), key=lambda r: int(r["maxrss_kb"]), default=None)
if worst:
    mb = int(worst["maxrss_kb"]) / 1024
    print(f"  peak RSS < 64 MiB: worst {mb:.1f} MiB ({worst['tool']} on {worst['stream']})  {'MET' if mb < 64 else 'MISSED'}")
PY

echo
echo "JSON compared on $CHECKED stream(s): $((CHECKED - DIFFS)) equal, $DIFFS different."
if ((${#FAILS[@]})); then
    echo "analyze-migration.py could not read ${#FAILS[@]} stream(s) (not counted as differences):"
    printf '  %s\n' "${FAILS[@]}"
fi
echo "results: $RESULTS"
((DIFFS == 0)) || exit 1
