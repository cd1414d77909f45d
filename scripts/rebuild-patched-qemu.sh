#!/usr/bin/env bash
# rebuild-patched-qemu.sh: rebuild qemu-system-ppc64 from Debian's source
# package of QEMU 10.0.13 (trixie) with scripts/patches/spapr-tcg-cfpc-default.patch,
# the 2.11.2-style TCG hack `tern compat` is meant to catch, and describe the
# result as a lab installation (tern-lab.json) in a lab directory of its own.
#
# Not run in CI: on 2 cores the build takes the better part of an hour.
# The built binary stays outside the repository (default: ~/.cache/tern/patched-lab).
#
#   scripts/rebuild-patched-qemu.sh [--jobs N] [--work DIR] [--lab-dir DIR] [--stock-lab DIR]
#
# Afterwards:
#   TERN_LAB_DIR=~/.cache/tern/patched-lab ... or pass the binary path:
#   tern compat qemu-10.0.13 ~/.cache/tern/patched-lab/10.0.13-cfpc-tcg/bin/qemu-system-ppc64 --real
set -euo pipefail

readonly DEB_VERSION=1:10.0.13+ds-0+deb13u1
readonly SUITE=trixie
readonly LABEL=10.0.13-cfpc-tcg
MIRROR=${TERN_DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${TERN_DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/tern
WORK=$CACHE/patched-build
LAB_DIR=$CACHE/patched-lab
STOCK_LAB=${TERN_LAB_DIR:-$CACHE/lab}
JOBS=1
HERE=$(cd "$(dirname "$0")" && pwd)
PATCH=$HERE/patches/spapr-tcg-cfpc-default.patch

die() { echo "rebuild-patched-qemu: error: $*" >&2; exit 1; }
log() { echo "[rebuild-patched-qemu] $*" >&2; }

while (($#)); do
    case $1 in
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        --jobs) JOBS=${2:?--jobs needs a value}; shift 2 ;;
        --work) WORK=${2:?--work needs a value}; shift 2 ;;
        --lab-dir) LAB_DIR=${2:?--lab-dir needs a value}; shift 2 ;;
        --stock-lab) STOCK_LAB=${2:?--stock-lab needs a value}; shift 2 ;;
        *) die "unknown argument: $1 (see --help)" ;;
    esac
done

[[ -r $PATCH ]] || die "missing $PATCH"
STOCK_FIRMWARE=$STOCK_LAB/10.0.13/root/usr/share/qemu
[[ -r $STOCK_FIRMWARE/slof.bin ]] ||
    die "no SLOF in $STOCK_FIRMWARE: install the stock build first (scripts/install-qemu-lab.sh trixie); the +ds source has no firmware blobs"

# 1. Debian's source package, through a private apt configuration (the
#    system's sources and dpkg database are not touched).
apt_dir=$WORK/apt
mkdir -p "$apt_dir"/etc/apt.conf.d "$apt_dir"/etc/preferences.d "$apt_dir"/etc/sources.list.d \
    "$apt_dir"/state/lists/partial "$apt_dir"/cache/archives/partial "$apt_dir"/log "$WORK/src" "$WORK/debs"
: >"$apt_dir/state/status"
cat >"$apt_dir/apt.conf" <<EOF
Dir::Etc::main "$apt_dir/etc/apt.conf.main";
Dir::Etc::Parts "$apt_dir/etc/apt.conf.d";
Dir::Etc::SourceList "$apt_dir/etc/sources.list";
Dir::Etc::SourceParts "$apt_dir/etc/sources.list.d";
Dir::Etc::Preferences "$apt_dir/etc/preferences";
Dir::Etc::PreferencesParts "$apt_dir/etc/preferences.d";
Dir::State "$apt_dir/state";
Dir::State::status "$apt_dir/state/status";
Dir::Cache "$apt_dir/cache";
Dir::Log "$apt_dir/log";
APT::Architecture "amd64";
EOF
cat >"$apt_dir/etc/sources.list" <<EOF
deb $MIRROR $SUITE main
deb-src $MIRROR $SUITE main
deb-src $SECURITY_MIRROR $SUITE-security main
EOF
apt_priv() { APT_CONFIG=$apt_dir/apt.conf "$@"; }
log "apt-get update ($SUITE sources)"
apt_priv apt-get update -q >"$apt_dir/log/update.log" 2>&1 || die "apt-get update failed (log: $apt_dir/log/update.log)"

src=$WORK/src/qemu
if [[ ! -f $src/.tern-extracted ]]; then
    log "apt-get source qemu=$DEB_VERSION"
    rm -rf "$src"
    (cd "$WORK/src" && apt_priv apt-get source -q --download-only "qemu=$DEB_VERSION" >/dev/null)
    # dpkg-source applies Debian's own patch series, as the package build does.
    (cd "$WORK/src" && dpkg-source -q -x "qemu_${DEB_VERSION#1:}.dsc" qemu >/dev/null)
    touch "$src/.tern-extracted"
fi

# 2. Build dependencies. On a trixie host `apt-get build-dep qemu` installs the
#    package's full set; elsewhere (e.g. a bookworm host) only what a
#    ppc64-softmmu TCG build needs, from the host's own distribution, plus
#    trixie's meson (QEMU 10.0 needs meson >= 1.5, and the +ds source ships no
#    meson wheel).
host_codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
if [[ $host_codename == "$SUITE" ]]; then
    log "apt-get build-dep qemu (host is $SUITE)"
    DEBIAN_FRONTEND=noninteractive apt-get build-dep -y -q "$src" >/dev/null
else
    log "host is ${host_codename:-unknown}: installing the minimal ppc64-softmmu build dependencies"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        gcc make ninja-build pkg-config python3 python3-venv \
        libglib2.0-dev libpixman-1-dev libfdt-dev zlib1g-dev >/dev/null
fi
meson_root=$WORK/meson-root
if [[ ! -x $meson_root/usr/bin/meson ]]; then
    (cd "$WORK/debs" && rm -f meson_*.deb && apt_priv apt-get download -q meson >/dev/null)
    dpkg-deb -x "$WORK"/debs/meson_*.deb "$meson_root"
fi
export PYTHONPATH=$meson_root/usr/lib/python3/dist-packages${PYTHONPATH:+:$PYTHONPATH}

# 3. The patch (idempotent).
if patch -p1 -R --dry-run -s -d "$src" <"$PATCH" >/dev/null 2>&1; then
    log "patch already applied"
else
    log "applying $(basename "$PATCH")"
    patch -p1 -s -d "$src" <"$PATCH"
fi

# 4. Configure and build qemu-system-ppc64 only, niced, $JOBS job(s).
build=$src/build-tern
if [[ ! -f $build/build.ninja ]]; then
    log "configure (ppc64-softmmu, TCG)"
    rm -rf "$build"; mkdir -p "$build"
    (cd "$build" && nice ../configure --target-list=ppc64-softmmu --disable-docs \
        --disable-werror --disable-user --disable-tools --disable-guest-agent \
        --disable-download --disable-kvm --enable-tcg --enable-fdt=system \
        --disable-slirp --disable-gtk --disable-sdl --disable-vnc --disable-opengl \
        --disable-spice --disable-curses --disable-xen --disable-rust --disable-install-blobs \
        --with-pkgversion="Debian $DEB_VERSION, Tern patch spapr-tcg-cfpc-default" \
        >"$WORK/configure.log" 2>&1) || die "configure failed (log: $WORK/configure.log)"
fi
log "building qemu-system-ppc64 with -j$JOBS (log: $WORK/build.log)"
start=$(date +%s)
nice -n 19 ninja -C "$build" -j"$JOBS" qemu-system-ppc64 >"$WORK/build.log" 2>&1 ||
    die "build failed (log: $WORK/build.log)"
log "built in $(( $(date +%s) - start )) s"

# 5. A lab installation of its own, so the stock lab is untouched.
inst=$LAB_DIR/$LABEL
mkdir -p "$inst/bin"
install -m 0755 "$build/qemu-system-ppc64" "$inst/bin/qemu-system-ppc64.real"
cat >"$inst/bin/qemu-system-ppc64" <<EOF
#!/bin/sh
exec "$inst/bin/qemu-system-ppc64.real" -L "$STOCK_FIRMWARE" "\$@"
EOF
chmod 0755 "$inst/bin/qemu-system-ppc64"
version=$("$inst/bin/qemu-system-ppc64.real" --version | head -1)
cat >"$inst/tern-lab.json" <<EOF
{
  "label": "$LABEL",
  "suite": "$SUITE (rebuilt with scripts/patches/spapr-tcg-cfpc-default.patch)",
  "debianVersion": "$DEB_VERSION",
  "qemuVersion": "$version",
  "root": "/",
  "loader": "$(readlink -f /lib64/ld-linux-x86-64.so.2)",
  "firmwareDir": "$STOCK_FIRMWARE",
  "moduleDir": "",
  "installedAt": "$(date -u +%Y-%m-%dT%H:%M:%SZ)",
  "libraryPath": [],
  "binaries": { "ppc64": "$inst/bin/qemu-system-ppc64.real" },
  "wrappers": { "ppc64": "$inst/bin/qemu-system-ppc64" },
  "env": {}
}
EOF
log "done: $inst (binary $inst/bin/qemu-system-ppc64.real, $version)"
