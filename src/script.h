/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Running scripts from an engine's libev loop, the one runner of both
 * engines: vrrp_script checks, VRRP notify scripts, MISC_CHECK and the
 * checkers' notify_up/down and quorum_up/down.
 *
 * Each owner (an instance's notify scripts, one vrrp_script, one checker)
 * has a script_queue: its runs happen in the order they were asked for,
 * never two at once, so notify scripts see the state changes in order.
 * A run is fork + exec (no shell) in a process group of its own, as the
 * configured user, with stdin on /dev/null and stdout/stderr logged
 * (bounded); a timeout kills the whole group.  The exit is collected with
 * ev_child, which is why the engines run libev's default loop.  A run
 * that nobody waits for (script_spawn) starts at once, outside any queue.
 */
#ifndef LVSD_SCRIPT_H
#define LVSD_SCRIPT_H

#include <ev.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Who a script runs as. */
struct script_identity {
	uid_t uid;
	gid_t gid;
	char name[64];                  /* for the supplementary groups */
};

/* One per engine: the defaults and the runs nobody waits for any more. */
struct script_ctx {
	struct ev_loop *loop;
	struct script_identity default_user;
	bool security;                  /* enable_script_security */
	bool warned_insecure;
	struct script_run *detached;    /* killed, waiting to be reaped */
};

enum script_outcome {
	SCRIPT_EXITED,                  /* status: the exit code */
	SCRIPT_SIGNALED,                /* status: the signal */
	SCRIPT_TIMED_OUT,               /* killed by us after the timeout */
	SCRIPT_NOT_RUN,                 /* refused or could not start */
};

struct script_result {
	enum script_outcome outcome;
	int status;
	char why[512];                  /* SCRIPT_NOT_RUN: the reason */
};

typedef void script_done_fn(void *arg, const struct script_result *r);

struct script_job;

struct script_queue {
	struct script_ctx *ctx;
	char owner[96];                 /* log prefix: "VI_1 notify" */
	struct script_job *first, *last;
	struct script_run *running;
	ev_timer kick;                  /* starts the first run of a push */
};

/* Default user: `user`/`group` (script_user), else keepalived's
 * "keepalived_script" user when it exists, else root. */
void script_ctx_init(struct script_ctx *ctx, struct ev_loop *loop);
bool script_ctx_configure(struct script_ctx *ctx, const char *user,
    const char *group, bool security);
/* Kill every run still going (engine stop). */
void script_ctx_shutdown(struct script_ctx *ctx);

/* Resolve a user (and group, NULL: the user's) to ids; false after
 * logging when one does not exist. */
bool script_identity_lookup(const char *user, const char *group,
    struct script_identity *id);

void script_queue_init(struct script_queue *q, struct script_ctx *ctx,
    const char *owner);
/*
 * Queue a run of `cmdline` followed by the `extra` arguments; it starts at
 * once when nothing of this queue runs.  `who` NULL: the default user.
 * `timeout` in seconds, 0: none.  `done` (may be NULL) gets the result;
 * it is never called from inside this function.  False (after logging,
 * and `done` is never called) when the command line cannot be split.
 */
bool script_queue_push(struct script_queue *q, const char *cmdline,
    const char *const *extra, size_t n_extra,
    const struct script_identity *who, double timeout,
    script_done_fn *done, void *arg);
bool script_queue_busy(const struct script_queue *q);
/*
 * Start a run at once, in no queue and with no callback (notify scripts
 * that may overlap).  With `outlive`, script_ctx_shutdown leaves it
 * running (omega's notifiers at engine stop); otherwise it is killed
 * there like a queue's.  False (after logging) when it cannot start.
 */
bool script_spawn(struct script_ctx *ctx, const char *owner,
    const char *cmdline, const struct script_identity *who, double timeout,
    bool outlive);
/* Drop the waiting runs and kill the running one; no callbacks.  Call it
 * before freeing a queue, and never free a queue from its own `done`. */
void script_queue_clear(struct script_queue *q);

/* "exited with status 1", "killed by signal 9", "timed out", "not run:
 * WHY". */
const char *script_result_text(const struct script_result *r, char *buf,
    size_t len);
static inline bool
script_result_ok(const struct script_result *r)
{
	return r->outcome == SCRIPT_EXITED && r->status == 0;
}

/*
 * Why running `path` as `uid` is unsafe, or NULL: as root, no component
 * of its path may be writable by another user (keepalived's
 * enable_script_security rule).  Sticky world-writable directories
 * (/tmp) are accepted: their entries can only be replaced by their owner.
 */
const char *script_path_insecure(const char *path, uid_t uid, char *buf,
    size_t len);
/* Find argv[0] in PATH like execvp; false when there is no such
 * executable. */
bool script_find_program(const char *name, char *out, size_t len);

#endif
