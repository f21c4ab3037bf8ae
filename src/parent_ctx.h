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
#include "net/addr.h"
#include "notify.h"
#include "parent.h"
#include "restart_policy.h"

struct ctl_server;
struct metrics;
struct engine_role;
struct json_object;
struct lvsd_config;
struct parent_ctx;

#define STOP_TIMEOUT 5.0            /* s engines get to exit on shutdown */
#define ANSWER_TIMEOUT 30.0         /* s engines get to answer a config */
#define WATCHDOG_INTERVAL 2.0       /* s between PINGs to an engine */
#define WATCHDOG_TIMEOUT 10.0       /* s without a PONG: the engine is hung */

enum engine_kind { ENGINE_VRRP, ENGINE_CHECK, N_ENGINES };

/* How the last start or reload ended, for systemd's STATUS= (notify.c). */
enum reload_result { RELOAD_OK, RELOAD_INCOMPLETE, RELOAD_FAILED };

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
	uint64_t restarts;              /* unplanned exits restarted */
};

struct parent_ctx {
	const struct parent_options *opts;
	struct ev_loop *loop;
	ev_signal sighup, sigterm, sigint;
	ev_timer stop_timer;            /* bounds the wait for engines to exit */
	ev_timer answer_timer;          /* bounds the wait for config answers */
	struct engine_child engines[N_ENGINES];

	/* The running configuration and the exact bytes it was parsed
	 * from.  The parsed model is kept only while a generation is being
	 * pushed: an engine started then inherits it through fork; once
	 * every engine answered it is freed (it is the parent's largest
	 * allocation), and an engine restarted later is sent the bundle. */
	struct lvsd_config *config;
	uint8_t *bundle;
	size_t bundle_len;
	size_t n_vrrp_instances;        /* counts of the running generation */
	size_t n_virtual_servers;
	uint32_t generation;            /* 1 at start, +1 per good reload */

	unsigned awaiting;              /* engines yet to answer `generation` */
	bool answer_failed;             /* one of them answered CFG_FAILED */
	bool reload_pending;            /* SIGHUP while a push was in flight */
	unsigned stop_rounds;           /* stop_timer expiries so far */
	bool stopping;
	int exit_code;

	/* lvsctl (ctl_server.c) and what it reports */
	struct ctl_server *ctl;         /* NULL: no control socket */
	uint32_t reload_seq;            /* reload attempts so far */
	uint64_t reloads_ok, reloads_failed;
	int64_t last_reload_ms;         /* wall clock, 0: never */
	bool last_reload_ok;
	uint64_t ipvs_repairs;          /* EVT_IPVS_REPAIR counts, summed */
	struct metrics *metrics;        /* NULL: no /metrics */
	struct notify_api notify;       /* .notify NULL: not under systemd */
	bool last_load_ok;              /* the last parse of the file */
	struct json_object *load_diags; /* its diagnostics, one string each */
	/* global_defs the parent needs after the parse (read at start) */
	char *ctl_socket_cfg, *ctl_group_cfg;
	struct lvsd_addr metrics_address;
	uint16_t metrics_port;
	enum reload_result last_reload;
	size_t last_reload_errors;      /* errors of a reload that failed */
	bool ready_sent;                /* READY=1 sent: startup is over */
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

/* -- parent.c: what lvsctl asks for --------------------------------------- */

/* Reload now, or after the push in flight; ctl_reload_done() follows. */
void parent_request_reload(struct parent_ctx *p);
/* Validate `path` as the parent would load it; diagnostics appended to
 * the json array `diags`.  True when it has no error. */
bool parent_check_file(struct parent_ctx *p, const char *path,
    struct json_object *diags);

#endif
