// SPDX-License-Identifier: GPL-2.0-or-later
/* Desired state: configuration + verdicts -> kernel objects (desired.h). */
#include "config.h"

#include <arpa/inet.h>
#include <linux/ip_vs.h>
#include <stdlib.h>
#include <string.h>

#include "ipvs/desired.h"
#include "util.h"

static int
addr_cmp(const struct lvsd_addr *a, const struct lvsd_addr *b)
{
	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	if (a->af == AF_INET)
		return memcmp(&a->u.v4, &b->u.v4, sizeof(a->u.v4));
	if (a->af == AF_INET6)
		return memcmp(&a->u.v6, &b->u.v6, sizeof(a->u.v6));
	return 0;
}

int
ipvs_service_key_cmp(const struct ipvs_service_key *a,
    const struct ipvs_service_key *b)
{
	int c;

	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	if (a->fwmark != b->fwmark)
		return a->fwmark < b->fwmark ? -1 : 1;
	if (a->fwmark != 0)
		return 0;
	if (a->protocol != b->protocol)
		return a->protocol < b->protocol ? -1 : 1;
	if ((c = addr_cmp(&a->addr, &b->addr)) != 0)
		return c;
	return a->port < b->port ? -1 : a->port > b->port;
}

int
ipvs_dest_key_cmp(const struct ipvs_dest_key *a,
    const struct ipvs_dest_key *b)
{
	int c = addr_cmp(&a->addr, &b->addr);

	if (c != 0)
		return c;
	return a->port < b->port ? -1 : a->port > b->port;
}

static uint32_t
kernel_fwd(enum lvs_fwd f)
{
	switch (f) {
	case LVS_FWD_DR: return IP_VS_CONN_F_DROUTE;
	case LVS_FWD_TUN: return IP_VS_CONN_F_TUNNEL;
	default: return IP_VS_CONN_F_MASQ;
	}
}

/* The verdict for a real server; everyone is up without a health view. */
static void
verdict(const struct health_view *hv, const struct cfg_virtual_server *vs,
    const struct cfg_real_server *rs, struct rs_verdict *v)
{
	v->up = true;
	v->inhibit = false;
	v->undecided = false;
	v->weight = -1;
	if (hv != NULL && hv->rs_verdict != NULL)
		hv->rs_verdict(hv->arg, vs, rs, v);
}

/*
 * Without a checker's word, the sorry server stands in when the real
 * servers that are up weigh less than the quorum (keepalived's rule; a
 * service with no real server at all gets its sorry server).
 */
static bool
sorry_active(const struct health_view *hv,
    const struct cfg_virtual_server *vs)
{
	uint64_t alive = 0;

	if (vs->sorry_server == NULL)
		return false;
	if (hv != NULL && hv->sorry_active != NULL)
		return hv->sorry_active(hv->arg, vs);
	for (size_t i = 0; i < vs->n_rs; i++)
		alive += vs->rs[i].weight;
	return alive < vs->quorum;
}

static void
fill_dest(struct desired_dest *dd, const struct cfg_virtual_server *vs,
    const struct cfg_real_server *rs, uint16_t svc_port, uint32_t weight)
{
	enum lvs_fwd f = rs->fwd != LVS_FWD_UNSET ? rs->fwd : vs->fwd;

	memset(dd, 0, sizeof(*dd));
	dd->rs = rs;
	dd->pos = rs->pos;
	dd->d.key.addr = rs->addr;
	/* A group service's real server without a port takes the entry's. */
	dd->d.key.port = rs->port != 0 ? rs->port : svc_port;
	dd->d.fwd = kernel_fwd(f);
	dd->d.weight = weight;
	dd->d.u_thresh = rs->uthreshold;
	dd->d.l_thresh = rs->lthreshold;
	if (f == LVS_FWD_TUN) {
		dd->d.tun_type = rs->tun.type;
		dd->d.tun_port = rs->tun.port;
		dd->d.tun_flags = rs->tun.flags;
	}
}

static int
dest_cmp(const void *a, const void *b)
{
	const struct desired_dest *x = a, *y = b;

	return ipvs_dest_key_cmp(&x->d.key, &y->d.key);
}

/* The destinations of one kernel service of `vs`. */
static void
build_dests(struct desired_service *ds, const struct cfg_virtual_server *vs,
    const struct health_view *hv)
{
	bool sorry = sorry_active(hv, vs);
	size_t n = 0, cap = vs->n_rs + 1;

	ds->dests = xcalloc(cap, sizeof(*ds->dests));
	for (size_t i = 0; i < vs->n_rs; i++) {
		const struct cfg_real_server *rs = &vs->rs[i];
		struct rs_verdict v;
		uint32_t w;
		bool undecided = false;

		verdict(hv, vs, rs, &v);
		if (v.up && !sorry)
			w = v.weight >= 0 ? (uint32_t)v.weight : rs->weight;
		else if (!v.up && v.undecided && !sorry) {
			undecided = true;
			w = rs->weight;
		} else if (!v.up && v.inhibit)
			w = 0;
		else
			continue;
		fill_dest(&ds->dests[n], vs, rs, ds->s.key.port, w);
		ds->dests[n++].if_present = undecided;
	}
	if (vs->sorry_server != NULL && (sorry || vs->sorry_server_inhibit)) {
		struct desired_dest *dd = &ds->dests[n];

		fill_dest(dd, vs, vs->sorry_server, ds->s.key.port,
		    sorry ? vs->sorry_server->weight : 0);
		dd->sorry = true;
		n++;
	}
	sort_if_needed(ds->dests, n, sizeof(*ds->dests), dest_cmp);
	/* The sorry server may also be a real server: one destination. */
	for (size_t i = 1; i < n; i++) {
		if (ipvs_dest_key_cmp(&ds->dests[i - 1].d.key,
		    &ds->dests[i].d.key) == 0) {
			memmove(&ds->dests[i], &ds->dests[i + 1],
			    (n - i - 1) * sizeof(*ds->dests));
			n--;
			i--;
		}
	}
	ds->n_dests = n;
}

static void
fill_service(struct desired_service *ds, const struct cfg_virtual_server *vs)
{
	struct ipvs_service *s = &ds->s;

	snprintf(s->sched, sizeof(s->sched), "%s", vs->sched);
	s->flags = vs->sched_flags;
	if (vs->ops)
		s->flags |= IP_VS_SVC_F_ONEPACKET;
	s->timeout = vs->persistence_timeout;
	if (s->timeout != 0)
		s->flags |= IP_VS_SVC_F_PERSISTENT;
	if (vs->persistence_granularity != 0) {
		unsigned len = vs->persistence_granularity;

		if (s->key.af == AF_INET)
			s->netmask = htonl(len >= 32 ? 0xffffffffu :
			    ~(0xffffffffu >> len));
		else
			s->netmask = len;
	}
}

struct builder {
	struct desired_table *t;
	size_t cap;
};

static struct desired_service *
push_service(struct builder *b, const struct cfg_virtual_server *vs,
    const struct cfg_pos *pos)
{
	struct desired_service *ds;

	if (b->t->n_svcs == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 16;
		b->t->svcs = xrealloc(b->t->svcs, b->cap * sizeof(*ds));
	}
	ds = &b->t->svcs[b->t->n_svcs++];
	memset(ds, 0, sizeof(*ds));
	ds->vs = vs;
	ds->pos = *pos;
	return ds;
}

static void
add_vs(struct builder *b, const struct cfg_virtual_server *vs)
{
	struct desired_service *ds;

	if (vs->group == NULL) {
		ds = push_service(b, vs, &vs->pos);
		ds->s.key.af = vs->af;
		if (vs->is_fwmark) {
			ds->s.key.fwmark = vs->fwmark;
		} else {
			ds->s.key.protocol = vs->protocol;
			ds->s.key.addr = vs->addr;
			ds->s.key.port = vs->port;
		}
		fill_service(ds, vs);
		return;
	}
	for (size_t i = 0; i < vs->group->n_entries; i++) {
		const struct cfg_vsg_entry *e = &vs->group->entries[i];

		if (e->is_fwmark) {
			ds = push_service(b, vs, &e->pos);
			ds->s.key.af = e->af;
			ds->s.key.fwmark = e->fwmark;
			fill_service(ds, vs);
			continue;
		}
		for (uint32_t k = 0; k < e->count; k++) {
			ds = push_service(b, vs, &e->pos);
			ds->s.key.af = e->af;
			ds->s.key.protocol = vs->protocol;
			config_vsg_addr(e, k, &ds->s.key.addr);
			ds->s.key.port = e->port;
			fill_service(ds, vs);
		}
	}
}

static int
service_cmp(const void *a, const void *b)
{
	const struct desired_service *x = a, *y = b;
	int c = ipvs_service_key_cmp(&x->s.key, &y->s.key);

	/* Equal keys keep configuration order: the first one wins. */
	if (c != 0)
		return c;
	if (x->vs != y->vs)
		return x->vs < y->vs ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Drop the later of two services with one key, and say so. */
static void
drop_conflicts(struct desired_table *t)
{
	size_t out = 0, cap = 0;

	for (size_t i = 0; i < t->n_svcs; i++) {
		struct desired_service *ds = &t->svcs[i];
		struct desired_conflict *c;

		if (out > 0 && ipvs_service_key_cmp(&t->svcs[out - 1].s.key,
		    &ds->s.key) == 0) {
			if (t->n_conflicts == cap) {
				cap = cap ? 2 * cap : 4;
				t->conflicts = xrealloc(t->conflicts,
				    cap * sizeof(*c));
			}
			c = &t->conflicts[t->n_conflicts++];
			c->pos = ds->pos;
			c->first = t->svcs[out - 1].pos;
			ipvs_service_key_format(&ds->s.key, c->key,
			    sizeof(c->key));
			free(ds->dests);
			continue;
		}
		t->svcs[out++] = *ds;
	}
	t->n_svcs = out;
}

void
desired_build(struct desired_table *t, const struct lvsd_config *cfg,
    const struct cfg_virtual_server *vs, const struct health_view *hv)
{
	struct builder b = { t, 0 };

	memset(t, 0, sizeof(*t));
	/* Every service, even for one virtual server: which of two
	 * services with one key wins depends on the whole file. */
	for (size_t i = 0; i < cfg->n_virtual_servers; i++)
		add_vs(&b, &cfg->virtual_servers[i]);
	sort_if_needed(t->svcs, t->n_svcs, sizeof(*t->svcs), service_cmp);
	drop_conflicts(t);
	if (vs != NULL) {
		size_t out = 0;

		for (size_t i = 0; i < t->n_svcs; i++)
			if (t->svcs[i].vs == vs)
				t->svcs[out++] = t->svcs[i];
		t->n_svcs = out;
		t->n_conflicts = 0;
	}
	for (size_t i = 0; i < t->n_svcs; i++)
		build_dests(&t->svcs[i], t->svcs[i].vs, hv);
}

void
desired_free(struct desired_table *t)
{
	for (size_t i = 0; i < t->n_svcs; i++)
		free(t->svcs[i].dests);
	free(t->svcs);
	free(t->conflicts);
	memset(t, 0, sizeof(*t));
}

const struct desired_service *
desired_find(const struct desired_table *t, const struct ipvs_service_key *k)
{
	size_t lo = 0, hi = t->n_svcs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = ipvs_service_key_cmp(&t->svcs[mid].s.key, k);

		if (c == 0)
			return &t->svcs[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
