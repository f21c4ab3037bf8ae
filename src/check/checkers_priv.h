/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What checkers.c (running checks, verdicts, scripts) and checkers_apply.c
 * (building the probes from a configuration) share; nothing else includes
 * it.
 */
#ifndef LVSD_CHECK_CHECKERS_PRIV_H
#define LVSD_CHECK_CHECKERS_PRIV_H

#include <ev.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "check/checkers.h"
#include "check/probe.h"
#include "check/transition.h"
#include "script.h"

struct vs_health;

/* One per real server (10,000 of them): 48 bytes on 64-bit. */
struct rs_health {
	const struct cfg_real_server *rs;
	struct vs_health *vs;
	struct probe **probes;                  /* &probe_one, or the heap */
	struct probe *probe_one;                /* the usual only one */
	uint32_t n_probes, cap_probes;
	int32_t weight;                         /* -1: configured (<= 65535) */
	bool up;
	bool undecided;                         /* engine start: no verdict
						 * yet (transition.h) */
};

struct vs_health {
	const struct cfg_virtual_server *vs;
	char key[128];
	struct rs_health *rs;
	size_t n_rs;
	struct vs_quorum quorum;
	bool sorry_active;
};

struct checkers {
	struct engine *e;
	struct ev_loop *loop;
	checkers_changed_fn changed;
	void *changed_arg;
	struct health_view view;
	const struct lvsd_config *cfg;
	struct vs_health *vs;
	size_t n_vs;
	struct probe **probes;                  /* sorted by key */
	size_t n_probes;
	void *ssl_ctx[2];                       /* plain, verifying */
	unsigned rng;
	size_t in_flight;                       /* checks started, not done */
	size_t max_in_flight;
	bool deferring;                         /* logged a probe_defer */
	ev_prepare iteration;                   /* resets `started` */
	size_t started;                         /* checks started this loop
						 * iteration */
	struct script_ctx scripts;              /* notify and MISC_CHECK */
	struct syn_engine *syn;                 /* TCP_CHECK half_open */
};

/*
 * At most this many checks start per loop iteration; the rest start a
 * few milliseconds later.  Without it, 10,000 checks due at once make
 * one iteration so long on a slow machine that the engine misses the
 * parent's watchdog PING.
 */
#define STARTS_PER_ITERATION 256u

/*
 * At most this many checks in flight: past it a check waits a little
 * instead of adding to an overload (thousands of connects a second on a
 * slow machine) in which every check would time out.  Each probe has at
 * most one check in flight, so this only bites beyond 4,096 checkers.
 */
#define MAX_IN_FLIGHT 4096u
#define IN_FLIGHT_WAIT_MS 20u

/* Re-evaluate quorum and the sorry server of `v`; true if it changed.
 * `quiet`: a new virtual server, no transition to log. */
bool checkers_vs_update(struct checkers *c, struct vs_health *v, bool quiet);
/* Run `p` again in `ms`. */
void probe_schedule(struct probe *p, uint32_t ms);
/* A probe's timer: start its check (or wait under overload). */
void probe_on_timer(struct ev_loop *loop, ev_timer *w, int revents);
/* Cancel what is in flight and free `p`. */
void probe_free(struct probe *p);
/* p->reason: a shared constant for the usual ones, else on the heap. */
void probe_set_reason(struct probe *p, const char *reason);
void probe_reason_free(struct probe *p);
void vs_health_free(struct vs_health *vs, size_t n);

#endif
