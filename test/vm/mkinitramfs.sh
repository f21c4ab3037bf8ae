#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
#
# mkinitramfs.sh: build the small initramfs the test VM boots from: busybox
# with its applet links, a few kernel modules, host binaries with their
# shared libraries, the guest /init and the scenario folder.
#
# Usage: mkinitramfs.sh -k KROOT -o OUT.cpio.gz -s SCENARIO [options]
#   -k KROOT       unpacked kernel package (what vm-kernel.sh prints)
#   -o OUT         output file (gzip -1 compressed newc cpio)
#   -s SCENARIO    scenario script, to /scenario with the files beside it
#                  whose names start with its own (NAME.*, NAME-*)
#   -b LVSD_BIN    lvsd binary to install as /usr/sbin/lvsd (or env LVSD_BIN)
#   -x SRC[:DST]   extra host binary or library, copied to DST (default: the
#                  same path) with the libraries ldd names (repeatable; env
#                  LVSD_VM_EXTRA_BINS)
#   -f SRC[:DST]   extra file (default DST: /data/BASENAME) (repeatable;
#                  env LVSD_VM_EXTRA_FILES)
#   -m MODULE      extra kernel module (repeatable; env LVSD_VM_MODULES)
# The space separated env lists add to the options.

set -eu

here=$(cd "$(dirname "$0")" && pwd)

# What every scenario gets. ip and ipvsadm are what the guest-lib wraps;
# keepalived is the reference implementation to compare against.
BASE_BINS="/usr/sbin/ip /usr/sbin/ipvsadm /usr/sbin/keepalived"
BASE_MODULES="ip_vs ip_vs_rr ip_vs_wrr ip_vs_wlc ip_vs_lc ip_vs_sh ip_vs_dh
ip_vs_mh ip_vs_sed ip_vs_nq ip_vs_fo ip_vs_ovf ip_vs_lblc ip_vs_lblcr
veth bridge macvlan ipip dummy ip_set"

die() { printf 'mkinitramfs: %s\n' "$*" >&2; exit 1; }

kroot='' out='' scenario=''
lvsd_bin=${LVSD_BIN:-}
bins=$BASE_BINS
files=${LVSD_VM_EXTRA_FILES:-}
modules="$BASE_MODULES ${LVSD_VM_MODULES:-}"
bins="$bins ${LVSD_VM_EXTRA_BINS:-}"
while getopts k:o:s:b:x:f:m: opt; do
	case $opt in
	k) kroot=$OPTARG ;;
	o) out=$OPTARG ;;
	s) scenario=$OPTARG ;;
	b) lvsd_bin=$OPTARG ;;
	x) bins="$bins $OPTARG" ;;
	f) files="$files $OPTARG" ;;
	m) modules="$modules $OPTARG" ;;
	*) die "usage: $0 -k KROOT -o OUT -s SCENARIO [-b BIN] [-x BIN] [-f SRC[:DST]] [-m MOD]" ;;
	esac
done
if [ -z "$kroot" ] || [ -z "$out" ] || [ -z "$scenario" ]; then
	die "need -k KROOT, -o OUT and -s SCENARIO"
fi
[ -f "$scenario" ] || die "no scenario $scenario"

for t in busybox cpio gzip ldd modprobe depmod; do
	command -v "$t" >/dev/null 2>&1 || die "missing tool: $t"
done
busybox=$(command -v busybox)

kver=
for d in "$kroot"/lib/modules/*/; do
	[ -d "$d" ] && kver=$(basename "$d")
done
[ -n "$kver" ] || die "no lib/modules/KVER in $kroot"

root=$(mktemp -d "${TMPDIR:-/tmp}/lvsd-initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT
trap 'exit 1' INT TERM HUP

# Merged /usr like the host, so /sbin/ip, /usr/sbin/ip and the library
# paths ldd prints all resolve. Relative links: they are followed on the
# host while we fill the tree.
mkdir -p "$root/usr/bin" "$root/usr/sbin" "$root/usr/lib" "$root/usr/lib64"
for d in bin sbin lib lib64; do
	ln -s "usr/$d" "$root/$d"
done
mkdir -p "$root/dev" "$root/proc" "$root/sys" "$root/tmp" "$root/run" \
	"$root/root" "$root/etc/lvsd-vm" "$root/etc/modprobe.d" "$root/data" \
	"$root/var" "$root/usr/lib/lvsd-vm"
ln -s ../run "$root/var/run"
chmod 1777 "$root/tmp"

# copy_file SRC DST: DST inside the guest. Remove DST first: were it an
# absolute symlink (an applet link), cp would write through it onto the host.
copy_file() {
	mkdir -p "$root$(dirname "$2")"
	rm -f "$root$2"
	cp -L "$1" "$root$2"
}

# copy_bin SRC [DST]: a binary plus every shared library ldd names for it.
# A static binary or a script has none (ldd fails; that is fine).
copy_bin() {
	[ -f "$1" ] || die "no such binary: $1"
	copy_file "$1" "${2:-$1}"
	if ldd "$1" 2>/dev/null | grep -q 'not found'; then
		die "$1: ldd reports a missing library"
	fi
	ldd "$1" 2>/dev/null |
		sed -n 's/.*=> *\(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) .*/\1/p' |
		while read -r lib; do
			[ -e "$root$lib" ] || copy_file "$lib" "$lib"
		done
}

# Busybox. Only the link /init's "#!/bin/sh" needs: /init runs
# `busybox --install -s`, which is much faster than 270 ln here and never
# replaces an existing file, so the real binaries below win over applets.
copy_bin "$busybox" /usr/bin/busybox
ln -s busybox "$root/usr/bin/sh"

# The guest-lib defines a function per installed binary (busybox ash runs
# its own applet for a bare name such as "ip", even with PATH right).
: >"$root/etc/lvsd-vm/bins.sh"
add_func() {
	case $1 in
	*[!A-Za-z0-9_]* | [0-9]*) return 0 ;; # not a valid function name
	esac
	printf '%s() { %s "$@"; }\n' "$1" "$2" >>"$root/etc/lvsd-vm/bins.sh"
}

# SRC[:DST]: a build tree under /tmp would be hidden by the guest's tmpfs
# on /tmp, so tests give such binaries a DST elsewhere.
for spec in $bins; do
	src=${spec%%:*}
	dst=${spec#*:}
	copy_bin "$src" "$dst"
	add_func "$(basename "$dst")" "$dst"
done
if [ -n "$lvsd_bin" ]; then
	copy_bin "$lvsd_bin" /usr/sbin/lvsd
	add_func lvsd /usr/sbin/lvsd
fi

for spec in $files; do
	src=${spec%%:*}
	dst=${spec#*:}
	[ "$dst" = "$spec" ] && dst=/data/$(basename "$src")
	[ -f "$src" ] || die "no such file: $src"
	copy_file "$src" "$dst"
done

# Kernel modules: kmod computes the dependency closure against the cached
# tree; options it prints (host modprobe.d) are dropped, ours are below.
mdir=/lib/modules/$kver
: >"$root/etc/lvsd-vm/modules"
for m in $modules; do
	modprobe -S "$kver" -d "$kroot" --show-depends "$m" >"$root/deps" ||
		die "module $m not found in $kroot"
	while read -r kind path _; do
		[ "$kind" = insmod ] || continue # "builtin NAME": nothing to copy
		rel=${path#"$kroot"}
		[ -e "$root$rel" ] || copy_file "$path" "$rel"
	done <"$root/deps"
	echo "$m" >>"$root/etc/lvsd-vm/modules"
done
rm -f "$root/deps"
for f in modules.order modules.builtin modules.builtin.modinfo; do
	[ -f "$kroot$mdir/$f" ] && copy_file "$kroot$mdir/$f" "$mdir/$f"
done
depmod -b "$root" "$kver" || die "depmod failed"
# Like systemd: no dummy0 appearing behind the scenario's back.
echo "options dummy numdummies=0" >"$root/etc/modprobe.d/lvsd-vm.conf"

# Enough of /etc for getpwnam and name lookups of localhost.
cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF
printf '127.0.0.1\tlocalhost\n::1\tlocalhost\n' >"$root/etc/hosts"
echo "hosts: files" >"$root/etc/nsswitch.conf"

copy_file "$here/guest-init.sh" /init
chmod 755 "$root/init"
copy_file "$here/guest-lib.sh" /usr/lib/lvsd-vm/guest-lib.sh
copy_file "$here/dr-pair-lib.sh" /usr/lib/lvsd-vm/dr-pair-lib.sh
# The scenario and its data: the files beside it named after it
# (smoke.sh brings smoke.conf, smoke-bad.conf, a smoke.d/ folder, ...).
mkdir -p "$root/scenario"
stem=$(basename "$scenario")
stem=${stem%.sh}
for f in "$(dirname "$scenario")/$stem".* "$(dirname "$scenario")/$stem"-*; do
	[ -e "$f" ] && cp -RL "$f" "$root/scenario/"
done
cp -L "$scenario" "$root/scenario/"

# Sorted for a stable archive; owner root whoever builds it.
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -1 >"$out"
