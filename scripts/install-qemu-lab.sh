#!/usr/bin/env bash
# install-qemu-lab.sh: install the QEMU of several Debian suites side by side.
#
# Each suite's QEMU is installed together with the full dependency closure of
# that suite (including its own glibc) into <lab>/<label>/root, using a private
# apt configuration and an empty dpkg status file. The system's apt
# configuration and dpkg database are never touched. Each version is then run
# through its own dynamic loader, with its own libraries, modules and firmware.
set -euo pipefail

readonly KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
readonly MULTIARCH=x86_64-linux-gnu
MIRROR=${TERN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${TERN_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
LAB_DIR=${TERN_LAB_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tern/lab}
ARCH_LIST=ppc64,aarch64
LABEL_OVERRIDE=
DO_LIST=0
DO_REFRESH=0
SUITES=()

usage() {
    cat <<EOF
Usage: $(basename "$0") [--lab-dir DIR] [--arch-list ppc64,aarch64] [--label LABEL] [--refresh] SUITE...
       $(basename "$0") --list [--lab-dir DIR]

Installs the QEMU (qemu-system-* plus gui/opengl/spice modules and
qemu-block-extra) of each Debian SUITE side by side under the lab dir, without
touching the system's apt configuration or dpkg database.

  SUITE           bullseye, bookworm, bookworm-backports, trixie, forky, sid, ...
                  (anything whose Release file the mirror has)
  --lab-dir DIR   lab directory (default: \${TERN_LAB_DIR:-\${XDG_CACHE_HOME:-\$HOME/.cache}/tern/lab},
                  now: $LAB_DIR)
  --arch-list L   comma-separated guest architectures (default: $ARCH_LIST;
                  known: ppc64 ppc aarch64 arm x86_64 i386 s390x)
  --label LABEL   install under LABEL instead of the upstream version (one SUITE only)
  --refresh       re-resolve a suite that is already installed (picks up a new
                  point release; an unchanged version is skipped again)
  --list          list the installations and the version each binary reports
  -h, --help      this help

Result per installation: <lab>/<label>/tern-lab.json, <lab>/<label>/bin/qemu-system-<arch>
(wrappers that exec the suite's own loader; pass -L <firmwareDir> yourself).
Environment: TERN_LAB_DIR, TERN_DEBIAN_MIRROR (default $MIRROR),
TERN_DEBIAN_SECURITY_MIRROR (default $SECURITY_MIRROR).
EOF
}

die() { echo "install-qemu-lab: error: $*" >&2; exit 1; }
log() { echo "[$CUR_SUITE] $*" >&2; }
CUR_SUITE=lab

while (($#)); do
    case $1 in
        -h|--help) usage; exit 0 ;;
        --lab-dir) [[ $# -ge 2 ]] || die "--lab-dir needs a value"; LAB_DIR=$2; shift 2 ;;
        --lab-dir=*) LAB_DIR=${1#*=}; shift ;;
        --arch-list) [[ $# -ge 2 ]] || die "--arch-list needs a value"; ARCH_LIST=$2; shift 2 ;;
        --arch-list=*) ARCH_LIST=${1#*=}; shift ;;
        --label) [[ $# -ge 2 ]] || die "--label needs a value"; LABEL_OVERRIDE=$2; shift 2 ;;
        --label=*) LABEL_OVERRIDE=${1#*=}; shift ;;
        --refresh) DO_REFRESH=1; shift ;;
        --list) DO_LIST=1; shift ;;
        --) shift; SUITES+=("$@"); break ;;
        -*) usage >&2; die "unknown option: $1" ;;
        *) SUITES+=("$1"); shift ;;
    esac
done

# JSON string escaping (paths and versions only; no control characters expected).
json_str() {
    local s=$1
    s=${s//\\/\\\\}
    s=${s//\"/\\\"}
    printf '"%s"' "$s"
}

# Read a top-level string field from a tern-lab.json written by this script
# (one key per line), so --list needs neither python nor jq.
json_field() {
    sed -n "s/^  \"$2\": \"\\(.*\\)\",\\{0,1\\}\$/\\1/p" "$1" | head -n1
}

list_installs() {
    local found=0 json dir label suite debver wrapper ver
    [[ -d $LAB_DIR ]] || { echo "no lab at $LAB_DIR" >&2; return 0; }
    printf '%-12s %-20s %-34s %s\n' LABEL SUITE DEBIAN-VERSION "QEMU -version"
    for dir in "$LAB_DIR"/*/; do
        dir=${dir%/}
        json=$dir/tern-lab.json
        if [[ ! -f $json ]]; then
            # Half-finished install: only the owner file exists yet.
            [[ -f $dir/.tern-lab-owner ]] || continue
            found=1
            read -r suite debver <"$dir/.tern-lab-owner"
            printf '%-12s %-20s %-34s %s\n' "$(basename "$dir")" "$suite" "$debver" "(INCOMPLETE: rerun the install)"
            continue
        fi
        found=1
        label=$(json_field "$json" label)
        suite=$(json_field "$json" suite)
        debver=$(json_field "$json" debianVersion)
        ver="(no wrapper)"
        for wrapper in "$dir"/bin/qemu-system-*; do
            [[ -x $wrapper ]] || continue
            ver=$("$wrapper" -version 2>&1 | head -n1) || true
            break
        done
        [[ -f $dir/.tern-lab-complete ]] || ver="(INCOMPLETE) $ver"
        printf '%-12s %-20s %-34s %s\n' "$label" "$suite" "$debver" "$ver"
    done
    ((found)) || echo "no installation under $LAB_DIR" >&2
}

if ((DO_LIST)); then
    list_installs
    exit 0
fi

((${#SUITES[@]})) || { usage >&2; die "no SUITE given"; }
[[ -z $LABEL_OVERRIDE || ${#SUITES[@]} -eq 1 ]] || die "--label works with one SUITE only"
[[ -z $LABEL_OVERRIDE || $LABEL_OVERRIDE =~ ^[A-Za-z0-9][A-Za-z0-9._+-]*$ ]] || die "bad --label: $LABEL_OVERRIDE"

# ---- preconditions --------------------------------------------------------
[[ $(id -u) -eq 0 ]] || die "must run as root (apt downloads and extraction into the lab are done as root)"
[[ -f /etc/debian_version ]] || die "not a Debian system (/etc/debian_version missing)"
for tool in apt-get apt-cache apt-config dpkg-deb tar flock realpath find; do
    command -v "$tool" >/dev/null || die "missing tool: $tool (is this Debian with apt?)"
done
[[ -x /usr/lib/apt/apt-helper ]] || die "missing /usr/lib/apt/apt-helper (apt too old?)"
[[ -r $KEYRING ]] || die "missing $KEYRING (apt-get install debian-archive-keyring)"
[[ $(dpkg --print-architecture) == amd64 ]] || die "only amd64 hosts are supported"

# Guest arch -> Debian binary package that ships qemu-system-<arch>.
arch_package() {
    case $1 in
        ppc64|ppc) echo qemu-system-ppc ;;
        aarch64|arm) echo qemu-system-arm ;;
        x86_64|i386) echo qemu-system-x86 ;;
        s390x) echo qemu-system-s390x ;;
        *) die "unknown arch in --arch-list: $1 (known: ppc64 ppc aarch64 arm x86_64 i386 s390x)" ;;
    esac
}
IFS=, read -r -a ARCHES <<<"$ARCH_LIST"
((${#ARCHES[@]})) || die "empty --arch-list"
mapfile -t ARCHES < <(printf '%s\n' "${ARCHES[@]}" | sort -u)
for a in "${ARCHES[@]}"; do arch_package "$a" >/dev/null; done

mkdir -p "$LAB_DIR"
LAB_DIR=$(realpath "$LAB_DIR")

# Debian upstream version -> label: strip epoch, Debian revision and the
# repack suffix (+dfsg / +ds): 1:7.2+dfsg-7+deb12u18 -> 7.2, 1:10.0.2+ds-2... -> 10.0.2.
upstream_label() {
    local v=$1
    v=${v#*:}
    v=${v%-*}
    v=${v%%+dfsg*}
    v=${v%%+ds*}
    v=${v//\~/-}
    echo "$v"
}

# The system's network-related apt settings (proxy, Valid-Until policy for
# snapshot mirrors, ...) are copied into the private config; nothing else is.
system_acquire_conf() {
    apt-config dump 2>/dev/null |
        grep -E '^Acquire::(http|https|ftp|Check-Valid-Until|Check-Date|Retries|ForceIPv4|ForceIPv6|Max-ValidTime|Min-ValidTime)(::| )' |
        grep -v '""' || true
}

# Private apt tree for one suite: own sources, state, cache, logs and an EMPTY
# dpkg status file, so resolution computes the full closure.
setup_apt() {
    local suite=$1 dir=$2
    mkdir -p "$dir"/etc/apt.conf.d "$dir"/etc/preferences.d "$dir"/etc/sources.list.d \
        "$dir"/state/lists/partial "$dir"/cache/archives/partial "$dir"/log
    [[ -f $dir/state/status ]] || : >"$dir/state/status"
    : >"$dir/etc/apt.conf.main"
    cat >"$dir/apt.conf" <<EOF
// Generated by tern install-qemu-lab.sh: private apt config for $suite.
Dir::Etc::main "$dir/etc/apt.conf.main";
Dir::Etc::Parts "$dir/etc/apt.conf.d";
Dir::Etc::SourceList "$dir/etc/sources.list";
Dir::Etc::SourceParts "$dir/etc/sources.list.d";
Dir::Etc::Preferences "$dir/etc/preferences";
Dir::Etc::PreferencesParts "$dir/etc/preferences.d";
Dir::State "$dir/state";
Dir::State::status "$dir/state/status";
Dir::Cache "$dir/cache";
Dir::Cache::archives "$dir/cache/archives";
Dir::Log "$dir/log";
APT::Architecture "amd64";
APT::Architectures { "amd64"; };
APT::Install-Recommends "false";
APT::Install-Suggests "false";
// The lab usually lives under /root (mode 700) where _apt cannot write.
APT::Sandbox::User "root";
Acquire::Languages "none";
Acquire::GzipIndexes "true";
EOF
    system_acquire_conf >>"$dir/apt.conf"
}

# Does the mirror have dists/<suite>? (apt-helper honours the private config.)
suite_exists() {
    local base=$1 suite=$2 tmp=$3
    rm -f "$tmp"
    APT_CONFIG=$APT_CONF_FILE /usr/lib/apt/apt-helper -qq download-file \
        "$base/dists/$suite/InRelease" "$tmp" >/dev/null 2>&1 ||
        APT_CONFIG=$APT_CONF_FILE /usr/lib/apt/apt-helper -qq download-file \
            "$base/dists/$suite/Release" "$tmp" >/dev/null 2>&1
}

write_sources() {
    local suite=$1 dir=$2 base s opt="[signed-by=$KEYRING]"
    base=$suite
    [[ $suite == *-backports* ]] && base=${suite%%-backports*}
    {
        # The suite itself (and, for backports, its base suite so that
        # dependencies resolve), plus -updates and -security when they exist.
        local -a list=("$base" "$base-updates")
        [[ $suite != "$base" ]] && list+=("$base-backports")
        [[ $suite != "$base" && $suite != "$base-backports" ]] && list+=("$suite")
        for s in "${list[@]}"; do
            if [[ $s == "$suite" || $s == "$base" ]] || suite_exists "$MIRROR" "$s" "$dir/probe"; then
                echo "deb $opt $MIRROR $s main"
            fi
        done
        if suite_exists "$SECURITY_MIRROR" "$base-security" "$dir/probe"; then
            echo "deb $opt $SECURITY_MIRROR $base-security main"
        fi
    } >"$dir/etc/sources.list"
    rm -f "$dir/probe"
}

apt_priv() { APT_CONFIG=$APT_CONF_FILE "$@"; }

# Packages that exist in this suite (modules-* were split out in later versions).
available() {
    local p
    for p in "$@"; do
        if apt_priv apt-cache show "$p" >/dev/null 2>&1 &&
            [[ -n $(apt_priv apt-cache madison "$p" 2>/dev/null) ]]; then
            echo "$p"
        fi
    done
}

# Wrappers written before the firmware dir was built in: add -L (read from their own comment line).
upgrade_wrappers() {
    local w fw
    for w in "$1"/bin/qemu-system-*; do
        [[ -f $w ]] || continue
        grep -q "^exec .* -L '" "$w" && continue
        fw=$(sed -n "s/^# Runs through the suite's own loader and libraries; callers add -L \(.*\)\.\$/\1/p" "$w")
        [[ -n $fw ]] || continue
        sed -i -e "s|^exec \(.*\) \"\\\$@\"\$|exec \1 -L '$fw' \"\\\$@\"|" \
            -e "s|^# Runs through the suite's own loader and libraries; callers add -L .*|# Runs through the suite's own loader and libraries, with its firmware (-L) built in.|" "$w"
        log "added -L $fw to $w"
    done
}

# Absolute symlinks inside the root point at the host; make them relative to
# the root (e.g. bullseye's lib64/ld-linux-x86-64.so.2 -> /lib/.../ld-2.31.so
# would otherwise silently run the HOST's loader).
fix_absolute_symlinks() {
    local root=$1 link target n=0
    while IFS= read -r -d '' link; do
        target=$(readlink "$link")
        [[ $target == /* ]] || continue
        ln -sfn "$(realpath -ms --relative-to="$(dirname "$link")" "$root$target")" "$link"
        n=$((n + 1))
    done < <(find "$root" -type l -print0)
    log "rewrote $n absolute symlinks to stay inside the root"
}

join_by() { local IFS=$1; shift; echo "$*"; }

# Find the library dirs the loader really needs: start from the multiarch
# dirs, ask the loader (--list) about every binary and module, and add the
# in-root dir of anything it cannot find or finds outside the root (RUNPATHs
# such as /usr/lib/x86_64-linux-gnu/pulseaudio or .../ceph point at the host).
discover_libdirs() {
    local root=$1 loader=$2; shift 2
    local -a objs=("$@")
    local round obj line name path cand d changed missing
    for round in 1 2 3 4 5 6; do
        changed=0
        missing=()
        for obj in "${objs[@]}"; do
            while IFS= read -r line; do
                if [[ $line == *"error while loading shared libraries: "* ]]; then
                    # A missing indirect dependency aborts --list altogether.
                    name=${line#*error while loading shared libraries: }
                    name=${name%%: *}
                    path=not
                elif [[ $line == *"=>"* ]]; then
                    name=$(sed -E 's/^[[:space:]]*([^ ]+) => .*/\1/' <<<"$line")
                    path=$(sed -E 's/^.* => ([^ ]+)( \(.*)?$/\1/' <<<"$line")
                else
                    continue
                fi
                [[ $name == linux-vdso* || $name == */ld-linux* ]] && continue
                if [[ $path == "not" || $path != "$root"/* ]]; then
                    cand=$(find "$root" \( -type f -o -type l \) -name "$name" -print -quit 2>/dev/null)
                    if [[ -n $cand ]]; then
                        d=$(dirname "$cand")
                        if [[ ":$(join_by : "${LIBDIRS[@]}"):" != *":$d:"* ]]; then
                            LIBDIRS+=("$d")
                            changed=1
                        fi
                    else
                        missing+=("$name (needed by ${obj#"$root"/})")
                    fi
                fi
            done < <("$loader" --library-path "$(join_by : "${LIBDIRS[@]}")" --list "$obj" 2>&1 || true)
        done
        ((changed)) || break
        log "library path round $round: ${#LIBDIRS[@]} dirs"
    done
    if ((${#missing[@]})); then
        printf '  missing: %s\n' "${missing[@]}" | sort -u >&2
        die "libraries missing from the $CUR_SUITE closure"
    fi
}

install_suite() {
    local suite=$1 t0 state aptdir root label debver pkgs p
    CUR_SUITE=$suite
    t0=$(date +%s)
    [[ $suite =~ ^[a-z][a-z0-9.+-]*$ ]] || die "bad suite name: $suite"
    state=$LAB_DIR/.cache/$suite
    aptdir=$state/apt
    mkdir -p "$aptdir"
    APT_CONF_FILE=$aptdir/apt.conf

    # One installer per suite at a time.
    exec 9>"$state/lock"
    flock -n 9 || die "another install of $suite is running (lock $state/lock)"

    # Fast path: already finished and nothing new asked for -> no network.
    if ((!DO_REFRESH)) && [[ -f $state/label ]]; then
        label=$(cat "$state/label")
        if [[ -z $LABEL_OVERRIDE || $LABEL_OVERRIDE == "$label" ]] &&
            [[ -f $LAB_DIR/$label/.tern-lab-complete ]] &&
            [[ -f $LAB_DIR/$label/.tern-lab-roms ]] &&
            [[ -z $(comm -23 <(printf '%s\n' "${ARCHES[@]}") <(sort -u "$LAB_DIR/$label/.tern-lab-complete")) ]]; then
            log "already installed as $label ($LAB_DIR/$label), skipping"
            upgrade_wrappers "$LAB_DIR/$label"
            exec 9>&-
            return 0
        fi
    fi

    setup_apt "$suite" "$aptdir"
    log "checking that the mirror has $suite..."
    if ! suite_exists "$MIRROR" "$suite" "$aptdir/probe"; then
        # Leave nothing behind for a suite that does not exist.
        [[ -f $state/label ]] || { exec 9>&-; rm -rf "$state"; }
        die "the mirror $MIRROR has no suite '$suite' (dists/$suite/Release not found)"
    fi
    write_sources "$suite" "$aptdir"

    log "resolving..."
    apt_priv apt-get update -q >"$aptdir/log/update.log" 2>&1 || {
        tail -n 20 "$aptdir/log/update.log" >&2
        die "apt-get update failed for $suite (log: $aptdir/log/update.log)"
    }
    grep -E '^(W|E):' "$aptdir/log/update.log" >&2 || true

    # Backports are NotAutomatic-ish (priority 100): ask for them explicitly.
    local -a target=()
    [[ $suite == *-backports* ]] && target=(-t "$suite")

    local -a want=()
    for a in "${ARCHES[@]}"; do want+=("$(arch_package "$a")"); done
    mapfile -t want < <(printf '%s\n' "${want[@]}" | sort -u)
    for p in "${want[@]}"; do
        [[ -n $(available "$p") ]] || die "$suite has no package $p"
    done
    # Every module package, so QEMU's module loader never falls back to the host's.
    # libdebuginfod1: bullseye's libdw dlopen()s it at start-up; without the
    # suite's own copy the loader tries the HOST's one (found via ld.so.cache).
    # ipxe-qemu and seabios: the option ROMs devices load by default (virtio-net-pci's efi-virtio.rom, VGA BIOSes),
    # as on a real host; without them QEMU refuses those devices ("failed to find romfile").
    mapfile -t -O "${#want[@]}" want < <(available qemu-system-gui qemu-system-modules-opengl \
        qemu-system-modules-spice qemu-block-extra libdebuginfod1 libdebuginfod1t64 ipxe-qemu seabios)

    # The computed closure with an empty status file: "'URI' file size hash".
    # --print-uris omits .debs already in the archive cache, so point it at an
    # empty one to get the whole list every time.
    mkdir -p "$state/no-archives/partial"
    if ! apt_priv apt-get install --print-uris -qq -y "${target[@]}" \
        -o Dir::Cache::archives="$state/no-archives" "${want[@]}" \
        >"$state/uris.new" 2>"$aptdir/log/resolve.log"; then
        cat "$aptdir/log/resolve.log" >&2
        die "cannot resolve ${want[*]} in $suite"
    fi
    mv "$state/uris.new" "$state/uris"
    pkgs=$(wc -l <"$state/uris")
    ((pkgs > 0)) || die "empty package list for $suite"
    debver=$(sed -nE "s/^'[^']*' ${want[0]}_([^_]+)_[a-z0-9]+\\.deb .*/\\1/p" "$state/uris")
    debver=${debver/\%3a/:}
    [[ -n $debver ]] || die "could not find ${want[0]} in the resolved list"
    # All qemu-* packages of one installation must come from the same source
    # version (arch:all ones lack a binNMU's +bN suffix: 7.2+dfsg-7+deb12u18+b3).
    local bad srcver=${debver%+b[0-9]*}
    bad=$(awk '{print $2}' "$state/uris" | grep -E '^qemu-(system|block)' |
        sed -E 's/%3a/:/; s/^([^_]+)_([^_]+)_.*/\1 \2/; s/\+b[0-9]+$//' |
        awk -v v="$srcver" '$2 != v' || true)
    [[ -z $bad ]] || die "mixed QEMU versions in the closure: $bad"

    label=${LABEL_OVERRIDE:-$(upstream_label "$debver")}
    root=$LAB_DIR/$label/root
    local owner="$suite $debver"
    if [[ -f $LAB_DIR/$label/.tern-lab-owner && $(cat "$LAB_DIR/$label/.tern-lab-owner") != "$owner" ]]; then
        local old_suite old_ver
        read -r old_suite old_ver <"$LAB_DIR/$label/.tern-lab-owner"
        [[ $old_suite == "$suite" ]] ||
            die "label $label is already used by $old_suite ($old_ver); rerun with --label NAME"
        # Same suite, new Debian revision of the same upstream version
        # (e.g. a security update): start that installation afresh.
        log "replacing $label ($old_ver) with $debver"
        rm -rf "${LAB_DIR:?}/$label"
    fi
    if [[ -f $LAB_DIR/$label/.tern-lab-complete ]] && [[ -f $LAB_DIR/$label/.tern-lab-roms ]] &&
        [[ -z $(comm -23 <(printf '%s\n' "${ARCHES[@]}") <(sort -u "$LAB_DIR/$label/.tern-lab-complete")) ]] &&
        cmp -s <(awk '{print $2}' "$state/uris" | sed 's/%3a/:/') "$LAB_DIR/$label/packages.txt"; then
        echo "$label" >"$state/label"
        log "$debver already installed as $label with the same packages, skipping"
        exec 9>&-
        return 0
    fi
    log "QEMU $debver -> label $label ($pkgs packages)"
    mkdir -p "$LAB_DIR/$label"
    echo "$owner" >"$LAB_DIR/$label/.tern-lab-owner"
    rm -f "$LAB_DIR/$label/.tern-lab-complete"

    # Download (apt keeps finished .debs in the private cache: resumable).
    local todo=0 f
    while read -r _ f _; do [[ -f $aptdir/cache/archives/$f ]] || todo=$((todo + 1)); done <"$state/uris"
    log "downloading $todo packages ($((pkgs - todo)) already cached)..."
    if ((todo)); then
        apt_priv apt-get install --download-only -q -y "${target[@]}" "${want[@]}" \
            >"$aptdir/log/download.log" 2>&1 || {
            tail -n 20 "$aptdir/log/download.log" >&2
            die "download failed for $suite (log: $aptdir/log/download.log); rerun to resume"
        }
    fi

    # Extract. Merged-/usr layout first, as on any current Debian: plain
    # `dpkg -x` would replace the lib -> usr/lib symlink by a directory, or fail
    # on base-files' symlinks once lib/ exists; tar --keep-directory-symlink
    # extracts dpkg-deb's own data tar through them instead.
    mkdir -p "$root/usr/bin" "$root/usr/sbin" "$root/usr/lib" "$root/usr/lib64"
    for d in bin sbin lib lib64; do [[ -e $root/$d ]] || ln -s "usr/$d" "$root/$d"; done
    local done_list=$LAB_DIR/$label/.tern-lab-extracted n=0 deb
    touch "$done_list"
    while read -r _ f _; do
        n=$((n + 1))
        deb=$aptdir/cache/archives/$f
        [[ -f $deb ]] || die "missing $deb after download; rerun"
        grep -qxF "$f" "$done_list" && continue
        if ((n == 1 || n % 25 == 0 || n == pkgs)); then log "extracting $n/$pkgs..."; fi
        dpkg-deb --fsys-tarfile "$deb" |
            tar -x -C "$root" --keep-directory-symlink --no-same-owner --warning=no-timestamp ||
            die "extracting $f failed"
        echo "$f" >>"$done_list"
    done <"$state/uris"
    log "extracted $pkgs/$pkgs"
    fix_absolute_symlinks "$root"

    # Loader, binaries, modules, firmware.
    local loader=$root/lib64/ld-linux-x86-64.so.2
    [[ -e $loader ]] || die "no dynamic loader in $root"
    [[ $(realpath "$loader") == "$root"/* ]] || die "$loader resolves outside the root"
    local moddir=$root/usr/lib/$MULTIARCH/qemu fwdir=$root/usr/share/qemu
    [[ -d $moddir ]] || die "no module dir $moddir"
    local -a objs=() bins=()
    for a in "${ARCHES[@]}"; do
        [[ -x $root/usr/bin/qemu-system-$a ]] || die "$suite ships no qemu-system-$a"
        bins+=("$a")
        objs+=("$root/usr/bin/qemu-system-$a")
    done
    while IFS= read -r -d '' f; do objs+=("$f"); done < <(find "$moddir" -name '*.so' -print0)

    # pseries firmware: older suites ship it as qemu-slof (usr/share/slof) with a
    # link from usr/share/qemu; make sure -L <fwdir> finds it.
    if [[ " ${ARCHES[*]} " == *" ppc64 "* ]]; then
        if [[ ! -e $fwdir/slof.bin ]]; then
            f=$(find "$root/usr/share" -name slof.bin -print -quit)
            [[ -n $f ]] || die "no slof.bin in the $suite closure"
            ln -sfn "$(realpath -ms --relative-to="$fwdir" "$f")" "$fwdir/slof.bin"
            log "linked $fwdir/slof.bin -> $f"
        fi
    fi

    # Debian's QEMU looks for ROMs in /usr/lib/ipxe/qemu and /usr/share/seabios of the HOST: link the suite's own
    # into the firmware dir that -L names.
    local rom n_roms=0
    for rom in "$root"/usr/lib/ipxe/qemu/*.rom "$root"/usr/share/seabios/*.bin; do
        [[ -e $rom && ! -e $fwdir/$(basename "$rom") ]] || continue
        ln -sfn "$(realpath -ms --relative-to="$fwdir" "$rom")" "$fwdir/$(basename "$rom")"
        n_roms=$((n_roms + 1))
    done
    log "linked $n_roms option ROMs into $fwdir"

    log "checking the library path with the suite's loader..."
    LIBDIRS=()
    for d in "$root/lib/$MULTIARCH" "$root/usr/lib/$MULTIARCH"; do LIBDIRS+=("$d"); done
    discover_libdirs "$root" "$loader" "${objs[@]}"

    # Wrappers: exec (so the pid is QEMU's) through the suite's loader, firmware dir built in.
    local libpath
    libpath=$(join_by : "${LIBDIRS[@]}")
    mkdir -p "$LAB_DIR/$label/bin"
    for a in "${bins[@]}"; do
        cat >"$LAB_DIR/$label/bin/qemu-system-$a.tmp" <<EOF
#!/bin/sh
# Generated by tern install-qemu-lab.sh: QEMU $debver ($suite).
# Runs through the suite's own loader and libraries, with its firmware (-L) built in,
# so it behaves like an installed system binary.
QEMU_MODULE_DIR='$moddir'
export QEMU_MODULE_DIR
exec '$loader' --library-path '$libpath' '$root/usr/bin/qemu-system-$a' -L '$fwdir' "\$@"
EOF
        chmod 755 "$LAB_DIR/$label/bin/qemu-system-$a.tmp"
        mv "$LAB_DIR/$label/bin/qemu-system-$a.tmp" "$LAB_DIR/$label/bin/qemu-system-$a"
    done

    # Smoke check: each binary must start and name the expected version.
    local qver="" v
    for a in "${bins[@]}"; do
        v=$("$LAB_DIR/$label/bin/qemu-system-$a" -version 2>&1 | head -n1) ||
            die "qemu-system-$a -version failed: $v"
        [[ $v == *"QEMU emulator version"* ]] || die "qemu-system-$a -version printed: $v"
        [[ -n $qver ]] || qver=$v
        log "qemu-system-$a: $v"
    done

    # Leak check: objects the loader initialises or tries (dlopen at start-up)
    # must all come from the root, not from the host's ld.so.cache/default dirs.
    local leaks
    for a in "${bins[@]}"; do
        leaks=$(LD_DEBUG=files "$loader" --library-path "$libpath" "$root/usr/bin/qemu-system-$a" -version 2>&1 >/dev/null |
            sed -nE 's/.*(calling init: |file=)(\/[^ ]+)( \[[0-9]+\];  destroying link map)?$/\2/p' |
            grep -v "^$root/" | sort -u || true)
        [[ -z $leaks ]] || log "WARNING: qemu-system-$a loads host objects: $(echo "$leaks" | tr '\n' ' ')"
    done

    # Metadata (written via a temp file; the completion marker comes last).
    local json=$LAB_DIR/$label/tern-lab.json sep line
    {
        echo "{"
        echo "  \"label\": $(json_str "$label"),"
        echo "  \"suite\": $(json_str "$suite"),"
        echo "  \"debianVersion\": $(json_str "$debver"),"
        echo "  \"qemuVersion\": $(json_str "$qver"),"
        echo "  \"root\": $(json_str "$root"),"
        echo "  \"loader\": $(json_str "$loader"),"
        echo "  \"firmwareDir\": $(json_str "$fwdir"),"
        echo "  \"moduleDir\": $(json_str "$moddir"),"
        echo "  \"installedAt\": $(json_str "$(date -u +%Y-%m-%dT%H:%M:%SZ)"),"
        echo "  \"packageCount\": $pkgs,"
        printf '  "libraryPath": ['
        sep=""
        for d in "${LIBDIRS[@]}"; do printf '%s\n    %s' "$sep" "$(json_str "$d")"; sep=","; done
        printf '\n  ],\n'
        printf '  "binaries": {'
        sep=""
        for a in "${bins[@]}"; do
            printf '%s\n    %s: %s' "$sep" "$(json_str "$a")" "$(json_str "$root/usr/bin/qemu-system-$a")"
            sep=","
        done
        printf '\n  },\n'
        printf '  "wrappers": {'
        sep=""
        for a in "${bins[@]}"; do
            printf '%s\n    %s: %s' "$sep" "$(json_str "$a")" "$(json_str "$LAB_DIR/$label/bin/qemu-system-$a")"
            sep=","
        done
        printf '\n  },\n'
        echo "  \"env\": {"
        echo "    \"QEMU_MODULE_DIR\": $(json_str "$moddir")"
        echo "  },"
        printf '  "sources": ['
        sep=""

        while IFS= read -r line; do
            printf '%s\n    %s' "$sep" "$(json_str "${line/\[signed-by=$KEYRING\] /}")"
            sep=","
        done <"$aptdir/etc/sources.list"
        printf '\n  ]\n'
        echo "}"
    } >"$json.tmp"
    mv "$json.tmp" "$json"
    awk '{print $2}' "$state/uris" | sed 's/%3a/:/' >"$LAB_DIR/$label/packages.txt"

    printf '%s\n' "${ARCHES[@]}" >"$LAB_DIR/$label/.tern-lab-complete"
    touch "$LAB_DIR/$label/.tern-lab-roms"
    echo "$label" >"$state/label"
    exec 9>&-
    log "done: $label in $(($(date +%s) - t0))s, $(du -sh "$LAB_DIR/$label" | cut -f1) ($LAB_DIR/$label)"
}

for s in "${SUITES[@]}"; do
    install_suite "$s"
done
