#!/usr/bin/env bash
# side-by-side.sh: the issue-13 targets ("fast as users run it") in one run, through `./tern` exactly as the
# README runs it (the launcher at the top of the clone, warm: the NativeAOT binary is built before timing starts).
#
#  1. warms ./tern (builds .tern-build/native-HASH on first use, ~2 minutes, not timed);
#  2. gets analyze-migration.py with bench/scripts/fetch-qemu-scripts.sh (network only the first time; it keeps
#     a copy in ~/.cache/tern/qemu-scripts);
#  3. inspect: on the same real streams (tests/fixtures/streams, gunzipped once to OUT/streams), times
#     `./tern inspect F --json` against `python3 analyze-migration.py -f F -d state`, whole process, warm page
#     cache (hyperfine -N), and checks that both give the same parsed JSON;
#  4. check: `./tern check --source S --destination D` for one pseries and one virt pair, whole process, median
#     (hyperfine -N; exit status 1 = "incompatible" is the expected answer, not a failure);
#  5. batch: `taskset -c 0 ./tern check --batch FILE` on files from bench/scripts/make-batch.py, repeated and
#     all-distinct questions, at several sizes (4x apart): answers/s and max RSS (/usr/bin/time), so memory
#     flat in the number of lines shows as equal RSS at the two largest sizes of each kind;
#  6. prints one table of the targets, met or missed, and writes OUT/results.tsv (every measurement) and
#     OUT/targets.tsv (the table).
# About 4-5 minutes after the first build on the shared 2-core machine (7 under heavy contention). The machine's 1-minute load average is recorded with every row.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
OUTDIR=/tmp/tern-side-by-side
STREAMS=(same-10.0.13-pseries same-7.2-pseries same-10.0.13-virt-a57)
TERN_RUNS=20
PY_RUNS=5
CHECK_RUNS=30
REPEATED=100000
DISTINCT=500
BATCH_RUNS=3
PYTHON=${PYTHON:-python3}
# The pairs docs/benchmarks.md has used since issue 13: README's own example, and a virt pair.
PPC_SRC='qemu-7.2 -machine pseries-7.2 -accel tcg'
PPC_DST='qemu-10.0.2 -machine pseries-7.2 -accel tcg'
VIRT_SRC='qemu-7.2 -machine virt-7.2 -cpu cortex-a57 -accel tcg'
VIRT_DST='qemu-10.0.13 -machine virt-7.2 -cpu cortex-a57 -accel tcg'

usage() {
    cat <<EOF
Usage: $(basename "$0") [--out DIR] [--streams a,b,...] [--runs N] [--py-runs N] [--check-runs N]
                        [--repeated N] [--distinct N] [--batch-runs N]

  --out DIR        scratch and results directory (default $OUTDIR)
  --streams LIST   fixtures for inspect vs analyze, by name without .stream.gz (default: ${STREAMS[*]});
                   the first is the one the 100x target is judged on
  --runs N         hyperfine runs of ./tern inspect (default $TERN_RUNS); --py-runs N of analyze (default $PY_RUNS)
  --check-runs N   hyperfine runs of each ./tern check (default $CHECK_RUNS)
  --repeated N     lines of the smallest repeated-questions batch (default $REPEATED; then 4x and 16x)
  --distinct N     lines of the smaller all-distinct batch (default $DISTINCT; the larger is 4x, at most 23040)
  --batch-runs N   runs of each batch file, median taken (default $BATCH_RUNS; the larger distinct file runs once)
Environment: PYTHON (default python3).
EOF
}

while (($#)); do
    case $1 in
        --out) OUTDIR=$2; shift 2 ;;
        --streams) IFS=, read -r -a STREAMS <<<"$2"; shift 2 ;;
        --runs) TERN_RUNS=$2; shift 2 ;;
        --py-runs) PY_RUNS=$2; shift 2 ;;
        --check-runs) CHECK_RUNS=$2; shift 2 ;;
        --repeated) REPEATED=$2; shift 2 ;;
        --distinct) DISTINCT=$2; shift 2 ;;
        --batch-runs) BATCH_RUNS=$2; shift 2 ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; echo "side-by-side: unexpected argument $1" >&2; exit 2 ;;
    esac
done

log() { echo "== $(date -u +%H:%M:%S) $*" >&2; }
die() { echo "side-by-side: $*" >&2; exit 2; }
load() { cut -d' ' -f1 /proc/loadavg; }
for tool in hyperfine taskset "$PYTHON"; do command -v "$tool" >/dev/null || die "$tool not found"; done
[[ -x /usr/bin/time ]] || die "/usr/bin/time missing (apt-get install time)"
((DISTINCT * 4 <= 23040)) || die "--distinct: at most 5760 (make-batch.py has 23040 distinct pairs)"

mkdir -p "$OUTDIR/streams" "$OUTDIR/json" "$OUTDIR/batch" || die "cannot create $OUTDIR"
RESULTS=$OUTDIR/results.tsv
TARGETS=$OUTDIR/targets.tsv
# size: bytes of the stream (inspect), questions (check, batch).
printf 'group\tname\tcommand\tmedian_s\tmin_s\tmax_s\truns\tcpu_s\tmaxrss_kb\tsize\tload1\n' >"$RESULTS"
: >"$OUTDIR/json/verdicts.txt"; : >"$OUTDIR/check-verdicts.txt"; : >"$OUTDIR/batch/verdicts.txt"
started=$(date -u '+%Y-%m-%d %H:%M UTC')
cd "$root" || die "cannot cd to $root"

# 1. ./tern, warm. The README runs `./tern ...` from the top of the clone; so does everything below.
log "warming ./tern (the first run builds the NativeAOT binary, ~2 minutes)"
./tern --help >/dev/null 2>"$OUTDIR/tern-warm.err" || { cat "$OUTDIR/tern-warm.err" >&2; die "./tern --help failed"; }
./tern --help >/dev/null 2>"$OUTDIR/tern-warm.err"
if [[ -s $OUTDIR/tern-warm.err ]]; then
    # The launcher prints one line on stderr only when it falls back to the JIT build.
    log "WARNING: ./tern is not running the native binary: $(head -n1 "$OUTDIR/tern-warm.err")"
fi
BIN=.tern-build/native-$(cat .tern-build/native.stamp 2>/dev/null)/Tern.Cli

# 2. analyze-migration.py (a cached copy when there is one)
log "analyze-migration.py via bench/scripts/fetch-qemu-scripts.sh"
ANALYZE=$(bench/scripts/fetch-qemu-scripts.sh 2>"$OUTDIR/fetch.err" | grep '/analyze-migration\.py$' | head -n1)
[[ -f $ANALYZE ]] || { cat "$OUTDIR/fetch.err" >&2; die "could not get analyze-migration.py"; }
ANALYZE_VERSION=$(cat "$(dirname "$ANALYZE")/.tern-qemu-scripts" 2>/dev/null || echo unknown)

# hyperfine -N (no shell; the command line is split like a shell would); prints "median min max runs cpu".
hf() { # runs warmup command-line
    local runs=$1 warmup=$2 cmd=$3
    hyperfine -N -i --style none --warmup "$warmup" --runs "$runs" --export-json "$OUTDIR/hf.json" -- "$cmd" \
        >/dev/null 2>"$OUTDIR/hf.err" || { cat "$OUTDIR/hf.err" >&2; echo "NA NA NA 0 NA"; return; }
    "$PYTHON" -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["median"], r["min"], r["max"], len(r["times"]), r["user"] + r["system"])' "$OUTDIR/hf.json"
}
# Median max RSS (KB) of 3 runs of a command line (split by the shell, output discarded).
rss() {
    local r=() i
    for i in 1 2 3; do
        eval "/usr/bin/time -o \"\$OUTDIR/time.txt\" -f %M $1" >/dev/null 2>&1
        r+=("$(tail -n1 "$OUTDIR/time.txt")")
    done
    printf '%s\n' "${r[@]}" | sort -n | sed -n 2p
}
row() { # group name command "median min max runs cpu" rss lines load
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(tr ' ' '\t' <<<"$4")" "$5" "$6" "$7" >>"$RESULTS"
}

# 3. inspect --json vs analyze-migration.py -d state, same plain files
FIXDIR=tests/fixtures/streams
JSON_DIFFS=0
for name in "${STREAMS[@]}"; do
    [[ -f $FIXDIR/$name.stream.gz ]] || die "no fixture $FIXDIR/$name.stream.gz"
    f=$OUTDIR/streams/$name.stream
    [[ -f $f ]] || gzip -dc "$FIXDIR/$name.stream.gz" >"$f"
    bytes=$(stat -c %s "$f")
    log "inspect: $name ($bytes bytes): same JSON?"
    "$PYTHON" "$ANALYZE" -f "$f" -d state >"$OUTDIR/json/$name.analyze.json" 2>"$OUTDIR/json/$name.analyze.err" ||
        die "analyze-migration.py failed on $name (see $OUTDIR/json/$name.analyze.err); pick streams it can read"
    ./tern inspect "$f" --json >"$OUTDIR/json/$name.tern.json" 2>"$OUTDIR/json/$name.tern.err" ||
        die "./tern inspect failed on $name"
    same=equal
    "$PYTHON" -c 'import json,sys; sys.exit(json.load(open(sys.argv[1])) != json.load(open(sys.argv[2])))' \
        "$OUTDIR/json/$name.analyze.json" "$OUTDIR/json/$name.tern.json" || { same=DIFFERENT; JSON_DIFFS=$((JSON_DIFFS + 1)); }
    echo "$name" "$bytes" "$same" >>"$OUTDIR/json/verdicts.txt"
    log "inspect: $name: timing (warm page cache)"
    l=$(load); c="python3 $ANALYZE -f $f -d state"
    [[ $PYTHON == python3 ]] || c="$PYTHON $ANALYZE -f $f -d state"
    row inspect "$name:analyze" "$c" "$(hf "$PY_RUNS" 1 "$c")" "$(rss "$c")" "$bytes" "$l"
    l=$(load); c="./tern inspect $f --json"
    row inspect "$name:tern" "$c" "$(hf "$TERN_RUNS" 3 "$c")" "$(rss "$c")" "$bytes" "$l"
done
# The launcher's own cost, for reading the figures: ./tern --help against the binary it execs.
l=$(load); row launcher "tern --help" "./tern --help" "$(hf "$CHECK_RUNS" 3 "./tern --help")" "$(rss "./tern --help")" 0 "$l"
[[ -x $BIN ]] && { l=$(load); row launcher "binary --help" "$BIN --help" "$(hf "$CHECK_RUNS" 3 "$BIN --help")" "$(rss "$BIN --help")" 0 "$l"; }

# For reading the figures: the binary ./tern execs, without the launcher, on the first stream.
if [[ -x $BIN ]]; then
    f=$OUTDIR/streams/${STREAMS[0]}.stream; l=$(load); c="$BIN inspect $f --json"
    row inspect-binary "${STREAMS[0]}:binary" "$c" "$(hf "$TERN_RUNS" 3 "$c")" "$(rss "$c")" "$(stat -c %s "$f")" "$l"
fi

# 4. ./tern check, whole process
for pair in ppc virt; do
    if [[ $pair == ppc ]]; then s=$PPC_SRC; d=$PPC_DST; else s=$VIRT_SRC; d=$VIRT_DST; fi
    c="./tern check --source '$s' --destination '$d'"
    log "check: $c"
    ./tern check --source "$s" --destination "$d" >"$OUTDIR/check-$pair.txt" 2>&1
    rc=$?
    ((rc <= 1)) || { cat "$OUTDIR/check-$pair.txt" >&2; die "./tern check exited $rc (not a verdict)"; }
    echo "$pair exit $rc: $(head -n1 "$OUTDIR/check-$pair.txt")" >>"$OUTDIR/check-verdicts.txt"
    l=$(load)
    row check "$pair" "$c" "$(hf "$CHECK_RUNS" 3 "$c")" "$(rss "$c")" 1 "$l"
    if [[ -x $BIN ]]; then
        c="$BIN check --source '$s' --destination '$d'"; l=$(load)
        row check-binary "$pair" "$c" "$(hf "$CHECK_RUNS" 3 "$c")" "$(rss "$c")" 1 "$l"
    fi
done

# 5. --batch on one core: answers/s and max RSS at two sizes
batch() { # name file runs
    local name=$1 file=$2 runs=$3 lines i t=() cpu=() m=() l
    lines=$(wc -l <"$file")
    l=$(load)
    for ((i = 0; i < runs; i++)); do
        /usr/bin/time -o "$OUTDIR/time.txt" -f '%e %U %S %M' taskset -c 0 ./tern check --batch "$file" \
            >"$OUTDIR/batch/$name.out" 2>"$OUTDIR/batch/$name.err"
        read -r e u s k < <(tail -n1 "$OUTDIR/time.txt")
        t+=("$e"); cpu+=("$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')"); m+=("$k")
    done
    local answered
    answered=$(wc -l <"$OUTDIR/batch/$name.out")
    ((answered == lines)) || log "WARNING: $name: $answered answers for $lines questions"
    # What the answers were (an error line would make a fast batch meaningless).
    "$PYTHON" -c 'import collections,json,sys; print(sys.argv[2], dict(collections.Counter(json.loads(l)["verdict"] + ("/error" if "error" in json.loads(l) else "") for l in open(sys.argv[1]))))' \
        "$OUTDIR/batch/$name.out" "$name" >>"$OUTDIR/batch/verdicts.txt"
    row batch "$name" "taskset -c 0 ./tern check --batch $file" \
        "$(printf '%s\n' "${t[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)], a[1], a[NR], NR}') $(printf '%s\n' "${cpu[@]}" | awk '{s+=$1} END {print s/NR}')" \
        "$(printf '%s\n' "${m[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" "$lines" "$l"
}
# Three sizes: the .NET heap grows until its first collections, so memory is judged on the two larger.
for n in "$REPEATED" $((REPEATED * 4)) $((REPEATED * 16)); do
    f=$OUTDIR/batch/repeated-$n.jsonl
    [[ -f $f ]] || "$PYTHON" bench/scripts/make-batch.py repeated "$n" "$f" || die "make-batch.py failed"
    log "batch: $n repeated questions"
    batch "repeated-$n" "$f" "$BATCH_RUNS"
done
for n in "$DISTINCT" $((DISTINCT * 4)); do
    f=$OUTDIR/batch/distinct-$n.jsonl
    [[ -f $f ]] || "$PYTHON" bench/scripts/make-batch.py distinct "$n" "$f" || die "make-batch.py failed"
    log "batch: $n distinct questions"
    # ~60 answers/s at the time of writing: the larger file runs once to keep the whole script within ~5 minutes.
    runs=$BATCH_RUNS; ((n > DISTINCT)) && runs=1
    batch "distinct-$n" "$f" "$runs"
done

# 6. report
"$PYTHON" - "$RESULTS" "$TARGETS" "$ANALYZE_VERSION" "$("$PYTHON" --version 2>&1)" "$started" "$JSON_DIFFS" "${STREAMS[0]}" <<'PY'
import csv, sys
res, tgt, aver, pyver, started, diffs, main = sys.argv[1:8]
rows = list(csv.DictReader(open(res), delimiter="\t"))
by = {(r["group"], r["name"]): r for r in rows}
f = lambda s: float(s) if s not in ("", "NA") else None
ms = lambda s: f"{f(s) * 1e3:.1f} ms" if f(s) is not None else "NA"
mib = lambda k: f"{int(k) / 1024:.1f} MiB" if k else "NA"

print(f"\n{started}; analyze-migration.py: {aver}, {pyver}; nproc 2 machine shared with other work (load column)")
print(f"{'measurement':<38} {'median':>10} {'min':>10} {'max':>10} {'runs':>4} {'cpu':>10} {'max RSS':>10} {'size':>10} {'load':>5}")
for r in rows:
    print(f"{r['group'] + ' ' + r['name']:<38} {ms(r['median_s']):>10} {ms(r['min_s']):>10} {ms(r['max_s']):>10} {r['runs']:>4} "
          f"{ms(r['cpu_s']):>10} {mib(r['maxrss_kb']):>10} {int(r['size']):>10} {r['load1']:>5}")

targets = []  # (target, measured, verdict)
for r in rows:
    if r["group"] == "inspect" and r["name"].endswith(":tern"):
        s = r["name"].rsplit(":", 1)[0]
        a = by.get(("inspect", s + ":analyze"))
        if a and f(a["median_s"]) and f(r["median_s"]):
            x = f(a["median_s"]) / f(r["median_s"])
            t = f"./tern inspect --json >= 100x analyze -d state ({s}, {int(r['size']) / 1e6:.1f} MB)"
            if s != main: t = f"(for scale) ./tern inspect --json vs analyze ({s}, {int(r['size']) / 1e6:.1f} MB)"
            xc = f(a["cpu_s"]) / f(r["cpu_s"]) if f(r["cpu_s"]) else 0
            targets.append((t, f"{ms(a['median_s'])} / {ms(r['median_s'])} = {x:.1f}x (cpu {xc:.0f}x)", ("MET" if x >= 100 else "MISSED") if s == main else "-"))
for pair, label in (("ppc", "pseries 7.2 -> 10.0.2"), ("virt", "virt-7.2 7.2 -> 10.0.13")):
    r = by.get(("check", pair))
    if r and f(r["median_s"]):
        targets.append((f"./tern check {label}, whole process, median < 50 ms", f"{ms(r['median_s'])} (min {ms(r['min_s'])})", "MET" if f(r["median_s"]) < 0.05 else "MISSED"))
batches = [r for r in rows if r["group"] == "batch"]
for kind, need in (("repeated", 100_000), ("distinct", 5_000)):
    b = sorted((r for r in batches if r["name"].startswith(kind)), key=lambda r: int(r["size"]))
    for r in b:
        rate = int(r["size"]) / f(r["median_s"])
        crate = int(r["size"]) / f(r["cpu_s"]) if f(r["cpu_s"]) else 0
        targets.append((f"--batch {kind} >= {need:,}/s on one core ({int(r['size']):,} lines)", f"{rate:,.0f}/s wall, {crate:,.0f}/s cpu ({ms(r['median_s'])})", "MET" if rate >= need else "MISSED"))
    if len(b) >= 2:
        b = b[-2:]
        k0, k1 = int(b[0]["maxrss_kb"]), int(b[1]["maxrss_kb"])
        # "Flat": 4x the lines may cost at most 10 % (or 8 MiB) more peak memory.
        flat = k1 <= max(k0 * 1.10, k0 + 8192)
        targets.append((f"--batch {kind}: memory flat in lines ({int(b[0]['size']):,} -> {int(b[1]['size']):,})", f"{mib(k0)} -> {mib(k1)} ({k1 / k0:.2f}x)", "MET" if flat else "MISSED"))
targets.append(("inspect --json parsed JSON equal to analyze's on the timed streams", "all equal" if diffs == "0" else f"{diffs} different", "MET" if diffs == "0" else "MISSED"))

w = max(len(t[0]) for t in targets)
print(f"\n{'target':<{w}}  {'measured':<40} verdict")
for t, m, v in targets:
    print(f"{t:<{w}}  {m:<40} {v}")
with open(tgt, "w") as o:
    o.write("target\tmeasured\tverdict\n")
    for t in targets: o.write("\t".join(t) + "\n")
print("(verdicts on wall time; cpu = user + system. flat: 4x the lines (the two largest files of a kind) cost at most 10 % or 8 MiB")
print(" more max RSS. Batch rates: lines / median time of the whole process, start-up included. *-binary rows: the binary ./tern execs.)")
PY
echo
echo "check verdicts:"; sed 's/^/  /' "$OUTDIR/check-verdicts.txt"
echo "batch answers:"; sed 's/^/  /' "$OUTDIR/batch/verdicts.txt"
echo "results: $RESULTS, targets: $TARGETS"
