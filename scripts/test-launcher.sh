#!/usr/bin/env bash
# test-launcher.sh: checks ./tern's freshness logic without a real build (a few seconds).
#
# Copies ./tern and its inputs (src/ without bin/obj, the build props, global.json) into a scratch clone, and puts a
# fake `dotnet` and `clang` first on PATH: `dotnet publish -o DIR` writes DIR/Tern.Cli, a script that prints
# "native", and logs "publish"; `dotnet run` prints "jit". Then, case by case: the first run builds; an unchanged
# tree takes the fast path (the stamp is not rewritten); an in-place edit, an added file, a deleted file, an added
# directory, an edited build prop rebuild; a touch without a change rehashes but does not build; two concurrent
# first runs build once (flock); no clang falls back to `dotnet run` with one stderr line; TERN_JIT=1 runs
# `dotnet run`. Exit 0 when all pass.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
clone=$work/clone
fake=$work/fake
mkdir -p "$clone" "$fake"
cp "$root/tern" "$root/Directory.Build.props" "$root/Directory.Packages.props" "$root/global.json" "$clone/"
tar -C "$root" --exclude=./src/*/bin --exclude=./src/*/obj -cf - ./src | tar -C "$clone" -xf -
# Everything copied is older than any stamp written below.
find "$clone" -exec touch -d '-10 seconds' {} +
cat >"$fake/dotnet" <<'EOF'
#!/bin/sh
case $1 in
    publish)
        while [ $# -gt 0 ]; do [ "$1" = -o ] && out=$2; shift; done
        echo publish >>"$FAKE_LOG"
        sleep "${FAKE_BUILD_SECONDS:-0}"
        mkdir -p "$out" && printf '#!/bin/sh\necho native "$@"\n' >"$out/Tern.Cli" && chmod +x "$out/Tern.Cli" ;;
    run) shift; while [ "$1" != -- ]; do shift; done; shift; echo jit "$@" ;;
esac
EOF
printf '#!/bin/sh\nexit 0\n' >"$fake/clang"
chmod +x "$fake/dotnet" "$fake/clang"
export FAKE_LOG=$work/publish.log
: >"$FAKE_LOG"

fails=0
builds() { wc -l <"$FAKE_LOG"; }
stamp_id() { stat -c '%i %Y' "$clone/.tern-build/native.stamp" 2>/dev/null; }
# case NAME EXPECTED-BUILDS EXPECTED-OUTPUT [fast]: runs ./tern --x and compares.
run_case() {
    local name=$1 want_builds=$2 want_out=$3 fast=${4:-} before out err now s0
    settle # a change just made is older than the stamp this run writes
    before=$(builds); s0=$(stamp_id)
    out=$(cd "$clone" && PATH="$fake:$PATH" ./tern --x 2>"$work/err"); err=$(cat "$work/err")
    now=$(($(builds) - before))
    local ok=1
    [[ $out == "$want_out" ]] || ok=0
    ((now == want_builds)) || ok=0
    if [[ $fast == fast && $(stamp_id) != "$s0" ]]; then ok=0; err+=" (slow path: the stamp was rewritten)"; fi
    if ((ok)); then echo "ok   $name"; else echo "FAIL $name: output '$out', $now builds (want $want_builds), stderr: $err"; fails=$((fails + 1)); fi
}
settle() { sleep 0.1; } # the stamp is the start time less 50 ms, at nanosecond resolution

run_case "first run builds" 1 "native --x"
settle
run_case "unchanged: fast path, no build" 0 "native --x" fast
run_case "unchanged again" 0 "native --x" fast
f=$(cd "$clone" && find src -name '*.cs' | head -n1)
settle; echo "// edited" >>"$clone/$f"
run_case "a .cs file edited in place rebuilds" 1 "native --x"
settle; run_case "then fast again" 0 "native --x" fast
settle; touch "$clone/$f"
run_case "touched without a change: rehash, no build" 0 "native --x"
settle; run_case "then fast again" 0 "native --x" fast
settle; echo "class Added {}" >"$clone/src/Tern/Added.cs"
run_case "a file added rebuilds" 1 "native --x"
settle; rm "$clone/src/Tern/Added.cs"
run_case "a file deleted rebuilds" 1 "native --x"
settle; mkdir -p "$clone/src/Tern/NewDir" && echo "class X {}" >"$clone/src/Tern/NewDir/X.cs"
run_case "a directory added rebuilds" 1 "native --x"
settle; echo "// more" >>"$clone/src/Tern/NewDir/X.cs"
run_case "a file in the added directory edited rebuilds" 1 "native --x"
settle; sed -i 's|</Project>|<!-- edited --></Project>|' "$clone/Directory.Build.props"
run_case "Directory.Build.props edited rebuilds" 1 "native --x"
settle; mkdir -p "$clone/src/Tern/obj" "$clone/src/Tern/bin" && echo x >"$clone/src/Tern/obj/junk"
run_case "bin/ and obj/ created: rehash, no build" 0 "native --x"
settle; echo y >"$clone/src/Tern/obj/junk"
run_case "obj/ contents are not inputs: fast" 0 "native --x" fast

# Concurrent first runs after a change: one build (flock), both answer.
settle; echo "// concurrent" >>"$clone/$f"
before=$(builds)
(cd "$clone" && FAKE_BUILD_SECONDS=2 PATH="$fake:$PATH" ./tern --a >"$work/c1" 2>/dev/null) &
(cd "$clone" && FAKE_BUILD_SECONDS=2 PATH="$fake:$PATH" ./tern --b >"$work/c2" 2>/dev/null) &
wait
if (($(builds) - before == 1)) && [[ $(cat "$work/c1") == "native --a" && $(cat "$work/c2") == "native --b" ]]; then
    echo "ok   two concurrent runs build once"
else
    echo "FAIL two concurrent runs: $(($(builds) - before)) builds, outputs '$(cat "$work/c1")' '$(cat "$work/c2")'"; fails=$((fails + 1))
fi

# No native toolchain: one line on stderr, then dotnet run.
settle; echo "// no clang" >>"$clone/$f"
mkdir -p "$work/noclang"; ln -sf "$fake/dotnet" "$work/noclang/dotnet"
for t in sh cat find sort xargs sha256sum cut date uname mkdir rm mv touch flock pwd sed tr; do
    p=$(command -v "$t") && ln -sf "$p" "$work/noclang/$t"
done
out=$(cd "$clone" && PATH="$work/noclang" ./tern --x 2>"$work/err")
if [[ $out == "jit --x" && $(wc -l <"$work/err") == 1 ]] && grep -q "no native toolchain" "$work/err"; then
    echo "ok   no clang: one stderr line, dotnet run"
else
    echo "FAIL no clang: output '$out', stderr: $(cat "$work/err")"; fails=$((fails + 1))
fi
out=$(cd "$clone" && TERN_JIT=1 PATH="$fake:$PATH" ./tern --x 2>&1)
if [[ $out == "jit --x" ]]; then echo "ok   TERN_JIT=1 runs dotnet run"; else echo "FAIL TERN_JIT=1: '$out'"; fails=$((fails + 1)); fi

((fails == 0)) && echo "test-launcher: all passed" || echo "test-launcher: $fails failed"
exit $((fails > 0))
