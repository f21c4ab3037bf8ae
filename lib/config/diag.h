/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Diagnostics found while reading a configuration.
 *
 * Each one renders as `FILE:LINE:COL: error: MESSAGE` (or `warning:`), the
 * format compilers use, so editors and operators' eyes can jump to it.
 */
#ifndef LVSD_CONFIG_DIAG_H
#define LVSD_CONFIG_DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

enum diag_severity { DIAG_WARNING, DIAG_ERROR };

struct diag {
	enum diag_severity severity;
	char *file;       /* may be NULL for problems with no position */
	unsigned line, col;
	char *message;
};

struct diag_list {
	struct diag *items;
	size_t n, cap;
	size_t n_errors, n_warnings;
};

void diag_init(struct diag_list *dl);
void diag_free(struct diag_list *dl);
void diag_add(struct diag_list *dl, enum diag_severity sev, const char *file,
    unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void diag_vadd(struct diag_list *dl, enum diag_severity sev, const char *file,
    unsigned line, unsigned col, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));
/* One line per diagnostic into buf (no trailing newline). */
void diag_format(const struct diag *d, char *buf, size_t len);
void diag_print(const struct diag_list *dl, FILE *out);

#endif
