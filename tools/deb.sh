#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the Debian package from a clean copy of the tree (the files git
# knows, as they are in the work tree, so uncommitted edits are included;
# nothing of _build/ or an earlier build):
#   sh tools/deb.sh            ->  _build/deb/lvsd_VERSION_ARCH.deb
# Needs debhelper and the build dependencies (tools/deps.sh).  The package's
# own build runs the unit tests; DEB_BUILD_OPTIONS=nocheck skips them.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/_build/deb
cd "$top"
git rev-parse --git-dir >/dev/null 2>&1 ||
	{ echo "deb.sh: needs a git checkout (it copies the files git knows)" >&2
	exit 1; }
version=$(dpkg-parsechangelog -S Version)
src=$out/src/lvsd-$version
rm -rf "$out"
mkdir -p "$src"
# Tracked and new (not ignored) files that exist in the work tree.
# shellcheck disable=SC2016 # "$f" is for the inner sh
git ls-files -z --cached --others --exclude-standard |
	xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\n" "$f"; done' sh |
	tar -cf - -T - | tar -xf - -C "$src"
cd "$src"
dpkg-buildpackage -us -uc -b >"$out/build.log" 2>&1 ||
	{ tail -n 40 "$out/build.log" >&2
	echo "deb.sh: dpkg-buildpackage failed; the whole log: $out/build.log" >&2
	exit 1; }
# dpkg-buildpackage writes next to the source folder.
mv "$out"/src/*.deb "$out"/src/*.changes "$out"/src/*.buildinfo "$out"/
ls "$out"/*.deb
