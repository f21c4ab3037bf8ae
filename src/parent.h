/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The parent process: loads and validates the configuration, supervises
 * the engines (vrrp, check), hands them the configuration over framed
 * messages and coordinates reloads.  It owns no kernel state itself.
 */
#ifndef LVSD_PARENT_H
#define LVSD_PARENT_H

#include <stdbool.h>

struct parent_options {
	const char *config_path;
	const char *pid_path;
	bool dont_fork;
	bool log_console;
	bool log_detail;
	bool run_vrrp;          /* false with -C alone */
	bool run_check;         /* false with -P alone */
	const char *config_id;  /* -i: for `@ID` lines; NULL: host name */
	bool lenient;           /* --lenient */
	bool dont_release_vrrp; /* -V: the vrrp engine keeps its VIPs */
	bool dont_release_ipvs; /* -I: the check engine keeps the IPVS table */
};

/* Run until SIGTERM/SIGINT or a fatal error; returns an LVSD_EXIT_* code.
 * Logging must already be set up (log_init). */
int parent_run(const struct parent_options *opts);

#endif
