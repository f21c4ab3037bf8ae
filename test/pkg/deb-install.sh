#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The Debian package end to end, on this machine (root, Debian 12):
# build it (tools/deb.sh), lintian with no error or warning, install it
# with apt, check what a user gets (binaries run -v, man pages, the unit
# passes systemd-analyze verify, the conffile is valid), then purge it and
# check that nothing it installed is left.  Refuses to touch a machine
# where lvsd is already installed (by a package or by hand).
#   sh test/pkg/deb-install.sh
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/_build/deb
fail() {
	echo "FAIL: $*" >&2
	exit 1
}
ok() {
	echo "ok: $*"
}
[ "$(id -u)" = 0 ] || fail "needs root (it installs and purges the package)"
if dpkg-query -W -f='${Status}' lvsd 2>/dev/null | grep -q installed; then
	fail "the lvsd package is already installed here; not touching it"
fi
for f in /usr/sbin/lvsd /lib/systemd/system/lvsd.service /etc/lvsd; do
	[ ! -e "$f" ] || fail "$f exists (installed by hand?); not touching it"
done

sh "$top/tools/deb.sh" >/dev/null
deb=$(ls "$out"/lvsd_*.deb)
version=$(dpkg-deb -f "$deb" Version)
ok "built $(basename "$deb")"

# Every tag lintian prints is shown; errors and warnings fail.
lint=0
lintian --fail-on error,warning "$out"/lvsd_*.changes >"$out/lintian.log" 2>&1 ||
	lint=$?
grep -v 'running with root privileges' "$out/lintian.log" || true
[ "$lint" = 0 ] || fail "lintian reported errors or warnings (above)"
ok "lintian: no error, no warning"

files=$out/installed-files
purge() {
	apt-get purge -y -qq lvsd >/dev/null 2>&1 || dpkg --purge lvsd
}
# From here on, whatever happens, the package leaves the machine.
trap 'purge >/dev/null 2>&1 || true' EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	--no-install-recommends "$deb" >"$out/apt-install.log" 2>&1 ||
	{ cat "$out/apt-install.log"; fail "apt-get install"; }
dpkg-query -W -f='${Status} ${Version}\n' lvsd | grep -qx \
	"install ok installed $version" || fail "dpkg does not list lvsd $version"
dpkg -L lvsd >"$files"
ok "installed lvsd $version ($(wc -l <"$files") paths)"

/usr/sbin/lvsd -v | grep -q "$version" || fail "lvsd -v does not say $version"
ok "lvsd -v: $(/usr/sbin/lvsd -v | head -n 1)"

for page in 8:lvsd 5:lvsd.conf 8:lvsctl; do
	path=$(man -w "${page%%:*}" "${page#*:}") ||
		fail "man ${page%%:*} ${page#*:} not found"
	grep -qx "$path" "$files" || fail "$path is not the package's"
	[ -n "$(MANWIDTH=80 man "${page%%:*}" "${page#*:}" 2>/dev/null |
		head -n 5)" ] || fail "man ${page%%:*} ${page#*:} shows nothing"
done
ok "man pages lvsd(8), lvsd.conf(5) and lvsctl(8)"

unit=/lib/systemd/system/lvsd.service
grep -qx "$unit" "$files" || fail "no $unit"
grep -qx 'Type=notify' "$unit" || fail "$unit is not Type=notify"
grep -qx 'ExecReload=/usr/sbin/lvsctl reload' "$unit" ||
	fail "$unit does not reload with lvsctl"
grep -qx /usr/sbin/lvsctl "$files" || fail "no /usr/sbin/lvsctl"
/usr/sbin/lvsctl --help >/dev/null || fail "lvsctl --help"
systemd-analyze verify "$unit" || fail "systemd-analyze verify $unit"
ok "unit $unit passes systemd-analyze verify"
# deb-systemd-helper enables it even where systemd is not running.
wants=/etc/systemd/system/multi-user.target.wants/lvsd.service
[ -L "$wants" ] || fail "the unit is not enabled ($wants)"
ok "unit enabled"

conf=/etc/lvsd/lvsd.conf
dpkg-query -W -f='${Conffiles}\n' lvsd | grep -q " $conf " ||
	fail "$conf is not a conffile"
/usr/sbin/lvsd -t -f "$conf" 2>/dev/null || fail "the default $conf is not valid"
[ -f /usr/share/doc/lvsd/examples/lvsd.conf ] || fail "no example config"
/usr/sbin/lvsd -t -f /usr/share/doc/lvsd/examples/lvsd.conf >/dev/null 2>&1 ||
	true   # the example names eth0/eth1, which need not exist here
ok "conffile $conf, valid"

purge || fail "purge"
trap - EXIT
! dpkg-query -W -f='${Status}' lvsd 2>/dev/null | grep -q installed ||
	fail "lvsd still installed after purge"
left=""
while read -r p; do
	# Folders shared with other packages stay (also /lib, a link to
	# usr/lib on a merged /usr); lvsd's own must go.
	if [ -d "$p" ]; then
		case $p in
		*/lvsd|*/lvsd/*) [ ! -e "$p" ] || left="$left $p" ;;
		esac
	elif [ -e "$p" ] || [ -L "$p" ]; then
		left="$left $p"
	fi
done <"$files"
for p in /etc/lvsd "$wants" /var/lib/systemd/deb-systemd-helper-enabled/lvsd.service.dsh-also \
	/var/lib/systemd/deb-systemd-helper-enabled/multi-user.target.wants/lvsd.service; do
	[ ! -e "$p" ] && [ ! -L "$p" ] || left="$left $p"
done
[ -z "$left" ] || fail "left after purge:$left"
ok "purged: nothing of lvsd is left"
echo "deb-install: all checks passed"
