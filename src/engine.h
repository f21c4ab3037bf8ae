/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The skeleton every engine process shares: its own libev loop, the
 * channel to the parent, receiving and parsing configuration bundles, and
 * a clean exit.  What an engine does with a configuration is its role's
 * business (vrrp/vrrp_engine.c, check/check_engine.c).
 */
#ifndef LVSD_ENGINE_H
#define LVSD_ENGINE_H

#include <ev.h>
#include <stdint.h>
#include <sys/types.h>

#include "config/diff.h"
#include "ipc/channel.h"

struct engine;

struct engine_role {
	const char *name;               /* "vrrp", "check": log tag */
	const char *process_name;       /* comm shown by ps, <= 15 chars */
	/*
	 * Make the role's state match `cfg`.  `prev` is the configuration
	 * applied before (NULL the first time): the role diffs the two
	 * (config/diff.h) and touches only what changed, so a reload does
	 * not disturb unchanged instances or virtual servers.  Both stay
	 * valid during the call; `prev` is freed after it.
	 */
	void (*apply)(struct engine *e, const struct lvsd_config *prev,
	    const struct lvsd_config *cfg);
	/* Release what the role owns before a clean exit (may be NULL). */
	void (*stop)(struct engine *e);
};

struct engine_rx {                      /* a bundle being received */
	bool active;
	uint32_t generation;
	uint8_t *buf;
	size_t len, want;
	char *top_path;
};

/* The engine process's context. */
struct engine {
	const struct engine_role *role;
	struct ev_loop *loop;
	struct ipc_channel parent;
	ev_signal sigterm;
	struct engine_rx rx;
	struct lvsd_config *running;    /* NULL until the first bundle */
	uint32_t generation;            /* of `running` */
	int exit_code;
	void *role_ctx;                 /* the role's own context */
	unsigned flags;                 /* ENGINE_F_* from the command line */
};

/* Command-line choices an engine needs (the parent's options). */
enum {
	ENGINE_F_DONT_RELEASE_VRRP = 1 << 0, /* -V: keep VIPs on exit */
	ENGINE_F_DONT_RELEASE_IPVS = 1 << 1, /* -I: keep the IPVS table */
};

/*
 * Run the engine in a child just forked by the parent, which has already
 * dropped the parent's watchers and destroyed its default loop; `fd` is the
 * engine's end of the socketpair.  Never returns.
 */
void engine_main(const struct engine_role *role, int fd, pid_t parent_pid,
    unsigned flags) __attribute__((noreturn));

/*
 * Tell the parent about a state change (ipc/event.h): `type` is one of
 * IPC_EVT_*, `object` names what changed, `reason` says why (may be NULL).
 */
void engine_send_event(struct engine *e, uint16_t type, uint32_t state,
    uint32_t prev_state, const char *object, const char *reason);

/* "added", "removed", "changed": for the roles' logs of a diff. */
const char *engine_change_verb(enum cfg_change change);

#endif
