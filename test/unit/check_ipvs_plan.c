// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Desired state (lib/ipvs/desired.c) and the planner (lib/ipvs/plan.c):
 * what a configuration plus verdicts asks of the kernel, and the minimal
 * ordered requests from a kernel table to it.
 */
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <linux/ip_vs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config_fixture.h"
#include "ipvs/codec.h"
#include "ipvs/desired.h"
#include "ipvs/plan.h"

static struct lvsd_config *
load(const char *text)
{
	struct lvsd_config *c;

	c = fixture_load(text);
	if (c == NULL)
		diag_print(&fixture_dl, stderr);
	ck_assert_ptr_nonnull(c);
	return c;
}

static const char *
key(const struct ipvs_service_key *k)
{
	static char buf[80];

	ipvs_service_key_format(k, buf, sizeof(buf));
	return buf;
}

static const char *
daddr(const struct ipvs_dest *d)
{
	static char buf[80];

	addr_port_to_string(&d->key.addr, d->key.port, buf, sizeof(buf));
	return buf;
}

#define TWO_RS "virtual_server 192.0.2.1 80 {\n protocol TCP\n lvs_sched rr\n" \
	" real_server 10.0.0.1 80 {\n  weight 5\n }\n" \
	" real_server 10.0.0.2 8080 {\n  uthreshold 100\n  lthreshold 10\n }\n}\n"

START_TEST(test_desired_basic)
{
	struct lvsd_config *c = load(TWO_RS);
	struct desired_table t;
	const struct desired_service *ds;

	desired_build(&t, c, NULL, NULL);
	ck_assert_uint_eq(t.n_svcs, 1);
	ds = &t.svcs[0];
	ck_assert_str_eq(key(&ds->s.key), "192.0.2.1:80/tcp");
	ck_assert_str_eq(ds->s.sched, "rr");
	ck_assert_uint_eq(ds->s.flags, 0);
	ck_assert_uint_eq(ds->s.timeout, 0);
	ck_assert_uint_eq(ds->pos.line, 1);
	ck_assert_uint_eq(ds->n_dests, 2);
	ck_assert_str_eq(daddr(&ds->dests[0].d), "10.0.0.1:80");
	ck_assert_uint_eq(ds->dests[0].d.weight, 5);
	ck_assert_uint_eq(ds->dests[0].d.fwd, IP_VS_CONN_F_MASQ);
	ck_assert_uint_eq(ds->dests[0].pos.line, 4);
	ck_assert_str_eq(daddr(&ds->dests[1].d), "10.0.0.2:8080");
	ck_assert_uint_eq(ds->dests[1].d.weight, 1);
	ck_assert_uint_eq(ds->dests[1].d.u_thresh, 100);
	ck_assert_uint_eq(ds->dests[1].d.l_thresh, 10);
	ck_assert_ptr_eq(desired_find(&t, &ds->s.key), ds);
	desired_free(&t);
	config_free(c);
}
END_TEST

START_TEST(test_desired_service_fields)
{
	struct lvsd_config *c = load(
	    "virtual_server 192.0.2.1 0 {\n protocol UDP\n lvs_sched sh\n"
	    " sh-port\n ops\n persistence_timeout 600\n"
	    " persistence_granularity 255.255.255.0\n lvs_method DR\n"
	    " real_server 10.0.0.1 {\n }\n}\n"
	    "virtual_server fwmark 7 {\n ip_family inet6\n"
	    " persistence_timeout\n persistence_granularity 64\n"
	    " lvs_method TUN type gue port 6080 csum\n"
	    " real_server 2001:db8::1 {\n }\n"
	    " real_server 10.0.0.9 {\n }\n}\n");
	struct desired_table t;
	const struct desired_service *a, *f;

	desired_build(&t, c, NULL, NULL);
	ck_assert_uint_eq(t.n_svcs, 2);
	a = &t.svcs[0];         /* AF_INET sorts before AF_INET6 */
	f = &t.svcs[1];
	ck_assert_str_eq(key(&a->s.key), "192.0.2.1:0/udp");
	ck_assert_uint_eq(a->s.flags, IP_VS_SVC_F_SCHED2 |
	    IP_VS_SVC_F_ONEPACKET | IP_VS_SVC_F_PERSISTENT);
	ck_assert_uint_eq(a->s.timeout, 600);
	ck_assert_uint_eq(a->s.netmask, htonl(0xffffff00u));
	ck_assert_uint_eq(a->dests[0].d.fwd, IP_VS_CONN_F_DROUTE);
	ck_assert_str_eq(key(&f->s.key), "fwmark 7/inet6");
	ck_assert_uint_eq(f->s.key.protocol, 0);
	ck_assert_uint_eq(f->s.timeout, 360);
	ck_assert_uint_eq(f->s.netmask, 64);
	ck_assert_uint_eq(f->n_dests, 2);
	/* a v4 real server of a v6 service: TUN only, sorted by family */
	ck_assert_str_eq(daddr(&f->dests[0].d), "10.0.0.9:0");
	ck_assert_uint_eq(f->dests[0].d.fwd, IP_VS_CONN_F_TUNNEL);
	ck_assert_uint_eq(f->dests[0].d.tun_type,
	    IP_VS_CONN_F_TUNNEL_TYPE_GUE);
	ck_assert_uint_eq(f->dests[0].d.tun_port, 6080);
	ck_assert_uint_eq(f->dests[0].d.tun_flags,
	    IP_VS_TUNNEL_ENCAP_FLAG_CSUM);
	desired_free(&t);
	config_free(c);
}
END_TEST

START_TEST(test_desired_group)
{
	struct lvsd_config *c = load(
	    "virtual_server_group G {\n 192.0.2.1-3 80\n fwmark 9\n}\n"
	    "virtual_server group G {\n protocol TCP\n"
	    " real_server 10.0.0.1 {\n }\n real_server 10.0.0.2 81 {\n }\n}\n"
	    "virtual_server 192.0.2.2 80 {\n protocol TCP\n"
	    " real_server 10.0.0.3 80 {\n }\n}\n");
	struct desired_table t;

	desired_build(&t, c, NULL, NULL);
	/* 3 addresses + 1 fwmark, the plain duplicate dropped */
	ck_assert_uint_eq(t.n_svcs, 4);
	ck_assert_str_eq(key(&t.svcs[3].s.key), "fwmark 9/inet");
	ck_assert_uint_eq(t.svcs[3].pos.line, 3);
	ck_assert_str_eq(key(&t.svcs[0].s.key), "192.0.2.1:80/tcp");
	ck_assert_str_eq(key(&t.svcs[2].s.key), "192.0.2.3:80/tcp");
	ck_assert_uint_eq(t.svcs[1].pos.line, 2);
	ck_assert_ptr_eq(t.svcs[1].vs, &c->virtual_servers[0]);
	/* a real server without a port takes the entry's */
	ck_assert_str_eq(daddr(&t.svcs[0].dests[0].d), "10.0.0.1:80");
	ck_assert_str_eq(daddr(&t.svcs[0].dests[1].d), "10.0.0.2:81");
	ck_assert_uint_eq(t.n_conflicts, 1);
	ck_assert_str_eq(t.conflicts[0].key, "192.0.2.2:80/tcp");
	ck_assert_uint_eq(t.conflicts[0].pos.line, 12);
	ck_assert_uint_eq(t.conflicts[0].first.line, 2);
	desired_free(&t);
	/* one virtual server: only its services */
	desired_build(&t, c, &c->virtual_servers[1], NULL);
	ck_assert_uint_eq(t.n_svcs, 0);
	desired_free(&t);
	desired_build(&t, c, &c->virtual_servers[0], NULL);
	ck_assert_uint_eq(t.n_svcs, 4);
	desired_free(&t);
	config_free(c);
}
END_TEST

/* Verdicts by real server line: 2 down, 4 down+inhibit, 6 weight 7. */
static void
test_verdict(void *arg, const struct cfg_virtual_server *vs,
    const struct cfg_real_server *rs, struct rs_verdict *out)
{
	(void)arg;
	(void)vs;
	out->up = rs->pos.line != 2 && rs->pos.line != 4;
	out->inhibit = rs->pos.line == 4;
	out->weight = rs->pos.line == 6 ? 7 : -1;
}

static bool sorry_on;

static bool
test_sorry(void *arg, const struct cfg_virtual_server *vs)
{
	(void)arg;
	(void)vs;
	return sorry_on;
}

START_TEST(test_desired_health_and_sorry)
{
	struct lvsd_config *c = load("virtual_server 192.0.2.1 80 {\n"
	    " real_server 10.0.0.2 80 {\n}\n real_server 10.0.0.3 80 {\n}\n"
	    " real_server 10.0.0.4 80 {\n}\n real_server 10.0.0.5 80 {\n}\n"
	    " sorry_server 10.0.0.9 80\n sorry_server_inhibit\n"
	    " protocol TCP\n}\n");
	struct health_view hv = { NULL, test_verdict, test_sorry };
	struct desired_table t;
	const struct desired_service *ds;

	sorry_on = false;
	desired_build(&t, c, NULL, &hv);
	ds = &t.svcs[0];
	ck_assert_uint_eq(ds->n_dests, 4);
	ck_assert_str_eq(daddr(&ds->dests[0].d), "10.0.0.3:80");
	ck_assert_uint_eq(ds->dests[0].d.weight, 0);
	ck_assert_uint_eq(ds->dests[1].d.weight, 7);
	ck_assert_uint_eq(ds->dests[2].d.weight, 1);
	/* sorry_server_inhibit: there at weight 0 while not needed */
	ck_assert_str_eq(daddr(&ds->dests[3].d), "10.0.0.9:80");
	ck_assert(ds->dests[3].sorry);
	ck_assert_uint_eq(ds->dests[3].d.weight, 0);
	desired_free(&t);

	sorry_on = true;
	desired_build(&t, c, NULL, &hv);
	ds = &t.svcs[0];
	/* the live ones leave, the inhibited one stays at 0 */
	ck_assert_uint_eq(ds->n_dests, 2);
	ck_assert_str_eq(daddr(&ds->dests[0].d), "10.0.0.3:80");
	ck_assert_str_eq(daddr(&ds->dests[1].d), "10.0.0.9:80");
	ck_assert_uint_eq(ds->dests[1].d.weight, 1);
	desired_free(&t);
	config_free(c);

	/* without a health view: no real server means the sorry server */
	c = load("virtual_server 192.0.2.1 80 {\n protocol TCP\n"
	    " sorry_server 10.0.0.9 80\n sorry_server_lvs_method DR\n}\n");
	desired_build(&t, c, NULL, NULL);
	ck_assert_uint_eq(t.svcs[0].n_dests, 1);
	ck_assert_uint_eq(t.svcs[0].dests[0].d.weight, 1);
	ck_assert_uint_eq(t.svcs[0].dests[0].d.fwd, IP_VS_CONN_F_DROUTE);
	desired_free(&t);
	config_free(c);
}
END_TEST

/* Line 2 undecided, line 4 down, the others up. */
static void
undecided_verdict(void *arg, const struct cfg_virtual_server *vs,
    const struct cfg_real_server *rs, struct rs_verdict *out)
{
	(void)arg;
	(void)vs;
	out->up = rs->pos.line != 2 && rs->pos.line != 4;
	out->undecided = rs->pos.line == 2;
}

static void kernel_from(struct kernel_table *k,
    const struct desired_table *t);

/* Engine start: an undecided real server keeps the kernel's entry as it
 * is, and is not added when the kernel does not have it. */
START_TEST(test_plan_undecided_if_present)
{
	struct lvsd_config *c = load("virtual_server 192.0.2.1 80 {\n"
	    " real_server 10.0.0.2 80 {\n}\n"
	    " real_server 10.0.0.3 80 {\n}\n"
	    " real_server 10.0.0.4 80 {\n}\n protocol TCP\n}\n");
	struct health_view hv = { NULL, undecided_verdict, NULL };
	struct desired_table all, t;
	struct kernel_table k;
	struct plan_input in = { 0 };
	struct plan p;

	desired_build(&all, c, NULL, NULL);
	desired_build(&t, c, NULL, &hv);
	ck_assert_uint_eq(t.svcs[0].n_dests, 2);
	ck_assert_str_eq(daddr(&t.svcs[0].dests[0].d), "10.0.0.2:80");
	ck_assert(t.svcs[0].dests[0].if_present);
	ck_assert(!t.svcs[0].dests[1].if_present);
	/* In the kernel (at another weight): neither deleted nor edited;
	 * the down one is deleted. */
	kernel_from(&k, &all);
	k.svcs[0].dests[0].weight = 0;
	in.have = &k;
	in.want = &t;
	plan_build(&p, &in);
	ck_assert_uint_eq(p.n_ops, 1);
	ck_assert_int_eq(p.ops[0].kind, PLAN_DEL_DEST);
	ck_assert_str_eq(daddr(&p.ops[0].dest), "10.0.0.3:80");
	plan_free(&p);
	kernel_table_free(&k);
	/* Not in the kernel: not added. */
	memset(&k, 0, sizeof(k));
	plan_build(&p, &in);
	ck_assert_uint_eq(p.n_ops, 2);
	ck_assert_int_eq(p.ops[0].kind, PLAN_ADD_SERVICE);
	ck_assert_int_eq(p.ops[1].kind, PLAN_ADD_DEST);
	ck_assert_str_eq(daddr(&p.ops[1].dest), "10.0.0.4:80");
	plan_free(&p);
	desired_free(&t);
	desired_free(&all);
	config_free(c);
}
END_TEST

/* The kernel as the desired table says, optionally changed. */
static void
kernel_from(struct kernel_table *k, const struct desired_table *t)
{
	memset(k, 0, sizeof(*k));
	for (size_t i = 0; i < t->n_svcs; i++) {
		struct ipvs_service s = t->svcs[i].s;

		if (s.netmask == 0)
			s.netmask = ipvs_default_netmask(s.key.af);
		kernel_table_add_service(k, &s);
		for (size_t j = 0; j < t->svcs[i].n_dests; j++)
			kernel_table_add_dest(k, &s.key, &t->svcs[i].dests[j].d);
	}
	kernel_table_sort(k);
}

static void
plan_simple(struct plan *p, const struct kernel_table *k,
    const struct desired_table *t, bool keep)
{
	struct plan_input in = { .have = k, .want = t, .keep_foreign = keep };

	plan_build(p, &in);
}

START_TEST(test_plan_from_empty_and_equal)
{
	struct lvsd_config *c = load(TWO_RS);
	struct desired_table t;
	struct kernel_table k = { 0 };
	struct plan p;

	desired_build(&t, c, NULL, NULL);
	plan_simple(&p, &k, &t, false);
	ck_assert_uint_eq(p.n_ops, 3);
	ck_assert_int_eq(p.ops[0].kind, PLAN_ADD_SERVICE);
	ck_assert_int_eq(p.ops[1].kind, PLAN_ADD_DEST);
	ck_assert_uint_eq(p.ops[1].svc_op, 0);
	ck_assert_int_eq(p.ops[2].kind, PLAN_ADD_DEST);
	ck_assert_ptr_eq(p.ops[2].want_dest, &t.svcs[0].dests[1]);
	plan_free(&p);
	/* the same table: nothing to do */
	kernel_from(&k, &t);
	plan_simple(&p, &k, &t, false);
	ck_assert_uint_eq(p.n_ops, 0);
	plan_free(&p);
	kernel_table_free(&k);
	desired_free(&t);
	config_free(c);
}
END_TEST

START_TEST(test_plan_edits_not_readds)
{
	struct lvsd_config *c = load(TWO_RS);
	struct desired_table t;
	struct kernel_table k;
	struct plan p;
	char why[128];

	desired_build(&t, c, NULL, NULL);
	kernel_from(&k, &t);
	k.svcs[0].dests[0].weight = 1;          /* hand edit */
	snprintf(k.svcs[0].s.sched, sizeof(k.svcs[0].s.sched), "wlc");
	plan_simple(&p, &k, &t, false);
	ck_assert_uint_eq(p.n_ops, 2);
	ck_assert_int_eq(p.ops[0].kind, PLAN_EDIT_SERVICE);
	ck_assert_str_eq(p.ops[0].svc.sched, "rr");
	plan_describe(&p.ops[0], why, sizeof(why));
	ck_assert_str_eq(why, "scheduler wlc -> rr");
	ck_assert_int_eq(p.ops[1].kind, PLAN_EDIT_DEST);
	ck_assert_uint_eq(p.ops[1].dest.weight, 5);
	/* an edited service's dests do not wait for it */
	ck_assert_uint_eq(p.ops[1].svc_op, SIZE_MAX);
	plan_describe(&p.ops[1], why, sizeof(why));
	ck_assert_str_eq(why, "weight 1 -> 5");
	plan_free(&p);
	kernel_table_free(&k);
	desired_free(&t);
	config_free(c);
}
END_TEST

START_TEST(test_plan_foreign_and_owned)
{
	struct lvsd_config *c = load(TWO_RS);
	struct desired_table t;
	struct kernel_table k;
	struct plan p;
	struct ipvs_service foreign = { 0 };
	struct ipvs_dest extra = { 0 };
	struct plan_input in = { 0 };

	desired_build(&t, c, NULL, NULL);
	kernel_from(&k, &t);
	foreign.key.af = AF_INET;
	foreign.key.protocol = IPPROTO_UDP;
	addr_from_string("198.51.100.1", &foreign.key.addr);
	foreign.key.port = 53;
	snprintf(foreign.sched, sizeof(foreign.sched), "wlc");
	kernel_table_add_service(&k, &foreign);
	addr_from_string("10.0.0.7", &extra.key.addr);
	extra.key.port = 80;
	extra.weight = 1;
	kernel_table_add_dest(&k, &t.svcs[0].s.key, &extra);
	kernel_table_sort(&k);

	plan_simple(&p, &k, &t, false);
	ck_assert_uint_eq(p.n_ops, 2);
	/* service deletions come first */
	ck_assert_int_eq(p.ops[0].kind, PLAN_DEL_SERVICE);
	ck_assert_int_eq(p.ops[0].reason, PLAN_R_FOREIGN);
	ck_assert_str_eq(key(&p.ops[0].svc.key), "198.51.100.1:53/udp");
	ck_assert_int_eq(p.ops[1].kind, PLAN_DEL_DEST);
	ck_assert_str_eq(daddr(&p.ops[1].dest), "10.0.0.7:80");
	plan_free(&p);

	/* keep: the foreign service stays, the extra dest in ours goes */
	plan_simple(&p, &k, &t, true);
	ck_assert_uint_eq(p.n_ops, 1);
	ck_assert_int_eq(p.ops[0].kind, PLAN_DEL_DEST);
	plan_free(&p);

	/* keep, but lvsd installed it (removed from the config) */
	in.have = &k;
	in.want = &t;
	in.keep_foreign = true;
	in.owned = &foreign.key;
	in.n_owned = 1;
	plan_build(&p, &in);
	ck_assert_uint_eq(p.n_ops, 2);
	ck_assert_int_eq(p.ops[0].reason, PLAN_R_REMOVED);
	plan_free(&p);

	/* scoped: only the desired services are looked at */
	in.keep_foreign = false;
	in.scoped = true;
	plan_build(&p, &in);
	ck_assert_uint_eq(p.n_ops, 1);
	ck_assert_int_eq(p.ops[0].kind, PLAN_DEL_DEST);
	plan_free(&p);
	kernel_table_free(&k);
	desired_free(&t);
	config_free(c);
}
END_TEST

START_TEST(test_plan_drain)
{
	struct lvsd_config *c = load(TWO_RS);
	struct desired_table t;
	struct kernel_table k;
	struct plan p;
	struct ipvs_dest gone = { 0 };
	struct plan_drain dr;
	struct plan_input in = { 0 };
	char why[128];

	desired_build(&t, c, NULL, NULL);
	kernel_from(&k, &t);
	addr_from_string("10.0.0.7", &gone.key.addr);
	gone.key.port = 80;
	gone.weight = 3;
	gone.active_conns = 5;
	kernel_table_add_dest(&k, &t.svcs[0].s.key, &gone);
	kernel_table_sort(&k);
	dr.svc = t.svcs[0].s.key;
	dr.dest = gone.key;
	dr.since = 100;
	in.have = &k;
	in.want = &t;
	in.drains = &dr;
	in.n_drains = 1;
	in.now = 110;
	in.drain_timeout = 60;

	/* active connections: weight 0 first */
	plan_build(&p, &in);
	ck_assert_uint_eq(p.n_ops, 1);
	ck_assert_int_eq(p.ops[0].kind, PLAN_EDIT_DEST);
	ck_assert_uint_eq(p.ops[0].dest.weight, 0);
	plan_describe(&p.ops[0], why, sizeof(why));
	ck_assert_str_eq(why, "draining (5 active connections)");
	plan_free(&p);
	/* at weight 0, still busy: wait */
	k.svcs[0].dests[2].weight = 0;
	ck_assert_str_eq(daddr(&k.svcs[0].dests[2]), "10.0.0.7:80");
	plan_build(&p, &in);
	ck_assert_uint_eq(p.n_ops, 0);
	plan_free(&p);
	/* timed out */
	in.now = 161;
	plan_build(&p, &in);
	ck_assert_uint_eq(p.n_ops, 1);
	ck_assert_int_eq(p.ops[0].kind, PLAN_DEL_DEST);
	ck_assert_int_eq(p.ops[0].reason, PLAN_R_DRAIN_TIMEOUT);
	plan_free(&p);
	/* drained */
	in.now = 120;
	k.svcs[0].dests[2].active_conns = 0;
	plan_build(&p, &in);
	ck_assert_uint_eq(p.n_ops, 1);
	ck_assert_int_eq(p.ops[0].reason, PLAN_R_DRAIN_DONE);
	plan_free(&p);
	kernel_table_free(&k);
	desired_free(&t);
	config_free(c);
}
END_TEST

START_TEST(test_plan_applied_table)
{
	struct lvsd_config *c = load(TWO_RS
	    "virtual_server 192.0.2.9 80 {\n protocol TCP\n"
	    " real_server 10.0.0.5 80 {\n }\n}\n");
	struct desired_table t;
	struct kernel_table k, copy;
	struct plan p, again;
	struct ipvs_service foreign = { 0 };
	struct ipvs_dest extra = { 0 };
	struct plan_input in = { 0 };
	bool *failed;

	desired_build(&t, c, NULL, NULL);
	kernel_from(&k, &t);
	/* drift: a foreign service, an extra dest, a weight, a scheduler,
	 * and the second service missing */
	foreign.key.af = AF_INET;
	foreign.key.protocol = IPPROTO_UDP;
	addr_from_string("198.51.100.1", &foreign.key.addr);
	foreign.key.port = 53;
	kernel_table_add_service(&k, &foreign);
	addr_from_string("10.0.0.7", &extra.key.addr);
	extra.key.port = 80;
	extra.weight = 1;
	extra.active_conns = 4;
	kernel_table_add_dest(&k, &t.svcs[0].s.key, &extra);
	k.svcs[0].dests[0].weight = 9;
	k.svcs[0].dests[0].active_conns = 3;
	snprintf(k.svcs[0].s.sched, sizeof(k.svcs[0].s.sched), "lc");
	free(k.svcs[1].dests);
	memmove(&k.svcs[1], &k.svcs[2], sizeof(k.svcs[1]));
	k.n_svcs--;
	kernel_table_sort(&k);
	kernel_table_copy(&copy, &k);
	ck_assert_uint_eq(copy.n_svcs, 2);

	in.have = &k;
	in.want = &t;
	plan_build(&p, &in);
	ck_assert_uint_eq(p.n_ops, 6);
	failed = calloc(p.n_ops, sizeof(*failed));
	kernel_table_apply(&k, &p, failed);
	/* the applied table is desired state: nothing left to do */
	plan_build(&again, &in);
	ck_assert_uint_eq(again.n_ops, 0);
	ck_assert_uint_eq(k.n_svcs, 2);
	/* an edited dest keeps its counters */
	ck_assert_uint_eq(k.svcs[0].dests[0].weight, 5);
	ck_assert_uint_eq(k.svcs[0].dests[0].active_conns, 3);
	plan_free(&again);

	/* the add of the second service failed: it is still missing, and
	 * so are its dests (failed with it) */
	for (size_t i = 0; i < p.n_ops; i++)
		failed[i] = p.ops[i].kind == PLAN_ADD_SERVICE ||
		    (p.ops[i].kind == PLAN_ADD_DEST &&
		    p.ops[i].svc_op != SIZE_MAX);
	in.have = &copy;
	kernel_table_apply(&copy, &p, failed);
	plan_build(&again, &in);
	ck_assert_uint_eq(again.n_ops, 2);
	ck_assert_int_eq(again.ops[0].kind, PLAN_ADD_SERVICE);
	ck_assert_int_eq(again.ops[1].kind, PLAN_ADD_DEST);
	plan_free(&again);
	free(failed);
	plan_free(&p);
	kernel_table_free(&copy);
	kernel_table_free(&k);
	desired_free(&t);
	config_free(c);
}
END_TEST

static Suite *
plan_suite(void)
{
	Suite *s = suite_create("ipvs_plan");
	TCase *tc = tcase_create("desired");

	tcase_add_test(tc, test_desired_basic);
	tcase_add_test(tc, test_desired_service_fields);
	tcase_add_test(tc, test_desired_group);
	tcase_add_test(tc, test_desired_health_and_sorry);
	suite_add_tcase(s, tc);
	tc = tcase_create("plan");
	tcase_add_test(tc, test_plan_from_empty_and_equal);
	tcase_add_test(tc, test_plan_edits_not_readds);
	tcase_add_test(tc, test_plan_foreign_and_owned);
	tcase_add_test(tc, test_plan_drain);
	tcase_add_test(tc, test_plan_applied_table);
	tcase_add_test(tc, test_plan_undecided_if_present);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return fixture_run_suite(plan_suite());
}
