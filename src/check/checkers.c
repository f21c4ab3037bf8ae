// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The checkers' registry (see checkers.h): which checks run, who consumes
 * their results, real server and virtual server verdicts, the log line and
 * event of every transition, notify and quorum scripts.
 */
#include "config.h"

#include <errno.h>
#include <malloc.h>
#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "check/checkers.h"
#include "check/probe.h"
#include "engine.h"
#include "ipc/event.h"
#include "ipc/msg.h"
#include "log.h"
#include "script.h"
#include "util.h"

#define SCRIPT_NOTIFY_TIMEOUT_S 60.0

struct vs_health;

struct rs_health {
	const struct cfg_real_server *rs;
	struct vs_health *vs;
	bool up;
	bool undecided;                         /* engine start: no verdict
						 * yet (transition.h) */
	int64_t weight;                         /* -1: configured */
	struct probe **probes;
	size_t n_probes, cap_probes;
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

/* "192.0.2.11:80": made when logged, not kept for 10,000 servers. */
static const char *
rs_name(const struct rs_health *r, char *buf, size_t len)
{
	addr_port_to_string(&r->rs->addr, r->rs->port, buf, len);
	return buf;
}

const char *
probe_name(const struct probe *p, char *buf, size_t len)
{
	char target[INET6_ADDRSTRLEN + 8];

	addr_port_to_string(&p->addr, p->port, target, sizeof(target));
	snprintf(buf, len, "%s %s", p->ops->name, target);
	return buf;
}

static const struct probe_ops *const ops_by_type[] = {
	[CHECK_TCP] = &probe_tcp_ops,
	[CHECK_HTTP] = &probe_http_ops,
	[CHECK_SSL] = &probe_ssl_ops,
	[CHECK_MISC] = &probe_misc_ops,
	[CHECK_UDP] = &probe_udp_ops,
	[CHECK_DNS] = &probe_dns_ops,
	[CHECK_PING] = &probe_ping_ops,
	[CHECK_FILE] = &probe_file_ops,
};

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
static bool
vs_update(struct checkers *c, struct vs_health *v, bool quiet)
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

static void
probe_schedule(struct probe *p, uint32_t ms)
{
	ev_timer_stop(p->loop, &p->timer);
	ev_timer_set(&p->timer, ms / 1000.0, 0.);
	ev_timer_start(p->loop, &p->timer);
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
	for (i = 0; i < PROBE_REASONS; i++) {
		if (st->fail[i].n == 0) {
			/* cut to the slot: a reason is a short phrase */
			size_t n = strnlen(reason,
			    sizeof(st->fail[i].reason) - 1);

			memcpy(st->fail[i].reason, reason, n);
			st->fail[i].reason[n] = '\0';
		}
		if (strncmp(st->fail[i].reason, reason,
		    sizeof(st->fail[i].reason) - 1) == 0) {
			st->fail[i].n++;
			return;
		}
	}
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

void
probe_done(struct probe *p, bool ok, int64_t weight, const char *fmt, ...)
{
	struct checkers *c = p->c;
	struct checker_step step;
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
	/* Kept on the heap, and only replaced when it changes. */
	new_reason = strcmp(buf, p->reason) != 0;
	if (new_reason) {
		free(p->reason);
		p->reason = xstrdup(buf);
	}
	probe_record(p, ok, buf);
	step = checker_fsm_result(&p->fsm, &p->timing, ok);
	if (ok)
		p->weight = weight;
	if (step.retrying)
		log_info("%s failed (%s); retry %u of %u in %u ms",
		    probe_name(p, name, sizeof(name)), p->reason,
		    p->fsm.retry_it, p->timing.retry, step.next_ms);
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
			vs_update(c, r->vs, false);
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

static void
on_probe_timer(struct ev_loop *loop, ev_timer *w, int revents)
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

/* -- building from a configuration --------------------------------------- */

struct want {                           /* one checker of one real server */
	uint8_t id[16];
	struct rs_health *rs;
	const struct cfg_checker *ck;
	const struct cfg_virtual_server *vs;
};

static int
cmp_want(const void *a, const void *b)
{
	return memcmp(((const struct want *)a)->id,
	    ((const struct want *)b)->id, 16);
}

static int
cmp_probe_id(const void *id, const void *elem)
{
	return memcmp(id, (*(struct probe *const *)elem)->id, 16);
}

/* The identity kept per check: 16 bytes, not the whole key text. */
static void
want_id(struct want *w, const struct lvsd_addr *a, uint16_t port)
{
	char *key = probe_key(w->ck, w->rs->rs, w->vs, a, port);
	unsigned int n = 0;

	if (EVP_Digest(key, strlen(key), w->id, &n, EVP_md5(), NULL) != 1)
		abort();
	free(key);
}

/* Arrays of pointers that are mostly one long: grow 1, 2, 4 ... */
static void
push_ptr(void ***arr, size_t *n, size_t *cap, void *p)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 1;
		*arr = xrealloc(*arr, *cap * sizeof(void *));
	}
	(*arr)[(*n)++] = p;
}

static void
probe_free(struct probe *p)
{
	if (p->running) {
		p->ops->cancel(p);
		p->c->in_flight--;
	}
	ev_timer_stop(p->loop, &p->timer);
	if (p->script != NULL) {
		script_queue_clear(p->script);
		free(p->script);
	}
	free(p->users);
	free(p->reason);
	free(p);
}

static struct probe *
probe_new(struct checkers *c, const struct want *w)
{
	struct probe *p = xcalloc(1, sizeof(*p));
	const struct cfg_checker *ck = w->ck;
	const struct cfg_real_server *rs = w->rs->rs;

	p->c = c;
	p->loop = c->loop;
	p->ops = ops_by_type[ck->type];
	memcpy(p->id, w->id, sizeof(p->id));
	p->addr = ck->common.connect_ip.af != 0 ? ck->common.connect_ip :
	    rs->addr;
	p->port = ck->common.connect_port != 0 ? ck->common.connect_port :
	    rs->port;
	p->weight = -1;
	/* At engine start the reconciler adopts the kernel's table. */
	if (c->cfg == NULL)
		checker_fsm_init_adopting(&p->fsm, ck->common.alpha);
	else
		checker_fsm_init(&p->fsm, ck->common.alpha);
	p->reason = xstrdup(ck->common.alpha ? "alpha: starts down" :
	    "starts up");
	ev_timer_init(&p->timer, on_probe_timer, 0., 0.);
	p->timer.data = p;
	/* Spread the first runs over warmup, as keepalived. */
	c->rng = c->rng * 1103515245u + 12345u;
	probe_schedule(p, checker_first_delay_ms(ck->common.warmup_ms,
	    c->rng >> 8));
	return p;
}

static void
probe_adopt(struct probe *p, const struct want *w, const struct lvsd_config *cfg)
{
	const struct cfg_checker *ck = w->ck;

	p->ck = ck;
	p->cfg = cfg;
	p->rs = w->rs->rs;
	p->vs = w->vs;
	p->timing.retry = ck->common.retry;
	p->timing.delay_loop_ms = ck->common.delay_loop_ms;
	p->timing.delay_before_retry_ms = ck->common.delay_before_retry_ms;
	p->timing.fast_recovery = ck->fast_recovery;
	p->n_users = 0;
}

/* Old virtual servers' quorum state by key, for a reload. */
static const struct vs_health *
old_vs(const struct checkers *c, const char *key)
{
	for (size_t i = 0; i < c->n_vs; i++)
		if (strcmp(c->vs[i].key, key) == 0)
			return &c->vs[i];
	return NULL;
}

static void
free_vs(struct vs_health *vs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < vs[i].n_rs; j++)
			free(vs[i].rs[j].probes);
		free(vs[i].rs);
	}
	free(vs);
}

/*
 * Every check in flight holds a socket: raise the descriptor limit to
 * what the checks need (root may raise the hard limit too, as keepalived
 * does), and keep the number in flight under what we got.
 */
static void
set_fd_limit(struct checkers *c, size_t n_probes)
{
	size_t want = (n_probes < MAX_IN_FLIGHT ? n_probes : MAX_IN_FLIGHT) +
	    256;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		rl.rlim_cur = rl.rlim_max = 1024;
	if (rl.rlim_cur < want) {
		struct rlimit up = rl;

		up.rlim_cur = want;
		if (up.rlim_max < want)
			up.rlim_max = want;
		if (setrlimit(RLIMIT_NOFILE, &up) == 0)
			rl = up;
		else if (rl.rlim_cur < rl.rlim_max) {
			rl.rlim_cur = rl.rlim_max;
			setrlimit(RLIMIT_NOFILE, &rl);
		}
	}
	c->max_in_flight = rl.rlim_cur > 256 + 64 ? rl.rlim_cur - 256 : 64;
	if (c->max_in_flight > MAX_IN_FLIGHT)
		c->max_in_flight = MAX_IN_FLIGHT;
}

void
checkers_apply(struct checkers *c, const struct lvsd_config *cfg)
{
	struct vs_health *vs = xcalloc(cfg->n_virtual_servers + 1, sizeof(*vs));
	struct want *wants = NULL;
	size_t n_wants = 0, cap_wants = 0, reused = 0, n_new = 0, cap_new = 0;
	struct probe **probes = NULL;

	(void)script_ctx_configure(&c->scripts, cfg->global.script_user,
	    cfg->global.script_group, cfg->global.enable_script_security);
	/* Every checker of every real server, with its identity. */
	for (size_t i = 0; i < cfg->n_virtual_servers; i++) {
		const struct cfg_virtual_server *cv = &cfg->virtual_servers[i];
		struct vs_health *v = &vs[i];

		v->vs = cv;
		config_vs_key(cv, v->key, sizeof(v->key));
		v->n_rs = cv->n_rs;
		v->rs = xcalloc(cv->n_rs + 1, sizeof(*v->rs));
		for (size_t j = 0; j < cv->n_rs; j++) {
			struct rs_health *r = &v->rs[j];

			r->rs = &cv->rs[j];
			r->vs = v;
			r->up = true;
			r->weight = -1;
			for (size_t k = 0; k < r->rs->n_checkers; k++) {
				const struct cfg_checker *ck =
				    &r->rs->checkers[k];
				struct lvsd_addr a = ck->common.connect_ip.af ?
				    ck->common.connect_ip : r->rs->addr;
				uint16_t port = ck->common.connect_port ?
				    ck->common.connect_port : r->rs->port;

				xgrow((void **)&wants, &cap_wants, n_wants,
				    sizeof(*wants));
				wants[n_wants] = (struct want){ { 0 }, r, ck,
					cv };
				want_id(&wants[n_wants++], &a, port);
			}
		}
	}
	if (n_wants > 0)         /* qsort must not see NULL */
		qsort(wants, n_wants, sizeof(*wants), cmp_want);

	/* One probe per distinct key: kept from before, or new. */
	for (size_t i = 0; i < n_wants; i++) {
		struct probe **old, *p;

		/* Sorted: a repeat of the last probe's identity. */
		if (n_new > 0 && memcmp(wants[i].id, probes[n_new - 1]->id,
		    16) == 0) {
			p = probes[n_new - 1];
		} else {
			old = c->n_probes > 0 ? bsearch(wants[i].id,
			    c->probes, c->n_probes, sizeof(*c->probes),
			    cmp_probe_id) : NULL;
			if (old != NULL && !(*old)->claimed) {
				p = *old;
				p->claimed = true;
				reused++;
			} else {
				p = probe_new(c, &wants[i]);
			}
			probe_adopt(p, &wants[i], cfg);
			push_ptr((void ***)&probes, &n_new, &cap_new, p);
		}
		push_ptr((void ***)&p->users, &p->n_users, &p->cap_users,
		    wants[i].rs);
		push_ptr((void ***)&wants[i].rs->probes, &wants[i].rs->n_probes,
		    &wants[i].rs->cap_probes, p);
	}
	free(wants);
	for (size_t i = 0; i < c->n_probes; i++)
		if (!c->probes[i]->claimed)
			probe_free(c->probes[i]);
	free(c->probes);
	c->probes = probes;
	c->n_probes = n_new;
	for (size_t i = 0; i < n_new; i++)
		probes[i]->claimed = false;

	/* Verdicts from the (kept or fresh) probes; quorum carried over. */
	for (size_t i = 0; i < cfg->n_virtual_servers; i++) {
		struct vs_health *v = &vs[i];
		const struct vs_health *o = old_vs(c, v->key);

		for (size_t j = 0; j < v->n_rs; j++) {
			struct rs_health *r = &v->rs[j];

			enum rs_state st = RS_UP;

			for (size_t k = 0; k < r->n_probes; k++) {
				st = rs_state_fold(st, &r->probes[k]->fsm);
				if (r->probes[k]->weight >= 0 && r->weight < 0)
					r->weight = r->probes[k]->weight;
			}
			r->up = st == RS_UP;
			r->undecided = st == RS_UNDECIDED;
		}
		if (o != NULL)
			v->quorum = o->quorum;
		else
			vs_quorum_init(&v->quorum);
		v->sorry_active = o != NULL && o->sorry_active;
		vs_update(c, v, o == NULL);
	}
	free_vs(c->vs, c->n_vs);
	/* TLS settings may have changed: contexts are rebuilt on demand (a
	 * connection in flight keeps its own reference). */
	for (size_t i = 0; i < 2; i++) {
		tls_ctx_free(c->ssl_ctx[i]);
		c->ssl_ctx[i] = NULL;
	}
	c->vs = vs;
	c->n_vs = cfg->n_virtual_servers;
	c->cfg = cfg;
	set_fd_limit(c, n_new);
	log_info("health checks: %zu running for %zu checkers (%zu kept from "
	    "before)", n_new, n_wants, reused);
	/* Give back what the previous state (and, at the first apply, the
	 * parent's memory the fork left behind) no longer uses. */
	malloc_trim(0);
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
	free_vs(c->vs, c->n_vs);
	tls_ctx_free(c->ssl_ctx[0]);
	tls_ctx_free(c->ssl_ctx[1]);
	script_ctx_shutdown(&c->scripts);
	free(c);
}
