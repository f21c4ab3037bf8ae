// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IPVS keywords of the config language: forwarding methods with tunnel
 * options, scheduler flags, the sorry server's method, virtual_server_group
 * ranges, and the reconciler's global_defs keywords; every error with its
 * line and column.
 */
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config_fixture.h"

#define ASSERT_ERROR(text, line, col, what)                                 \
	do {                                                                \
		struct lvsd_config *c_ = fixture_load(text);                        \
		if (c_ != NULL || !fixture_has_diag(DIAG_ERROR, line, col, what))   \
			diag_print(&fixture_dl, stderr);                            \
		ck_assert_ptr_null(c_);                                     \
		ck_assert_msg(fixture_has_diag(DIAG_ERROR, line, col, what),        \
		    "no error %u:%u '%s'", line, col, what);                \
	} while (0)

#define ASSERT_WARNING(text, line, col, what)                               \
	do {                                                                \
		struct lvsd_config *c_ = fixture_load(text);                        \
		if (c_ == NULL || !fixture_has_diag(DIAG_WARNING, line, col, what)) \
			diag_print(&fixture_dl, stderr);                            \
		ck_assert_ptr_nonnull(c_);                                  \
		ck_assert_msg(fixture_has_diag(DIAG_WARNING, line, col, what),      \
		    "no warning %u:%u '%s'", line, col, what);              \
		config_free(c_);                                            \
	} while (0)

/* A service with protocol and one real server: no warnings of its own. */
#define VS(body) "virtual_server 192.0.2.1 80 {\n protocol TCP\n" body \
	" real_server 192.0.2.2 80 {\n }\n}\n"

static struct lvsd_config *
load_ok(const char *text)
{
	struct lvsd_config *c = fixture_load(text);

	if (c == NULL || fixture_dl.n_warnings != 0)
		diag_print(&fixture_dl, stderr);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(fixture_dl.n_warnings, 0);
	return c;
}

START_TEST(test_tunnel_options)
{
	struct lvsd_config *c;
	const struct cfg_virtual_server *vs;

	c = load_ok(VS(" lvs_method TUN type gue port 6080 remcsum\n"));
	vs = &c->virtual_servers[0];
	ck_assert_int_eq(vs->fwd, LVS_FWD_TUN);
	ck_assert_uint_eq(vs->tun.type, LVS_TUN_GUE);
	ck_assert_uint_eq(vs->tun.port, 6080);
	ck_assert_uint_eq(vs->tun.flags, LVS_TUN_F_REMCSUM);
	/* the real server without a method of its own inherits the tunnel */
	ck_assert_int_eq(vs->rs[0].fwd, LVS_FWD_UNSET);
	ck_assert_uint_eq(vs->rs[0].tun.type, LVS_TUN_GUE);
	ck_assert_uint_eq(vs->rs[0].tun.port, 6080);
	config_free(c);

	c = load_ok("virtual_server 192.0.2.1 80 {\n protocol TCP\n"
	    " lb_kind NAT\n real_server 192.0.2.2 80 {\n"
	    "  lvs_method TUN type gre csum\n }\n"
	    " real_server 192.0.2.3 80 {\n  lvs_method TUN\n }\n}\n");
	vs = &c->virtual_servers[0];
	ck_assert_int_eq(vs->fwd, LVS_FWD_NAT);
	ck_assert_int_eq(vs->rs[0].fwd, LVS_FWD_TUN);
	ck_assert_uint_eq(vs->rs[0].tun.type, LVS_TUN_GRE);
	ck_assert_uint_eq(vs->rs[0].tun.flags, LVS_TUN_F_CSUM);
	ck_assert_int_eq(vs->rs[1].fwd, LVS_FWD_TUN);
	ck_assert_uint_eq(vs->rs[1].tun.type, LVS_TUN_IPIP);
	config_free(c);

	ASSERT_ERROR(VS(" lb_kind TUN type gue\n"), 3, 19,
	    "tunnel type gue needs 'port N'");
	ASSERT_ERROR(VS(" lvs_method TUN type gre remcsum\n"), 3, 26,
	    "unknown gre checksum option 'remcsum' (one of: nocsum, csum)");
	ASSERT_ERROR(VS(" lvs_method TUN type ipip csum\n"), 3, 27,
	    "ipip tunnels take no checksum option");
	ASSERT_ERROR(VS(" lvs_method TUN type vxlan\n"), 3, 22,
	    "unknown tunnel type 'vxlan'");
	ASSERT_ERROR(VS(" lvs_method TUN kind gre\n"), 3, 17,
	    "unknown TUN option 'kind'");
	ASSERT_ERROR(VS(" lvs_method DR type gre\n"), 3, 16,
	    "only TUN takes options");
	ASSERT_ERROR(VS(" lvs_method TUN type gue port 0\n"), 3, 31,
	    "port '0' out of range 1-65535");
	ASSERT_ERROR(VS(" lvs_method TUN type gre csum x\n"), 3, 31,
	    "unexpected 'x' after the tunnel options");
	ASSERT_ERROR(VS(" lvs_method FOO\n"), 3, 13,
	    "unknown lvs_method 'FOO' (one of: NAT, DR, TUN)");
}
END_TEST

START_TEST(test_sched_flags)
{
	struct lvsd_config *c;

	c = load_ok(VS(" lvs_sched sh\n sh-port\n sh-fallback\n"));
	ck_assert_str_eq(c->virtual_servers[0].sched, "sh");
	ck_assert_uint_eq(c->virtual_servers[0].sched_flags,
	    LVS_SCHED_FLAG_1 | LVS_SCHED_FLAG_2);
	config_free(c);
	/* keepalived's one-line form */
	c = load_ok(VS(" lvs_sched mh mh-port flag-3\n"));
	ck_assert_str_eq(c->virtual_servers[0].sched, "mh");
	ck_assert_uint_eq(c->virtual_servers[0].sched_flags,
	    LVS_SCHED_FLAG_2 | LVS_SCHED_FLAG_3);
	config_free(c);
	c = load_ok(VS(" lb_algo rr\n flag-1\n"));
	ck_assert_uint_eq(c->virtual_servers[0].sched_flags,
	    LVS_SCHED_FLAG_1);
	config_free(c);

	ASSERT_ERROR(VS(" lvs_sched sh sh-ports\n"), 3, 15,
	    "unknown scheduler flag 'sh-ports'");
	ASSERT_ERROR(VS(" sh-port 1\n"), 3, 2, "'sh-port' takes 0 arguments");
	ASSERT_WARNING(VS(" lvs_sched wlc\n sh-port\n"), 4, 2,
	    "sh-* flags are for the sh scheduler, this service uses wlc");
}
END_TEST

START_TEST(test_persistence_granularity)
{
	struct lvsd_config *c;

	c = load_ok(VS(" persistence_timeout 60\n"
	    " persistence_granularity 255.255.255.0\n"));
	ck_assert_uint_eq(c->virtual_servers[0].persistence_granularity, 24);
	config_free(c);
	c = load_ok("virtual_server 2001:db8::1 80 {\n protocol TCP\n"
	    " persistence_timeout 60\n persistence_granularity 64\n"
	    " real_server 2001:db8::2 80 {\n }\n}\n");
	ck_assert_uint_eq(c->virtual_servers[0].persistence_granularity, 64);
	config_free(c);
	ASSERT_ERROR(VS(" persistence_granularity 255.0.255.0\n"), 3, 26,
	    "is not a contiguous netmask");
}
END_TEST

START_TEST(test_sorry_server_method)
{
	struct lvsd_config *c;
	const struct cfg_virtual_server *vs;

	c = load_ok(VS(" lb_kind NAT\n sorry_server_lvs_method DR\n"
	    " sorry_server 192.0.2.9 80\n sorry_server_inhibit\n"));
	vs = &c->virtual_servers[0];
	ck_assert_ptr_nonnull(vs->sorry_server);
	ck_assert_int_eq(vs->sorry_server->fwd, LVS_FWD_DR);
	ck_assert(vs->sorry_server_inhibit);
	ck_assert_int_eq(vs->rs[0].fwd, LVS_FWD_UNSET);
	config_free(c);
	c = load_ok(VS(" sorry_server 192.0.2.9 80\n"
	    " sorry_server_lvs_method TUN type gue port 5555\n"));
	vs = &c->virtual_servers[0];
	ck_assert_int_eq(vs->sorry_server->fwd, LVS_FWD_TUN);
	ck_assert_uint_eq(vs->sorry_server->tun.port, 5555);
	config_free(c);
	ASSERT_WARNING(VS(" sorry_server_lvs_method DR\n"), 1, 1,
	    "sorry_server_lvs_method without a sorry_server");
}
END_TEST

#define VSG(body) "virtual_server_group G {\n" body "}\n"
#define VS_G "virtual_server group G {\n protocol TCP\n" \
	" real_server 10.1.0.1 80 {\n }\n}\n"

START_TEST(test_vs_group)
{
	struct lvsd_config *c;
	const struct cfg_vs_group *g;
	struct lvsd_addr a;
	char buf[64];

	c = load_ok(VSG(" 10.0.0.1-10 80\n 10.0.0.250-10.0.1.5 443\n"
	    " 10.0.2.5/30 8080\n 192.0.2.1\n fwmark 7\n") VS_G);
	ck_assert_uint_eq(c->n_vs_groups, 1);
	g = &c->vs_groups[0];
	ck_assert_ptr_eq(c->virtual_servers[0].group, g);
	ck_assert_int_eq(c->virtual_servers[0].af, AF_INET);
	ck_assert_uint_eq(g->n_entries, 5);
	ck_assert_uint_eq(g->entries[0].count, 10);
	ck_assert_uint_eq(g->entries[0].port, 80);
	config_vsg_addr(&g->entries[0], 9, &a);
	addr_to_string(&a, buf, sizeof(buf));
	ck_assert_str_eq(buf, "10.0.0.10");
	/* across octets, as keepalived documents */
	ck_assert_uint_eq(g->entries[1].count, 12);
	config_vsg_addr(&g->entries[1], 11, &a);
	addr_to_string(&a, buf, sizeof(buf));
	ck_assert_str_eq(buf, "10.0.1.5");
	/* CIDR: from the network address */
	ck_assert_uint_eq(g->entries[2].count, 4);
	addr_to_string(&g->entries[2].first, buf, sizeof(buf));
	ck_assert_str_eq(buf, "10.0.2.4");
	ck_assert_uint_eq(g->entries[3].count, 1);
	ck_assert_uint_eq(g->entries[3].port, 0);
	ck_assert(g->entries[4].is_fwmark);
	ck_assert_uint_eq(g->entries[4].fwmark, 7);
	config_vs_key(&c->virtual_servers[0], buf, sizeof(buf));
	ck_assert_str_eq(buf, "group G/tcp");
	config_free(c);

	/* IPv6: the last hextet, hexadecimal; fwmark inet6 */
	c = load_ok("virtual_server_group G6 {\n 2001:db8::fe-101 80\n"
	    " fwmark 9 inet6\n}\nvirtual_server group G6 {\n protocol TCP\n"
	    " real_server 2001:db8:1::1 80 {\n }\n}\n");
	g = &c->vs_groups[0];
	ck_assert_uint_eq(g->entries[0].count, 4);
	config_vsg_addr(&g->entries[0], 3, &a);
	addr_to_string(&a, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2001:db8::101");
	ck_assert_int_eq(g->entries[1].af, AF_INET6);
	ck_assert_int_eq(c->virtual_servers[0].af, AF_INET6);
	config_free(c);

	ASSERT_ERROR(VSG(" 10.0.0.10-1 80\n") VS_G, 2, 2,
	    "range '10.0.0.10-1' is backwards");
	ASSERT_ERROR(VSG(" 10.0.0.1-300 80\n") VS_G, 2, 2,
	    "'300' is not a last octet (0-255) or an address");
	ASSERT_ERROR(VSG(" 10.0.0.0/8 80\n") VS_G, 2, 2,
	    "'10.0.0.0/8' is too large (at most 65536 addresses)");
	ASSERT_ERROR(VSG(" 10.0.0.1-2001:db8::1 80\n") VS_G, 2, 2,
	    "mixes IPv4 and IPv6");
	ASSERT_ERROR(VSG(" 10.0.0.1 80\n 2001:db8::1 80\n") VS_G, 3, 2,
	    "virtual_server_group 'G' mixes IPv4 and IPv6 (first entry at "
	    "line 2)");
	ASSERT_ERROR(VSG(" 10.0.0.1 80 x\n") VS_G, 2, 14, "unexpected 'x'");
	ASSERT_ERROR(VSG(" fwmark 0\n") VS_G, 2, 9, "fwmark");
	ASSERT_ERROR(VSG(" fwmark 1 inet5\n") VS_G, 2, 11,
	    "fwmark family 'inet5' must be inet or inet6");
	ASSERT_ERROR(VSG(" 10.0.0.1 80\n") VSG(" 10.0.0.2 80\n") VS_G, 4, 22,
	    "virtual_server_group 'G' is defined twice (first at t.conf:1)");
	ASSERT_ERROR("virtual_server group H {\n protocol TCP\n}\n", 1, 1,
	    "virtual_server group 'H' is not defined");
	ASSERT_ERROR("virtual_server group {\n}\n", 1, 16,
	    "'virtual_server group' needs the group's name");
	ASSERT_WARNING(VSG("") VS_G, 1, 1,
	    "virtual_server_group 'G' is empty");
	ASSERT_ERROR(VSG(" 10.0.0.x 80\n") VS_G, 2, 2,
	    "'10.0.0.x' is not an IPv4 or IPv6 address");
	ASSERT_ERROR(VSG(" 2001:db8::1-2001:db9::1 80\n") VS_G, 2, 2,
	    "is too large (at most 65536 addresses)");
	ASSERT_ERROR(VSG(" fwmark\n") VS_G, 2, 2,
	    "'fwmark' in a group takes a mark and optionally inet or inet6");
	ASSERT_ERROR(VSG(" 10.0.0.1 99999\n") VS_G, 2, 11, "99999");
	/* a group's real server may mix families only with TUN */
	ASSERT_ERROR(VSG(" 2001:db8::1 80\n") VS_G, 6, 14,
	    "real_server is IPv4 but virtual_server group G/tcp is IPv6");
}
END_TEST

START_TEST(test_reconciler_globals)
{
	struct lvsd_config *c;

	c = load_ok(VS(""));
	ck_assert_uint_eq(c->global.ipvs_reconcile_interval_ms, 5000);
	ck_assert(!c->global.ipvs_keep_foreign);
	ck_assert_uint_eq(c->global.ipvs_drain_timeout_ms, 0);
	config_free(c);
	c = load_ok("global_defs {\n ipvs_reconcile_interval 2\n"
	    " ipvs_foreign_services keep\n ipvs_drain_timeout 30\n"
	    " lvs_timeouts tcp 900 tcpfin 30 udp 60\n}\n" VS(""));
	ck_assert_uint_eq(c->global.ipvs_reconcile_interval_ms, 2000);
	ck_assert(c->global.ipvs_keep_foreign);
	ck_assert_uint_eq(c->global.ipvs_drain_timeout_ms, 30000);
	ck_assert_uint_eq(c->global.lvs_timeout_tcp, 900);
	ck_assert_uint_eq(c->global.lvs_timeout_tcpfin, 30);
	ck_assert_uint_eq(c->global.lvs_timeout_udp, 60);
	config_free(c);
	c = load_ok("global_defs {\n ipvs_reconcile_interval 0\n"
	    " ipvs_foreign_services remove\n}\n");
	ck_assert_uint_eq(c->global.ipvs_reconcile_interval_ms, 0);
	config_free(c);
	ASSERT_ERROR("global_defs {\n ipvs_foreign_services ignore\n}\n", 2,
	    24, "ipvs_foreign_services 'ignore' must be remove or keep");
	ASSERT_ERROR("global_defs {\n ipvs_reconcile_interval -1\n}\n", 2,
	    26, "ipvs_reconcile_interval");
	ASSERT_ERROR("global_defs {\n ipvs_drain_timeout 90000\n}\n", 2, 21,
	    "ipvs_drain_timeout");
	ASSERT_ERROR("global_defs {\n ipvs_foreign_services\n}\n", 2, 2,
	    "ipvs_foreign_services");
}
END_TEST

static Suite *
ipvs_suite(void)
{
	Suite *s = suite_create("config_ipvs");
	TCase *tc = tcase_create("keywords");

	tcase_add_test(tc, test_tunnel_options);
	tcase_add_test(tc, test_sched_flags);
	tcase_add_test(tc, test_persistence_granularity);
	tcase_add_test(tc, test_sorry_server_method);
	tcase_add_test(tc, test_vs_group);
	tcase_add_test(tc, test_reconciler_globals);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return fixture_run_suite(ipvs_suite());
}
