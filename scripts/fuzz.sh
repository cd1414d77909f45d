#!/usr/bin/env bash
# Runs one fuzz campaign: scripts/fuzz.sh TARGET SECONDS (targets: dotnet run --project fuzz/Tern.Fuzz -- list).
# Installs AFL++ (Debian package afl++) and the SharpFuzz instrumentation tool when missing, publishes fuzz/Tern.Fuzz,
# instruments its copy of Tern.dll, seeds the corpus from tests/fixtures (cut to a few KB) plus the regression corpus,
# runs afl-fuzz for SECONDS and prints executions, time, crashes and hangs. Everything it makes is under artifacts/fuzz/
# (gitignored). Crashes: artifacts/fuzz/out/TARGET/default/crashes/; replay one with an uninstrumented build
# (the instrumented Tern.dll only runs under afl-fuzz):
#   dotnet run --project fuzz/Tern.Fuzz -- replay TARGET FILE
# Environment: FUZZ_TIMEOUT_MS (per input, default 2000), FUZZ_HEAP_LIMIT (DOTNET_GCHeapHardLimit, default 0x40000000 = 1 GiB),
# FUZZ_RESUME=1 to continue the previous campaign's queue instead of starting from the seeds.
# A target with fuzz/Tern.Fuzz/dictionaries/TARGET.dict gets it as AFL's dictionary (-x).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ne 2 ]; then
  echo "usage: scripts/fuzz.sh TARGET SECONDS" >&2
  exit 2
fi
target=$1
seconds=$2
root=$PWD/artifacts/fuzz
tools=$root/tools
publish=$root/publish
seeds=$root/seeds
out=$root/out/$target
timeout_ms=${FUZZ_TIMEOUT_MS:-2000}
heap_limit=${FUZZ_HEAP_LIMIT:-0x40000000}
mkdir -p "$root" "$tools"

if ! command -v afl-fuzz >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
fi
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

# A fresh publish each time: sharpfuzz refuses an assembly it has already instrumented.
rm -rf "$publish"
nice -n 10 dotnet publish fuzz/Tern.Fuzz -c Release -o "$publish" --nologo -v quiet >/dev/null
if ! dotnet "$publish/Tern.Fuzz.dll" list | grep -q "^$target "; then
  echo "fuzz.sh: no target '$target'; targets:" >&2
  dotnet "$publish/Tern.Fuzz.dll" list >&2
  exit 2
fi
rm -rf "$seeds"
dotnet "$publish/Tern.Fuzz.dll" seeds tests/fixtures "$seeds"
if [ -d "tests/fixtures/fuzz-regressions/$target" ]; then
  cp tests/fixtures/fuzz-regressions/"$target"/* "$seeds/$target/"
fi
# Instrumented last: the instrumented Tern.dll writes AFL's coverage map and runs only under afl-fuzz.
nice -n 10 "$tools/sharpfuzz" "$publish/Tern.dll" >/dev/null

input=(-i "$seeds/$target")
# A dictionary of the format's tokens, when the target has one (fuzz/Tern.Fuzz/dictionaries/TARGET.dict).
dict=()
if [ -f "fuzz/Tern.Fuzz/dictionaries/$target.dict" ]; then
  dict=(-x "$PWD/fuzz/Tern.Fuzz/dictionaries/$target.dict")
fi
if [ "${FUZZ_RESUME:-0}" = 1 ] && [ -d "$out/default/queue" ]; then
  input=(-i -)
else
  rm -rf "$out"
fi
mkdir -p "$out"

# The dotnet host is not AFL-instrumented (Tern.dll is, by SharpFuzz): skip AFL's binary check. An allocation larger
# than the heap limit fails with OutOfMemoryException, which escapes the target and is recorded as a crash.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_SHUFFLE_QUEUE=1 AFL_IGNORE_SEED_PROBLEMS=1
export DOTNET_GCHeapHardLimit=$heap_limit DOTNET_gcServer=0 DOTNET_TieredPGO=0
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
nice -n 10 afl-fuzz "${input[@]}" "${dict[@]}" -o "$out" -t "$timeout_ms" -m none -V "$seconds" \
  -- dotnet "$publish/Tern.Fuzz.dll" run "$target" >"$out/afl.log" 2>&1 || {
  echo "fuzz.sh: afl-fuzz failed; the end of $out/afl.log:" >&2
  tail -n 30 "$out/afl.log" >&2
  exit 1
}

stats=$out/default/fuzzer_stats
stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
execs=$(stat execs_done)
run_time=$(stat run_time)
crashes=$(stat saved_crashes)
hangs=$(stat saved_hangs)
rate=$(awk -v e="$execs" -v t="$run_time" 'BEGIN { printf "%.0f", (t > 0 ? e / t : 0) }')
echo "target=$target started=$started execs=$execs time_s=$run_time execs_per_s=$rate crashes=$crashes hangs=$hangs"
printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$target" "$started" "$execs" "$run_time" "$rate" "$crashes" "$hangs" >>"$root/campaigns.tsv"
