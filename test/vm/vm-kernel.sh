#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# vm-kernel.sh: fetch Debian's cloud kernel into a cache folder, without
# installing it on the host (installing it would rebuild the host initramfs
# and touch /boot). Prints the unpacked root on stdout; it holds
# boot/vmlinuz-KVER and lib/modules/KVER (with modules.dep).
#
# Usage: vm-kernel.sh            (env LVSD_VM_CACHE overrides the cache dir)
# Exit: 0 ok, 2 the kernel could not be fetched, 1 other errors.
#
# Safe to run concurrently: everything that writes the cache holds a flock.

set -eu

META=${LVSD_VM_KERNEL_META:-linux-image-cloud-amd64}
CACHE=${LVSD_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lvsd-vm}

log() { printf 'vm-kernel: %s\n' "$*" >&2; }
die() { log "$*"; exit 2; }

for t in apt-cache apt-get dpkg-deb depmod flock; do
	command -v "$t" >/dev/null 2>&1 || die "missing tool: $t"
done

# The metapackage only depends on the versioned image package; that name
# is what we download (e.g. linux-image-6.1.0-56-cloud-amd64).
resolve_pkg() {
	apt-cache depends "$META" 2>/dev/null |
		sed -n 's/^ *Depends: *\(linux-image-[^ ]*\).*/\1/p' | head -n 1
}

# Newest already unpacked kernel, for when apt cannot tell us (offline and
# no package lists): better a slightly old kernel than no test at all.
newest_cached() {
	for d in "$CACHE"/linux-image-*/root; do
		[ -f "$d/.complete" ] && printf '%s\n' "$d"
	done | sort -V | tail -n 1
}

# apt-cache takes ~0.6 s; a name resolved less than a day ago is reused
# without asking (a cached root is complete, never removed: no lock needed).
memo="$CACHE/.resolved-$META"
if [ -n "$(find "$memo" -mmin -1440 2>/dev/null)" ]; then
	pkg=$(cat "$memo")
	if [ -f "$CACHE/$pkg/root/.complete" ]; then
		printf '%s\n' "$CACHE/$pkg/root"
		exit 0
	fi
fi

mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
# Bounded wait: a concurrent download takes seconds, not minutes.
flock -w 600 9 || die "timed out waiting for the cache lock $CACHE/.lock"

# use_cached_or_die MSG: fall back to an older cached kernel, if any.
use_cached_or_die() {
	root=$(newest_cached)
	[ -n "$root" ] || die "$*"
	log "$*; using cached $root"
	printf '%s\n' "$root"
	exit 0
}

# fetch PKG DIR: download PKG's .deb into DIR (or find it in apt's own
# cache, left there by an earlier install); print its path.
fetch() {
	for f in /var/cache/apt/archives/"$1"_*_amd64.deb; do
		[ -f "$f" ] && { printf '%s\n' "$f"; return 0; }
	done
	# apt-get download writes into the current directory; it may warn that
	# it runs unsandboxed as root, which is harmless here.
	(cd "$2" && apt-get download -q "$1" >&2) || return 1
	for f in "$2"/"$1"_*.deb; do
		[ -f "$f" ] && { printf '%s\n' "$f"; return 0; }
	done
	return 1
}

updated=0
pkg=$(resolve_pkg)
if [ -z "$pkg" ]; then
	# apt-cache knows nothing (fresh machine): refresh the lists once.
	log "apt-cache does not know $META; running apt-get update"
	apt-get update -qq >&2 || log "apt-get update failed"
	updated=1
	pkg=$(resolve_pkg)
fi
[ -n "$pkg" ] || use_cached_or_die "cannot resolve $META to a versioned kernel package"

dest="$CACHE/$pkg"
if [ -f "$dest/root/.complete" ]; then
	echo "$pkg" >"$memo"
	printf '%s\n' "$dest/root"
	exit 0
fi

tmp=$(mktemp -d "$CACHE/.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

log "fetching $pkg into $dest"
if ! deb=$(fetch "$pkg" "$tmp") && [ "$updated" = 0 ]; then
	# Stale lists name a version the archive no longer has (the security
	# archive drops superseded kernels): refresh once and try again.
	log "apt-get download $pkg failed; running apt-get update"
	apt-get update -qq >&2 || log "apt-get update failed"
	pkg=$(resolve_pkg)
	[ -n "$pkg" ] || use_cached_or_die "cannot resolve $META after apt-get update"
	dest="$CACHE/$pkg"
	if [ -f "$dest/root/.complete" ]; then
		printf '%s\n' "$dest/root"
		exit 0
	fi
	deb=$(fetch "$pkg" "$tmp") || deb=
fi
[ -n "$deb" ] || use_cached_or_die "cannot download $pkg"
rm -rf "$dest"

mkdir "$tmp/root"
dpkg-deb -x "$deb" "$tmp/root" || die "dpkg-deb -x $deb failed"

kver=
for d in "$tmp"/root/lib/modules/*/; do
	[ -d "$d" ] && kver=$(basename "$d")
done
[ -n "$kver" ] || die "$pkg has no lib/modules/KVER"
[ -f "$tmp/root/boot/vmlinuz-$kver" ] || die "$pkg has no boot/vmlinuz-$kver"
# Debian generates modules.dep in postinst, so the package lacks it; the
# initramfs builder needs it for modprobe --show-depends.
depmod -b "$tmp/root" "$kver" || die "depmod failed for $kver"
touch "$tmp/root/.complete"

# Publish atomically so readers never see a half-unpacked tree.
mkdir "$dest"
mv "$tmp/root" "$dest/root"
echo "$pkg" >"$memo"
printf '%s\n' "$dest/root"
