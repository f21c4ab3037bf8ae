/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Scripts of the check engine (MISC_CHECK, notify_up/down, quorum_up/down):
 * fork and exec on the engine's loop, never through a shell.  Each runs in
 * its own process group as its user; at its timeout the whole group is
 * killed.  Its output (stdout and stderr) is read and logged, at most
 * SCRIPT_MAX_OUTPUT bytes of it; the rest is drained and dropped.
 */
#ifndef LVSD_CHECK_CHECK_SCRIPT_H
#define LVSD_CHECK_CHECK_SCRIPT_H

#include <ev.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "config/config.h"

#define SCRIPT_MAX_OUTPUT 1024u

struct script;

/*
 * How it ended: exit status (0..255) with timed_out false, or killed at
 * the timeout (timed_out), or -1 and `error` when it could not start.
 */
struct script_result {
	int exit_code;
	int signal;                     /* killed by it, or 0 */
	bool timed_out;
	const char *error;              /* could not run: why */
};

typedef void (*script_done_fn)(void *arg, const struct script_result *res);

/* Who a script runs as: `user` (the checker's), else global script_user,
 * else keepalived_script when it exists, else root, which
 * enable_script_security refuses.  False with a reason when it cannot. */
bool script_resolve_user(const struct cfg_global *g, const char *user,
    const char *group, uid_t *uid, gid_t *gid, char *why, size_t whylen);

/*
 * Run `cmdline` (split as cmdline.h says).  `tag` prefixes its output in
 * the log.  `done` (may be NULL) is called once, unless script_cancel()
 * comes first.  timeout_ms 0: none.  Returns NULL after calling nothing
 * when it cannot start; *why says why.
 */
struct script *script_run(struct ev_loop *loop, const char *cmdline,
    uid_t uid, gid_t gid, uint32_t timeout_ms, const char *tag,
    script_done_fn done, void *arg, char *why, size_t whylen);

/* Kill the script's process group and forget it (no callback). */
void script_cancel(struct script *s);

/* Forget the script without killing it: the engine is exiting and the
 * script should still run (omega's notifiers). */
void script_detach(struct script *s);

#endif
