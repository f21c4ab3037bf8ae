/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Detaching from the terminal, with the start-up result reported back. */
#ifndef LVSD_DAEMON_H
#define LVSD_DAEMON_H

#include <stdbool.h>

/*
 * Fork, setsid, fork; chdir to /; stdin and stdout (and stderr unless
 * keep_stderr) to /dev/null.  The process that called this does not return:
 * it waits for the daemon's daemon_ready() and exits with the code given
 * there, so `lvsd` fails visibly when the daemon cannot start.  Returns, in
 * the daemon, the fd to pass to daemon_ready(), or -1 (errno set).
 */
int daemon_detach(bool keep_stderr);
/* Report start-up success (LVSD_EXIT_OK) or failure; -1 fd: no-op. */
void daemon_ready(int fd, int exit_code);

#endif
