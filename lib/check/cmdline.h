/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A script's command line (misc_path, notify_up, quorum_up ...) split into
 * argv as keepalived does: words separated by blanks, "double" and
 * 'single' quotes group, a backslash escapes the next character.  No shell
 * is involved.
 */
#ifndef LVSD_CHECK_CMDLINE_H
#define LVSD_CHECK_CMDLINE_H

#include <stddef.h>

/* A NULL-terminated argv in one allocation (free() it), or NULL when the
 * line is empty or a quote is not closed. */
char **cmdline_split(const char *line, size_t *argc);

#endif
