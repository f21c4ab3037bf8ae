/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The parent's context, shared by parent.c (configuration, reload,
 * shutdown) and supervise.c (forking, watching and restarting engines).
 */
#ifndef LVSD_PARENT_CTX_H
#define LVSD_PARENT_CTX_H

#include <ev.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "ipc/channel.h"
#include "parent.h"
#include "restart_policy.h"

struct engine_role;
struct lvsd_config;
struct parent_ctx;

#define STOP_TIMEOUT 5.0            /* s engines get to exit on shutdown */
#define ANSWER_TIMEOUT 30.0         /* s engines get to answer a config */
#define WATCHDOG_INTERVAL 2.0       /* s between PINGs to an engine */
#define WATCHDOG_TIMEOUT 10.0       /* s without a PONG: the engine is hung */

enum engine_kind { ENGINE_VRRP, ENGINE_CHECK, N_ENGINES };

struct engine_child {
	struct parent_ctx *parent;
	const struct engine_role *role;
	char name[24];                  /* "vrrp engine", for logs */
	bool wanted;                    /* config and command line want it */
	pid_t pid;                      /* 0 when not running */
	ev_tstamp started_at;
	struct ipc_channel channel;
	ev_child exit_watcher;
	ev_timer restart_timer;         /* active while waiting to restart */
	ev_timer watchdog;              /* PINGs while the engine runs */
	ev_tstamp last_pong;            /* or the start time */
	uint32_t ping_seq;
	struct restart_policy restart;  /* delays, give-up count */
	bool awaiting_answer;           /* counted in parent_ctx.awaiting */
};

struct parent_ctx {
	const struct parent_options *opts;
	struct ev_loop *loop;
	ev_signal sighup, sigterm, sigint;
	ev_timer stop_timer;            /* bounds the wait for engines to exit */
	ev_timer answer_timer;          /* bounds the wait for config answers */
	struct engine_child engines[N_ENGINES];

	/* The running configuration and the exact bytes it was parsed
	 * from, which every engine (also a restarted one) is sent.  The
	 * parent keeps only what it decides with (which engines run), not
	 * the parsed model: the engines have their own, and at 10,000 real
	 * servers the model is 10 MB (doc/benchmarks.md). */
	struct lvsd_config *config;     /* NULL: not kept */
	size_t n_vrrp_instances, n_virtual_servers;
	uint8_t *bundle;
	size_t bundle_len;
	uint32_t generation;            /* 1 at start, +1 per good reload */

	unsigned awaiting;              /* engines yet to answer `generation` */
	bool answer_failed;             /* one of them answered CFG_FAILED */
	bool reload_pending;            /* SIGHUP while a push was in flight */
	unsigned stop_rounds;           /* stop_timer expiries so far */
	bool stopping;
	int exit_code;
};

/* -- supervise.c ---------------------------------------------------------- */

void engine_child_init(struct engine_child *e, struct parent_ctx *p,
    const struct engine_role *role);
/* Fork the engine and queue the running configuration to it. */
bool engine_child_start(struct engine_child *e);
/* Queue the running configuration (CFG_BEGIN, CFG_CHUNK..., CFG_END). */
bool engine_child_send_config(struct engine_child *e);
/* Ask a running engine to exit (STOP, or SIGTERM without a channel). */
void engine_child_stop(struct engine_child *e);
bool engine_child_running(const struct engine_child *e);
bool engine_child_restart_pending(const struct engine_child *e);
void engine_child_cancel_restart(struct engine_child *e);
/* In a freshly forked engine: drop the parent's watchers and fds. */
void engine_child_forget(struct engine_child *e);

/* -- parent.c: what supervise.c reports ----------------------------------- */

/* An engine answered CFG_APPLIED, or CFG_FAILED with the reasons. */
void parent_engine_answered(struct parent_ctx *p, struct engine_child *e,
    uint32_t generation, bool applied, const char *text, size_t text_len);
/* An engine was reaped (after its restart, if any, was scheduled). */
void parent_engine_exited(struct parent_ctx *p, struct engine_child *e);
void parent_shutdown(struct parent_ctx *p, int exit_code);
/* In a freshly forked engine: release everything the parent held. */
void parent_forget(struct parent_ctx *p);

#endif
