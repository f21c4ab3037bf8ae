/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Optional libraries loaded with dlopen() when a feature is turned on
 * (metrics: libmicrohttpd; systemd's notifications: libsystemd), so that
 * an lvsd process that does not use them does not map them: each costs
 * every process a megabyte or more of resident pages from loading alone.
 */
#ifndef LVSD_DYNLIB_H
#define LVSD_DYNLIB_H

#include <stdbool.h>
#include <stddef.h>

/* One function of the library and where it goes in the caller's table of
 * function pointers. */
struct dynlib_sym {
	const char *name;
	size_t off;
};

/* Load `soname` (never closed) and fill the table `api` with its `n`
 * functions.  False, with one error line prefixed by `what`, when the
 * library or one of the functions is missing. */
bool dynlib_load(const char *what, const char *soname,
    const struct dynlib_sym *syms, size_t n, void *api);

#endif
