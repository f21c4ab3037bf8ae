/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Command lines of scripts (vrrp_script, notify_*, MISC_CHECK) split into
 * an argument vector the way keepalived does: blanks separate words, double
 * or single quotes group them, a backslash takes the next character as it
 * is (not inside single quotes).  No shell is involved: a command that
 * wants pipes or tests says `/bin/sh -c "..."` itself.
 */
#ifndef LVSD_SCRIPT_ARGV_H
#define LVSD_SCRIPT_ARGV_H

#include <stddef.h>

/*
 * Split `cmdline` and append the words of `extra` (n_extra strings, taken
 * as they are: the generic notify script's arguments).  Returns a
 * NULL-terminated vector in one allocation (free() it once), or NULL with
 * *err set to a static message when the line is empty or a quote is left
 * open.
 */
char **script_argv_split(const char *cmdline, const char *const *extra,
    size_t n_extra, const char **err);

size_t script_argv_count(char *const *argv);

#endif
