// SPDX-License-Identifier: GPL-2.0-or-later
/* The planner: kernel table vs desired state -> ordered requests (plan.h). */
#include "config.h"

#include <linux/ip_vs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipvs/plan.h"
#include "util.h"

/* -- the kernel table --------------------------------------------------- */

struct kernel_service *
kernel_table_add_service(struct kernel_table *t, const struct ipvs_service *s)
{
	struct kernel_service *ks;

	xgrow((void **)&t->svcs, &t->cap_svcs, t->n_svcs + 1, sizeof(*ks));
	ks = &t->svcs[t->n_svcs++];
	memset(ks, 0, sizeof(*ks));
	ks->s = *s;
	return ks;
}

void
kernel_table_add_dest(struct kernel_table *t,
    const struct ipvs_service_key *svc, const struct ipvs_dest *d)
{
	struct kernel_service *ks = NULL;

	/* The dump reports a service's dests right after it. */
	if (t->n_svcs > 0 &&
	    ipvs_service_key_equal(&t->svcs[t->n_svcs - 1].s.key, svc))
		ks = &t->svcs[t->n_svcs - 1];
	else
		for (size_t i = 0; i < t->n_svcs && ks == NULL; i++)
			if (ipvs_service_key_equal(&t->svcs[i].s.key, svc))
				ks = &t->svcs[i];
	if (ks == NULL)
		return;
	xgrow((void **)&ks->dests, &ks->cap_dests, ks->n_dests + 1,
	    sizeof(*d));
	ks->dests[ks->n_dests++] = *d;
}

static int
ks_cmp(const void *a, const void *b)
{
	const struct kernel_service *x = a, *y = b;

	return ipvs_service_key_cmp(&x->s.key, &y->s.key);
}

static int
kd_cmp(const void *a, const void *b)
{
	const struct ipvs_dest *x = a, *y = b;

	return ipvs_dest_key_cmp(&x->key, &y->key);
}

void
kernel_table_sort(struct kernel_table *t)
{
	/* qsort() wants a valid pointer even for 0 elements. */
	if (t->n_svcs > 0)
		qsort(t->svcs, t->n_svcs, sizeof(*t->svcs), ks_cmp);
	for (size_t i = 0; i < t->n_svcs; i++)
		if (t->svcs[i].n_dests > 0)
			qsort(t->svcs[i].dests, t->svcs[i].n_dests,
			    sizeof(*t->svcs[i].dests), kd_cmp);
}

const struct kernel_service *
kernel_table_find(const struct kernel_table *t,
    const struct ipvs_service_key *k)
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

void
kernel_table_free(struct kernel_table *t)
{
	for (size_t i = 0; i < t->n_svcs; i++)
		free(t->svcs[i].dests);
	free(t->svcs);
	memset(t, 0, sizeof(*t));
}

void
kernel_table_copy(struct kernel_table *dst, const struct kernel_table *src)
{
	memset(dst, 0, sizeof(*dst));
	if (src->n_svcs == 0)
		return;
	dst->svcs = xcalloc(src->n_svcs, sizeof(*dst->svcs));
	dst->n_svcs = dst->cap_svcs = src->n_svcs;
	for (size_t i = 0; i < src->n_svcs; i++) {
		const struct kernel_service *s = &src->svcs[i];
		struct kernel_service *d = &dst->svcs[i];

		d->s = s->s;
		d->n_dests = d->cap_dests = s->n_dests;
		if (s->n_dests > 0) {
			d->dests = xmalloc(s->n_dests * sizeof(*d->dests));
			memcpy(d->dests, s->dests,
			    s->n_dests * sizeof(*d->dests));
		}
	}
}

static struct kernel_service *
find_mut(struct kernel_table *t, const struct ipvs_service_key *k)
{
	return (struct kernel_service *)(uintptr_t)kernel_table_find(t, k);
}

static void
apply_dest_op(struct kernel_table *t, const struct plan_op *op)
{
	struct kernel_service *ks = find_mut(t, &op->svc.key);
	size_t j;

	if (ks == NULL)
		return;
	for (j = 0; j < ks->n_dests; j++)
		if (ipvs_dest_key_equal(&ks->dests[j].key, &op->dest.key))
			break;
	switch (op->kind) {
	case PLAN_DEL_DEST:
		if (j < ks->n_dests) {
			memmove(&ks->dests[j], &ks->dests[j + 1],
			    (ks->n_dests - j - 1) * sizeof(*ks->dests));
			ks->n_dests--;
		}
		break;
	case PLAN_EDIT_DEST:
	case PLAN_ADD_DEST:
		if (j == ks->n_dests) {
			xgrow((void **)&ks->dests, &ks->cap_dests,
			    ks->n_dests + 1, sizeof(*ks->dests));
			memset(&ks->dests[j], 0, sizeof(ks->dests[j]));
			ks->n_dests++;
		}
		{
			struct ipvs_dest d = op->dest;

			d.active_conns = ks->dests[j].active_conns;
			d.inact_conns = ks->dests[j].inact_conns;
			d.persist_conns = ks->dests[j].persist_conns;
			ks->dests[j] = d;
		}
		break;
	default:
		break;
	}
}

void
kernel_table_apply(struct kernel_table *t, const struct plan *p,
    const bool *failed)
{
	size_t out = 0, n = t->n_svcs;
	bool *gone = xcalloc(n + 1, sizeof(*gone));

	/* Services first: edits and deletions (marked) while the table is
	 * sorted, then additions appended, then sorted again so that the
	 * dest requests find their services. */
	for (size_t i = 0; i < p->n_ops; i++) {
		const struct plan_op *op = &p->ops[i];
		struct kernel_service *ks;

		if (failed[i] || (op->kind != PLAN_EDIT_SERVICE &&
		    op->kind != PLAN_DEL_SERVICE))
			continue;
		ks = find_mut(t, &op->svc.key);
		if (ks == NULL)
			continue;
		if (op->kind == PLAN_EDIT_SERVICE)
			ks->s = op->svc;
		else
			gone[ks - t->svcs] = true;
	}
	/* The plan adds only services the table does not have. */
	for (size_t i = 0; i < p->n_ops; i++)
		if (!failed[i] && p->ops[i].kind == PLAN_ADD_SERVICE)
			kernel_table_add_service(t, &p->ops[i].svc);
	for (size_t i = 0; i < t->n_svcs; i++) {
		if (i < n && gone[i]) {
			free(t->svcs[i].dests);
			continue;
		}
		t->svcs[out++] = t->svcs[i];
	}
	t->n_svcs = out;
	free(gone);
	kernel_table_sort(t);
	for (size_t i = 0; i < p->n_ops; i++)
		if (!failed[i] && (p->ops[i].kind == PLAN_DEL_DEST ||
		    p->ops[i].kind == PLAN_EDIT_DEST ||
		    p->ops[i].kind == PLAN_ADD_DEST))
			apply_dest_op(t, &p->ops[i]);
	kernel_table_sort(t);
}

/* -- planning ------------------------------------------------------------- */

static struct plan_op *
push(struct plan *p, enum plan_kind kind, enum plan_reason reason)
{
	struct plan_op *op;

	xgrow((void **)&p->ops, &p->cap, p->n_ops + 1, sizeof(*op));
	op = &p->ops[p->n_ops++];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->reason = reason;
	op->svc_op = SIZE_MAX;
	return op;
}

static bool
owned(const struct plan_input *in, const struct ipvs_service_key *k)
{
	size_t lo = 0, hi = in->n_owned;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = ipvs_service_key_cmp(&in->owned[mid], k);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

static const struct plan_drain *
find_drain(const struct plan_input *in, const struct ipvs_service_key *svc,
    const struct ipvs_dest_key *d)
{
	for (size_t i = 0; i < in->n_drains; i++)
		if (ipvs_service_key_equal(&in->drains[i].svc, svc) &&
		    ipvs_dest_key_equal(&in->drains[i].dest, d))
			return &in->drains[i];
	return NULL;
}

/* A kernel dest desired state does not have: delete, or drain. */
static void
plan_unwanted_dest(struct plan *p, const struct plan_input *in,
    const struct desired_service *ws, const struct kernel_service *ks,
    const struct ipvs_dest *hd)
{
	const struct plan_drain *dr = find_drain(in, &ks->s.key, &hd->key);
	struct plan_op *op;
	enum plan_reason r = PLAN_R_UNWANTED;

	if (dr != NULL) {
		if (hd->active_conns == 0)
			r = PLAN_R_DRAIN_DONE;
		else if (in->now - dr->since >= in->drain_timeout)
			r = PLAN_R_DRAIN_TIMEOUT;
		else if (hd->weight != 0) {
			op = push(p, PLAN_EDIT_DEST, PLAN_R_DRAIN_START);
			op->svc = ks->s;
			op->dest = *hd;
			op->dest.weight = 0;
			op->want_svc = ws;
			op->have_svc = ks;
			op->have_dest = hd;
			return;
		} else
			return;         /* still draining */
	}
	op = push(p, PLAN_DEL_DEST, r);
	op->svc = ks->s;
	op->dest = *hd;
	op->want_svc = ws;
	op->have_svc = ks;
	op->have_dest = hd;
}

/* Merge one service's dests, both sorted by key. */
static void
plan_dests(struct plan *p, const struct plan_input *in,
    const struct desired_service *ws, const struct kernel_service *ks,
    size_t svc_op)
{
	size_t i = 0, j = 0, nh = ks != NULL ? ks->n_dests : 0;
	struct plan_op *op;

	/* Deletions first: a weight moved between dests never overshoots
	 * a threshold, and a drained dest leaves before new ones come. */
	while (i < ws->n_dests || j < nh) {
		int c = i >= ws->n_dests ? 1 : j >= nh ? -1 :
		    ipvs_dest_key_cmp(&ws->dests[i].d.key, &ks->dests[j].key);

		if (c > 0)
			plan_unwanted_dest(p, in, ws, ks, &ks->dests[j]);
		if (c >= 0)
			j++;
		if (c <= 0)
			i++;
	}
	for (i = 0, j = 0; i < ws->n_dests; i++) {
		const struct desired_dest *wd = &ws->dests[i];
		const struct ipvs_dest *hd = NULL;

		while (j < nh && ipvs_dest_key_cmp(&ks->dests[j].key,
		    &wd->d.key) < 0)
			j++;
		if (j < nh && ipvs_dest_key_cmp(&ks->dests[j].key,
		    &wd->d.key) == 0)
			hd = &ks->dests[j];
		/* Undecided: the kernel's entry stays as it is, or absent. */
		if (wd->if_present || (hd != NULL &&
		    ipvs_dest_equal(hd, &wd->d)))
			continue;
		op = push(p, hd != NULL ? PLAN_EDIT_DEST : PLAN_ADD_DEST,
		    hd != NULL ? PLAN_R_DIFFERS : PLAN_R_MISSING);
		op->svc = ws->s;
		op->dest = wd->d;
		op->want_svc = ws;
		op->want_dest = wd;
		op->have_svc = ks;
		op->have_dest = hd;
		op->svc_op = svc_op;
	}
}

static void
plan_service(struct plan *p, const struct plan_input *in,
    const struct desired_service *ws, const struct kernel_service *ks)
{
	size_t svc_op = SIZE_MAX;
	struct plan_op *op;

	if (ks == NULL || !ipvs_service_equal(&ks->s, &ws->s)) {
		svc_op = p->n_ops;
		op = push(p, ks != NULL ? PLAN_EDIT_SERVICE : PLAN_ADD_SERVICE,
		    ks != NULL ? PLAN_R_DIFFERS : PLAN_R_MISSING);
		op->svc = ws->s;
		op->want_svc = ws;
		op->have_svc = ks;
		op->svc_op = svc_op;
		/* Only a service just added makes its dests depend on it. */
		if (ks != NULL)
			svc_op = SIZE_MAX;
	}
	plan_dests(p, in, ws, ks, svc_op);
}

void
plan_build(struct plan *p, const struct plan_input *in)
{
	const struct desired_table *want = in->want;
	const struct kernel_table *have = in->have;

	size_t est = want->n_svcs;

	memset(p, 0, sizeof(*p));
	/* Room for one op per desired object, what a start or a reload of
	 * every weight needs: not 12 reallocations of a growing array of
	 * 11,000 ops.  More (deletes) still grow it. */
	for (size_t i = 0; i < want->n_svcs; i++)
		est += want->svcs[i].n_dests;
	if (est > 0) {
		/* xgrow() keeps one spare slot. */
		p->cap = est + 1;
		p->ops = xmalloc(p->cap * sizeof(*p->ops));
	}
	if (!in->scoped) {
		for (size_t j = 0; j < have->n_svcs; j++) {
			const struct kernel_service *ks = &have->svcs[j];
			struct plan_op *op;
			bool mine = owned(in, &ks->s.key);

			if (desired_find(want, &ks->s.key) != NULL)
				continue;
			if (in->keep_foreign && !mine)
				continue;
			op = push(p, PLAN_DEL_SERVICE, mine ? PLAN_R_REMOVED :
			    PLAN_R_FOREIGN);
			op->svc = ks->s;
			op->have_svc = ks;
		}
	}
	for (size_t i = 0; i < want->n_svcs; i++)
		plan_service(p, in, &want->svcs[i],
		    kernel_table_find(have, &want->svcs[i].s.key));
}

void
plan_free(struct plan *p)
{
	free(p->ops);
	memset(p, 0, sizeof(*p));
}

const char *
plan_kind_name(enum plan_kind k)
{
	switch (k) {
	case PLAN_DEL_SERVICE: return "deleted service";
	case PLAN_ADD_SERVICE: return "added service";
	case PLAN_EDIT_SERVICE: return "edited service";
	case PLAN_DEL_DEST: return "deleted real server";
	case PLAN_EDIT_DEST: return "edited real server";
	case PLAN_ADD_DEST: return "added real server";
	}
	return "?";
}

static const char *
fwd_name(uint32_t fwd)
{
	switch (fwd & IP_VS_CONN_F_FWD_MASK) {
	case IP_VS_CONN_F_MASQ: return "NAT";
	case IP_VS_CONN_F_DROUTE: return "DR";
	case IP_VS_CONN_F_TUNNEL: return "TUN";
	default: return "other";
	}
}

/* The first field that differs, as "FIELD HAVE -> WANT". */
static void
describe_service(const struct ipvs_service *want,
    const struct ipvs_service *have, char *buf, size_t len)
{
	if (strcmp(want->sched, have->sched) != 0)
		snprintf(buf, len, "scheduler %s -> %s",
		    have->sched[0] ? have->sched : "none", want->sched);
	else if (want->timeout != have->timeout)
		snprintf(buf, len, "persistence %u -> %u",
		    have->timeout, want->timeout);
	else if ((want->flags | IP_VS_SVC_F_PERSISTENT) !=
	    (have->flags | IP_VS_SVC_F_PERSISTENT))
		snprintf(buf, len, "flags 0x%x -> 0x%x", have->flags,
		    want->flags);
	else if (want->netmask != have->netmask)
		snprintf(buf, len, "netmask 0x%x -> 0x%x",
		    have->netmask, want->netmask);
	else
		snprintf(buf, len, "settings differ");
}

static void
describe_dest(const struct ipvs_dest *want, const struct ipvs_dest *have,
    char *buf, size_t len)
{
	if (want->weight != have->weight)
		snprintf(buf, len, "weight %u -> %u", have->weight,
		    want->weight);
	else if ((want->fwd & IP_VS_CONN_F_FWD_MASK) !=
	    (have->fwd & IP_VS_CONN_F_FWD_MASK))
		snprintf(buf, len, "method %s -> %s",
		    fwd_name(have->fwd), fwd_name(want->fwd));
	else if (want->u_thresh != have->u_thresh ||
	    want->l_thresh != have->l_thresh)
		snprintf(buf, len, "thresholds %u/%u -> %u/%u",
		    have->u_thresh, have->l_thresh, want->u_thresh,
		    want->l_thresh);
	else
		snprintf(buf, len, "tunnel settings differ");
}

void
plan_describe(const struct plan_op *op, char *buf, size_t len)
{
	switch (op->reason) {
	case PLAN_R_MISSING:
		snprintf(buf, len, "missing");
		return;
	case PLAN_R_DIFFERS:
		if (op->kind == PLAN_EDIT_SERVICE && op->have_svc != NULL)
			describe_service(&op->svc, &op->have_svc->s, buf, len);
		else if (op->have_dest != NULL)
			describe_dest(&op->dest, op->have_dest, buf, len);
		else
			snprintf(buf, len, "settings differ");
		return;
	case PLAN_R_FOREIGN:
		snprintf(buf, len, "not in the configuration");
		return;
	case PLAN_R_REMOVED:
		snprintf(buf, len, "removed from the configuration");
		return;
	case PLAN_R_UNWANTED:
		snprintf(buf, len, "not wanted");
		return;
	case PLAN_R_DRAIN_START:
		snprintf(buf, len, "draining (%u active connections)",
		    op->dest.active_conns);
		return;
	case PLAN_R_DRAIN_DONE:
		snprintf(buf, len, "drained");
		return;
	case PLAN_R_DRAIN_TIMEOUT:
		snprintf(buf, len, "drain timed out with %u active connections",
		    op->dest.active_conns);
		return;
	}
	snprintf(buf, len, "?");
}
