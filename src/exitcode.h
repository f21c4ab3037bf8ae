/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Exit codes of lvsd and of its engines; the parent reads an engine's
 * code to decide whether restarting it can help.
 */
#ifndef LVSD_EXITCODE_H
#define LVSD_EXITCODE_H

enum lvsd_exit {
	LVSD_EXIT_OK = 0,
	/* Cannot run: no pid file, fork failed, out of resources.  Also
	 * what `lvsd -t` returns for an invalid configuration. */
	LVSD_EXIT_FATAL = 1,
	/* The configuration is unusable: the daemon at start, an engine that
	 * cannot parse the bundle it was sent, the parent after an engine
	 * failed that way RESTART_CONFIG_EXIT_LIMIT times in a row. */
	LVSD_EXIT_CONFIG = 2,
	/* Bad command line. */
	LVSD_EXIT_USAGE = 3,
};

#endif
