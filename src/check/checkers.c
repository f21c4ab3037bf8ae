// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The checkers' registry (see checkers.h): which checks run, who consumes
 * their results, real server and virtual server verdicts, the log line and
 * event of every transition, notify and quorum scripts.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check/checkers.h"
#include "check/checkers_priv.h"
#include "check/probe.h"
#include "check/probe_tcp_syn.h"
#include "engine.h"
#include "ipc/event.h"
#include "ipc/msg.h"
#include "log.h"
#include "script.h"
#include "util.h"

#define SCRIPT_NOTIFY_TIMEOUT_S 60.0

/* "192.0.2.11:80": made when logged, not kept for 10,000 servers. */
static const char *
rs_name(const struct rs_health *r, char *buf, size_t len)
{
	addr_port_to_string(&r->rs->addr, r->rs->port, buf, len);
	return buf;
}

struct ev_loop *
probe_loop(const struct probe *p)
{
	return p->c->loop;
}

const struct cfg_real_server *
probe_rs(const struct probe *p)
{
	return p->users[0]->rs;
}

const struct cfg_virtual_server *
probe_vs(const struct probe *p)
{
	return p->users[0]->vs->vs;
}

const char *
probe_name(const struct probe *p, char *buf, size_t len)
{
	char target[INET6_ADDRSTRLEN + 8];

	addr_port_to_string(&p->addr, p->port, target, sizeof(target));
	snprintf(buf, len, "%s %s", p->ops->name, target);
	return buf;
}

/* -- scripts: notify_up/down, quorum_up/down ----------------------------------- */

/* Run a notifier; `detach` when the engine exits before it ends. */
static void
run_script(struct checkers *c, const char *cmd, const char *tag, bool detach)
{
	if (cmd != NULL)
		(void)script_spawn(&c->scripts, tag, cmd, NULL,
		    SCRIPT_NOTIFY_TIMEOUT_S, detach);
}

static void
run_notify(struct checkers *c, const char *cmd, const char *tag)
{
	run_script(c, cmd, tag, false);
}

/* -- verdicts -------------------------------------------------------------- */

static uint64_t
alive_weight(const struct vs_health *v)
{
	uint64_t sum = 0;

	/* An undecided real server keeps the quorum it may be serving. */
	for (size_t i = 0; i < v->n_rs; i++)
		if (v->rs[i].up || v->rs[i].undecided)
			sum += v->rs[i].weight >= 0 ?
			    (uint64_t)v->rs[i].weight : v->rs[i].rs->weight;
	return sum;
}

/* Recompute quorum; true when the sorry server's state changed. */
bool
checkers_vs_update(struct checkers *c, struct vs_health *v, bool quiet)
{
	enum quorum_change q = vs_quorum_update(&v->quorum, v->vs->quorum,
	    v->vs->hysteresis, alive_weight(v));
	bool sorry = !v->quorum.up && v->vs->sorry_server != NULL;
	bool changed = sorry != v->sorry_active;
	char tag[200];

	v->sorry_active = sorry;
	if (q == QUORUM_SAME)
		return changed;
	log_info("virtual server %s: quorum %s (alive weight %llu, quorum %u, "
	    "hysteresis %u)%s", v->key, q == QUORUM_GAINED ? "gained" : "lost",
	    (unsigned long long)alive_weight(v), v->vs->quorum,
	    v->vs->hysteresis, changed ? (sorry ? "; sorry server in" :
	    "; sorry server out") : "");
	if (quiet)
		return changed;
	engine_send_event(c->e, IPC_EVT_VS_STATE, q == QUORUM_GAINED, 
	    q != QUORUM_GAINED, v->key, q == QUORUM_GAINED ? "quorum gained" :
	    "quorum lost");
	snprintf(tag, sizeof(tag), "%s %s", q == QUORUM_GAINED ? "quorum_up" :
	    "quorum_down", v->key);
	run_notify(c, q == QUORUM_GAINED ? v->vs->quorum_up :
	    v->vs->quorum_down, tag);
	return changed;
}

/* A probe of `r` changed: recompute the real server; true if it did. */
static bool
rs_update(struct checkers *c, struct rs_health *r, const struct probe *why)
{
	bool up = true;
	int64_t weight = -1;
	char object[IPC_EVENT_MAX_OBJECT], reason[400], tag[300], name[64],
	    pname[100];
	bool was_up = r->up, was_undecided = r->undecided;
	int64_t was_weight = r->weight;
	enum rs_state st = RS_UP;

	for (size_t i = 0; i < r->n_probes; i++) {
		st = rs_state_fold(st, &r->probes[i]->fsm);
		if (r->probes[i]->weight >= 0 && weight < 0)
			weight = r->probes[i]->weight;
	}
	up = st == RS_UP;
	r->up = up;
	r->undecided = st == RS_UNDECIDED;
	r->weight = weight;
	if (up == was_up && r->undecided != was_undecided) {
		/* Kept from the adopted table until now; alpha's first
		 * failure runs no notify_down, as a fresh start's. */
		snprintf(reason, sizeof(reason), "%s: %s", probe_name(why,
		    pname, sizeof(pname)), why->reason);
		rs_name(r, name, sizeof(name));
		snprintf(object, sizeof(object), "%s in %s", name, r->vs->key);
		log_info("virtual server %s: real server %s DOWN (%s; kept "
		    "from the adopted table until its first check)",
		    r->vs->key, name, reason);
		engine_send_event(c->e, IPC_EVT_RS_STATE, false, true, object,
		    reason);
		return true;
	}
	if (up == was_up && (weight == was_weight || !up))
		return false;   /* a down server's weight is nobody's business */
	snprintf(reason, sizeof(reason), "%s: %s", probe_name(why, pname,
	    sizeof(pname)), why->reason);
	rs_name(r, name, sizeof(name));
	snprintf(object, sizeof(object), "%s in %s", name, r->vs->key);
	if (up != was_up) {
		log_info("virtual server %s: real server %s %s (%s)%s",
		    r->vs->key, name, up ? "UP" : "DOWN", reason,
		    !up && r->rs->inhibit_on_failure > 0 ?
		    ", inhibited: weight 0" : "");
		engine_send_event(c->e, IPC_EVT_RS_STATE, up, was_up, object,
		    reason);
		snprintf(tag, sizeof(tag), "%s %s", up ? "notify_up" :
		    "notify_down", object);
		run_notify(c, up ? r->rs->notify_up : r->rs->notify_down, tag);
	} else {
		log_info("virtual server %s: real server %s weight %lld (%s)",
		    r->vs->key, name, (long long)(weight >= 0 ? weight :
		    (int64_t)r->rs->weight), reason);
	}
	return true;
}

void
probe_schedule(struct probe *p, uint32_t ms)
{
	ev_timer_stop(probe_loop(p), &p->timer);
	ev_timer_set(&p->timer, ms / 1000.0, 0.);
	ev_timer_start(probe_loop(p), &p->timer);
}

/* For lvsctl and metrics: the result, its duration, failures by reason. */
static void
probe_record(struct probe *p, bool ok, const char *reason)
{
	struct probe_stats *st = &p->st;
	struct timespec ts;
	size_t i;

	clock_gettime(CLOCK_REALTIME, &ts);
	st->has_result = true;
	st->last_ok = ok;
	st->last_ms = st->started > 0 ? (ev_time() - st->started) * 1000.0 : 0;
	st->last_wall_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (ok)
		return;
	for (i = 0; i < st->n_fail; i++) {
		if (strncmp(st->fail[i].reason, reason,
		    sizeof(st->fail[i].reason) - 1) == 0) {
			st->fail[i].n++;
			return;
		}
	}
	if (st->n_fail < PROBE_REASONS) {
		/* One slot per reason seen: a probe that times out now and
		 * then needs one (80 bytes), not all of them (576). */
		struct probe_fail_count *f;
		/* cut to the slot: a reason is a short phrase */
		size_t n = strnlen(reason, sizeof(f->reason) - 1);

		st->fail = xrealloc(st->fail, (st->n_fail + 1u) *
		    sizeof(*st->fail));
		f = &st->fail[st->n_fail++];
		memcpy(f->reason, reason, n);
		f->reason[n] = '\0';
		f->n = 1;
		return;
	}
	if (st->fail_other < UINT32_MAX)
		st->fail_other++;
}

void
checkers_each_probe(struct checkers *c, const struct cfg_virtual_server *vs,
    const struct cfg_real_server *rs,
    void (*fn)(void *arg, const struct probe *p), void *arg)
{
	size_t i, j, k;

	for (i = 0; c != NULL && i < c->n_vs; i++) {
		if (c->vs[i].vs != vs)
			continue;
		for (j = 0; j < c->vs[i].n_rs; j++) {
			if (c->vs[i].rs[j].rs != rs)
				continue;
			for (k = 0; k < c->vs[i].rs[j].n_probes; k++)
				fn(arg, c->vs[i].rs[j].probes[k]);
		}
	}
}

/* The usual reasons are shared constants, not one allocation per checker
 * (32 bytes each, 10,000 checkers that pass). */
static const char *const common_reasons[] = {
	"starts up", "alpha: starts down", "connected", "SYN-ACK received",
	"status 200", "exit code 0",
};
#define N_COMMON_REASONS (sizeof(common_reasons) / sizeof(common_reasons[0]))

void
probe_reason_free(struct probe *p)
{
	for (size_t i = 0; i < N_COMMON_REASONS; i++)
		if (p->reason == common_reasons[i])
			return;
	free((char *)p->reason);
}

void
probe_set_reason(struct probe *p, const char *reason)
{
	if (p->reason != NULL)
		probe_reason_free(p);
	for (size_t i = 0; i < N_COMMON_REASONS; i++)
		if (strcmp(reason, common_reasons[i]) == 0) {
			p->reason = common_reasons[i];
			return;
		}
	p->reason = xstrdup(reason);
}

void
probe_done(struct probe *p, bool ok, int64_t weight, const char *fmt, ...)
{
	struct checkers *c = p->c;
	struct checker_step step;
	struct checker_timing timing;
	bool weight_changed = weight != p->weight && ok;
	bool was_undecided = !p->fsm.up && !checker_fsm_holds_down(&p->fsm);
	va_list ap;

	char buf[512], name[100];
	bool new_reason;

	p->running = false;
	c->in_flight--;
	c->deferring = false;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* Only replaced when it changes. */
	new_reason = strcmp(buf, p->reason) != 0;
	if (new_reason)
		probe_set_reason(p, buf);
	probe_record(p, ok, buf);
	/* From the running checker: probe_adopt() keeps p->ck current. */
	timing = (struct checker_timing){
		.retry = p->ck->common.retry,
		.delay_loop_ms = p->ck->common.delay_loop_ms,
		.delay_before_retry_ms = p->ck->common.delay_before_retry_ms,
		.fast_recovery = p->ck->fast_recovery,
	};
	step = checker_fsm_result(&p->fsm, &timing, ok);
	if (ok)
		p->weight = weight;
	if (step.retrying)
		log_info("%s failed (%s); retry %u of %u in %u ms",
		    probe_name(p, name, sizeof(name)), p->reason,
		    p->fsm.retry_it, timing.retry, step.next_ms);
	else if (!ok && !step.changed && (p->ck->common.log_all_failures ||
	    new_reason))
		/* Still down, for a new reason (or every time if asked). */
		log_info("%s failed (%s)", probe_name(p, name, sizeof(name)),
		    p->reason);
	probe_schedule(p, step.next_ms);
	if (!step.changed && !weight_changed && !was_undecided)
		return;
	for (size_t i = 0; i < p->n_users; i++) {
		struct rs_health *r = p->users[i];

		if (rs_update(c, r, p)) {
			checkers_vs_update(c, r->vs, false);
			if (c->changed != NULL)
				c->changed(c->changed_arg, r->vs->vs);
		}
	}
}

bool
probe_local_error(int err)
{
	return err == EMFILE || err == ENFILE || err == ENOBUFS ||
	    err == ENOMEM;
}

void
probe_defer(struct probe *p, int err)
{
	struct checkers *c = p->c;
	char name[100], e[128];

	p->running = false;
	c->in_flight--;
	if (!c->deferring)
		log_warn("%s not run now (%s); checks wait until this "
		    "machine has resources again", probe_name(p, name,
		    sizeof(name)), probe_strerror(err, e, sizeof(e)));
	c->deferring = true;
	c->rng = c->rng * 1103515245u + 12345u;
	probe_schedule(p, 100 + (c->rng >> 8) % 100);
}

void
probe_on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct probe *p = w->data;

	(void)loop;
	(void)revents;
	if (p->running)
		return;
	if (p->c->in_flight >= p->c->max_in_flight) {
		p->c->rng = p->c->rng * 1103515245u + 12345u;
		probe_schedule(p, IN_FLIGHT_WAIT_MS +
		    (p->c->rng >> 8) % IN_FLIGHT_WAIT_MS);
		return;
	}
	if (p->c->started >= STARTS_PER_ITERATION) {
		p->c->rng = p->c->rng * 1103515245u + 12345u;
		probe_schedule(p, 1 + (p->c->rng >> 8) % 10);
		return;
	}
	p->c->started++;
	p->running = true;
	p->c->in_flight++;
	p->st.started = ev_time();
	p->ops->start(p);
}

static void
on_iteration(struct ev_loop *loop, ev_prepare *w, int revents)
{
	struct checkers *c = w->data;

	(void)loop;
	(void)revents;
	c->started = 0;
}

/* -- the health_view for the reconciler ----------------------------------- */

static struct vs_health *
find_vs(struct checkers *c, const struct cfg_virtual_server *vs)
{
	size_t i;

	if (c->cfg == NULL || c->n_vs == 0 ||
	    vs < c->cfg->virtual_servers ||
	    vs >= c->cfg->virtual_servers + c->cfg->n_virtual_servers)
		return NULL;
	i = (size_t)(vs - c->cfg->virtual_servers);
	return i < c->n_vs && c->vs[i].vs == vs ? &c->vs[i] : NULL;
}

static void
view_rs_verdict(void *arg, const struct cfg_virtual_server *vs,
    const struct cfg_real_server *rs, struct rs_verdict *out)
{
	struct vs_health *v = find_vs(arg, vs);
	const struct rs_health *r = NULL;

	out->up = true;
	out->inhibit = false;
	out->undecided = false;
	out->weight = -1;
	if (v == NULL)
		return;
	if (rs >= vs->rs && rs < vs->rs + vs->n_rs)
		r = &v->rs[rs - vs->rs];
	if (r == NULL)
		return;
	/* Without quorum the sorry server serves alone, as keepalived. */
	out->up = r->up && !v->sorry_active;
	out->weight = r->weight;
	out->inhibit = !out->up && rs->inhibit_on_failure > 0;
	out->undecided = !r->up && r->undecided;
}

static bool
view_sorry_active(void *arg, const struct cfg_virtual_server *vs)
{
	struct vs_health *v = find_vs(arg, vs);

	return v != NULL && v->sorry_active;
}

void *
checkers_ssl_ctx(struct checkers *c, bool verify)
{
	if (c->ssl_ctx[verify] == NULL)
		c->ssl_ctx[verify] = tls_ctx_new(c->cfg, verify);
	return c->ssl_ctx[verify];
}

struct script_ctx *
checkers_scripts(struct checkers *c)
{
	return &c->scripts;
}

struct syn_engine **
checkers_syn(struct checkers *c)
{
	return &c->syn;
}

/* -- life cycle -------------------------------------------------------------- */

struct checkers *
checkers_new(struct engine *e, checkers_changed_fn changed, void *arg)
{
	struct checkers *c = xcalloc(1, sizeof(*c));

	c->e = e;
	c->loop = e->loop;
	c->changed = changed;
	c->changed_arg = arg;
	c->view.arg = c;
	c->view.rs_verdict = view_rs_verdict;
	c->view.sorry_active = view_sorry_active;
	c->rng = (unsigned)time(NULL) ^ (unsigned)getpid();
	c->max_in_flight = 64;
	script_ctx_init(&c->scripts, c->loop);
	ev_prepare_init(&c->iteration, on_iteration);
	c->iteration.data = c;
	ev_prepare_start(c->loop, &c->iteration);
	ev_unref(c->loop);      /* it alone must not keep the loop running */
	return c;
}

const struct health_view *
checkers_view(struct checkers *c)
{
	return &c->view;
}

void
checkers_stop(struct checkers *c)
{
	char tag[300], name[64];

	for (size_t i = 0; c != NULL && i < c->n_vs; i++) {
		const struct vs_health *v = &c->vs[i];

		if (!v->vs->omega)
			continue;
		for (size_t j = 0; j < v->n_rs; j++) {
			if (!v->rs[j].up)
				continue;
			snprintf(tag, sizeof(tag), "notify_down %s in %s "
			    "(omega)", rs_name(&v->rs[j], name, sizeof(name)),
			    v->key);
			run_script(c, v->rs[j].rs->notify_down, tag, true);
		}
		if (v->quorum.up) {
			snprintf(tag, sizeof(tag), "quorum_down %s (omega)",
			    v->key);
			run_script(c, v->vs->quorum_down, tag, true);
		}
	}
}

void
checkers_free(struct checkers *c)
{
	if (c == NULL)
		return;
	ev_ref(c->loop);
	ev_prepare_stop(c->loop, &c->iteration);
	for (size_t i = 0; i < c->n_probes; i++)
		probe_free(c->probes[i]);
	free(c->probes);
	vs_health_free(c->vs, c->n_vs);
	tls_ctx_free(c->ssl_ctx[0]);
	tls_ctx_free(c->ssl_ctx[1]);
	syn_engine_free(c->syn);        /* after the probes: none in flight */
	script_ctx_shutdown(&c->scripts);
	free(c);
}
