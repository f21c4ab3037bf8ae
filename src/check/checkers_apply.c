// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * checkers_apply(): the probes a configuration asks for, one per distinct
 * check (identity: the MD5 of probe_key()), kept across a reload when
 * their definition did not change, and the real and virtual server
 * verdicts rebuilt from them.
 */
#include "config.h"

/*
 * The identity's MD5 comes from OpenSSL's one-shot MD5(), deprecated in
 * favour of EVP: EVP_Digest() would load OpenSSL's provider machinery,
 * 1.3 MB or more resident in an engine that checks only TCP (measured).
 * The digest is an identity, not a security matter.
 */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <malloc.h>
#include <openssl/md5.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "check/checkers_priv.h"
#include "log.h"
#include "util.h"

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

	(void)MD5((const unsigned char *)key, strlen(key), w->id);
	free(key);
}

/*
 * Arrays of pointers that are mostly one long: the first element lives in
 * `one` when given (no allocation: about 48 bytes less per checker), the
 * array then grows 2, 4 ... on the heap.  free_ptrs() frees it.
 */
static void
push_ptr(void ***arr, size_t *n, size_t *cap, void **one, void *p)
{
	if (*n == *cap && *cap == 0 && one != NULL) {
		*arr = one;
		*cap = 1;
	} else if (*n == *cap) {
		size_t grown = *cap ? *cap * 2 : 1;
		void **to = xmalloc(grown * sizeof(void *));

		if (*n > 0)
			memcpy(to, *arr, *n * sizeof(void *));
		if (*arr != one)
			free(*arr);
		*arr = to;
		*cap = grown;
	}
	(*arr)[(*n)++] = p;
}

static void
free_ptrs(void **arr, void **one)
{
	if (arr != one)
		free(arr);
}

void
probe_free(struct probe *p)
{
	if (p->running) {
		p->ops->cancel(p);
		p->c->in_flight--;
	}
	ev_timer_stop(probe_loop(p), &p->timer);
	if (p->ops == &probe_misc_ops && p->u.script != NULL) {
		script_queue_clear(p->u.script);
		free(p->u.script);
	}
	free_ptrs((void **)p->users, (void **)&p->user_one);
	probe_reason_free(p);
	free(p->st.fail);
	free(p);
}

/* 10,000 of them: a 240-byte malloc chunk on 64-bit (probe.h). */
_Static_assert(sizeof(struct probe) <= 232, "struct probe grew");
_Static_assert(sizeof(struct rs_health) <= 48, "struct rs_health grew");

static struct probe *
probe_new(struct checkers *c, const struct want *w)
{
	struct probe *p = xcalloc(1, sizeof(*p));
	const struct cfg_checker *ck = w->ck;
	const struct cfg_real_server *rs = w->rs->rs;

	p->c = c;
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
	probe_set_reason(p, ck->common.alpha ? "alpha: starts down" :
	    "starts up");
	ev_timer_init(&p->timer, probe_on_timer, 0., 0.);
	p->timer.data = p;
	/* Spread the first runs over warmup, as keepalived. */
	c->rng = c->rng * 1103515245u + 12345u;
	probe_schedule(p, checker_first_delay_ms(ck->common.warmup_ms,
	    c->rng >> 8));
	return p;
}

static void
probe_adopt(struct probe *p, const struct want *w)
{
	p->ck = w->ck;
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

void
vs_health_free(struct vs_health *vs, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < vs[i].n_rs; j++)
			free_ptrs((void **)vs[i].rs[j].probes,
			    (void **)&vs[i].rs[j].probe_one);
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
		size_t n_users, cap_users;

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
			probe_adopt(p, &wants[i]);
			push_ptr((void ***)&probes, &n_new, &cap_new, NULL,
			    p);
		}
		n_users = p->n_users;
		cap_users = p->cap_users;
		push_ptr((void ***)&p->users, &n_users, &cap_users,
		    (void **)&p->user_one, wants[i].rs);
		p->n_users = (uint32_t)n_users;    /* at most the real servers */
		p->cap_users = (uint32_t)cap_users;
		n_users = wants[i].rs->n_probes;
		cap_users = wants[i].rs->cap_probes;
		push_ptr((void ***)&wants[i].rs->probes, &n_users, &cap_users,
		    (void **)&wants[i].rs->probe_one, p);
		wants[i].rs->n_probes = (uint32_t)n_users;  /* its checkers */
		wants[i].rs->cap_probes = (uint32_t)cap_users;
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
		checkers_vs_update(c, v, o == NULL);
	}
	vs_health_free(c->vs, c->n_vs);
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
