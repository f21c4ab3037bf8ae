/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The parent's pid file. */
#ifndef LVSD_PIDFILE_H
#define LVSD_PIDFILE_H

/*
 * Create `path` holding our pid.  A file left behind by an lvsd that is no
 * longer running is replaced; a live one makes this fail.  0 or -1 (logged).
 */
int pidfile_create(const char *path);
/* Remove `path` if it still holds our pid. */
void pidfile_remove(const char *path);

#endif
