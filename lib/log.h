/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Logging for every lvsd process: syslog by default, stderr with -l.
 *
 * Each process calls log_init() once with its role name ("parent", "vrrp",
 * "check"); lines carry that name so one syslog stream can be split by role.
 * log_debug() lines are emitted only with -D (log_set_detail(true)).
 */
#ifndef LVSD_LOG_H
#define LVSD_LOG_H

#include <stdbool.h>

void log_init(const char *role, bool to_stderr, bool detail);
/* Change only the role tag, e.g. in a freshly forked child. */
void log_set_role(const char *role);
bool log_detail(void);

void log_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Log at error level and exit(code): for "cannot go on" in a child. */
void fatalx(int code, const char *fmt, ...)
	__attribute__((format(printf, 2, 3), noreturn));

#endif
