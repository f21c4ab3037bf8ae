// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * virtual_routes / virtual_rules and static_ipaddress / static_routes /
 * static_rules: the model of good lines, FILE:LINE:COL errors for bad
 * values and for the options lvsd does not do, and a changed route
 * changing its instance on reload.
 */
#include "config.h"

#include <check.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config_fixture.h"
#include "config/diff.h"

static bool
has_error(unsigned line, unsigned col, const char *what)
{
	for (size_t i = 0; i < fixture_dl.n; i++) {
		const struct diag *d = &fixture_dl.items[i];

		if (d->severity == DIAG_ERROR && d->line == line &&
		    d->col == col && strstr(d->message, what) != NULL)
			return true;
	}
	return false;
}

#define ASSERT_ERROR(text, line, col, what)                                 \
	do {                                                                \
		struct lvsd_config *c_ = fixture_load(text);                        \
		if (c_ != NULL || !has_error(line, col, what))              \
			diag_print(&fixture_dl, stderr);                            \
		ck_assert_ptr_null(c_);                                     \
		ck_assert_msg(has_error(line, col, what),                   \
		    "no error %u:%u '%s'", line, col, what);                \
	} while (0)

#define VI(body) "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n" \
	" virtual_ipaddress {\n  192.0.2.100/24\n }\n" body "}\n"

static bool
addr_is(const struct lvsd_addr *a, const char *text)
{
	char buf[64];

	addr_to_string(a, buf, sizeof(buf));
	return strcmp(buf, text) == 0;
}

START_TEST(test_virtual_routes_model)
{
	struct lvsd_config *c = fixture_load(VI(
	    " virtual_routes {\n"
	    "  198.51.100.0/24 via 192.0.2.254 dev eth1 metric 5 table 100\n"
	    "  src 192.0.2.100 203.0.113.0/24 dev eth0 scope link proto static\n"
	    "  blackhole 10.1.0.0/16 table main\n"
	    "  2001:db8:77::/48 table 9 type unreachable\n"
	    " }\n"
	    " virtual_rules {\n"
	    "  from 192.0.2.100/32 to 10.0.0.0/8 table 100 priority 500\n"
	    "  from all fwmark 0x10/0xf0 iif eth0 oif eth1 lookup 7 pref 9\n"
	    "  from 2001:db8:77::/48 table 100\n"
	    " }\n"));
	const struct cfg_vrrp_instance *vi;
	const struct cfg_route *r;
	const struct cfg_rule *u;

	if (c == NULL)
		diag_print(&fixture_dl, stderr);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(fixture_dl.n, 0);
	vi = &c->vrrp_instances[0];
	ck_assert_uint_eq(vi->n_vroutes, 4);
	r = &vi->vroutes[0];
	ck_assert(addr_is(&r->dst.addr, "198.51.100.0") && r->dst.len == 24);
	ck_assert(addr_is(&r->via, "192.0.2.254"));
	ck_assert_str_eq(r->dev, "eth1");
	ck_assert_uint_eq(r->metric, 5);
	ck_assert_uint_eq(r->table, 100);
	ck_assert_int_eq(r->type, RTN_UNICAST);
	ck_assert_int_eq(r->scope, -1);
	r = &vi->vroutes[1];
	ck_assert(addr_is(&r->src, "192.0.2.100"));
	ck_assert_int_eq(r->scope, RT_SCOPE_LINK);
	ck_assert_int_eq(r->protocol, RTPROT_STATIC);
	r = &vi->vroutes[2];
	ck_assert_int_eq(r->type, RTN_BLACKHOLE);
	ck_assert_uint_eq(r->table, RT_TABLE_MAIN);
	r = &vi->vroutes[3];
	ck_assert_int_eq(r->dst.addr.af, AF_INET6);
	ck_assert_int_eq(r->type, RTN_UNREACHABLE);
	ck_assert_uint_eq(r->table, 9);

	ck_assert_uint_eq(vi->n_vrules, 3);
	u = &vi->vrules[0];
	ck_assert_int_eq(u->family, AF_INET);
	ck_assert(addr_is(&u->from.addr, "192.0.2.100") && u->from.len == 32);
	ck_assert(addr_is(&u->to.addr, "10.0.0.0") && u->to.len == 8);
	ck_assert(u->has_priority && u->priority == 500 && u->table == 100);
	ck_assert(!u->has_fwmark);
	u = &vi->vrules[1];
	ck_assert_int_eq(u->from.addr.af, 0);
	ck_assert(u->has_fwmark && u->fwmark == 0x10 && u->fwmask == 0xf0);
	ck_assert_str_eq(u->iif, "eth0");
	ck_assert_str_eq(u->oif, "eth1");
	ck_assert(u->table == 7 && u->priority == 9);
	ck_assert_int_eq(vi->vrules[2].family, AF_INET6);
	config_free(c);
}
END_TEST

START_TEST(test_static_model)
{
	struct lvsd_config *c = fixture_load(
	    "static_ipaddress {\n 10.99.0.1/32 dev eth0 scope host\n}\n"
	    "static_routes {\n 10.98.0.0/16 via 192.0.2.254\n"
	    " prohibit 10.96.0.0/16 table 200\n}\n"
	    "static_rules {\n to 10.95.0.0/16 fwmark 7 table 200\n}\n");

	if (c == NULL)
		diag_print(&fixture_dl, stderr);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(fixture_dl.n, 0);
	ck_assert_uint_eq(c->n_static_ips, 1);
	ck_assert_str_eq(c->static_ips[0].dev, "eth0");
	ck_assert_int_eq(c->static_ips[0].scope, RT_SCOPE_HOST);
	ck_assert_uint_eq(c->n_static_routes, 2);
	ck_assert_int_eq(c->static_routes[1].type, RTN_PROHIBIT);
	ck_assert_uint_eq(c->n_static_rules, 1);
	ck_assert(c->static_rules[0].fwmark == 7 &&
	    c->static_rules[0].fwmask == UINT32_MAX);
	ck_assert(!c->static_rules[0].has_priority);
	config_free(c);
}
END_TEST

START_TEST(test_bad_routes)
{
	ASSERT_ERROR(VI(" virtual_routes {\n  198.51.100.0/24 via 192.0.2.254 mtu 1400\n }\n"),
	    8, 35, "route option 'mtu' is not supported by lvsd");
	ASSERT_ERROR(VI(" virtual_routes {\n  198.51.100.0/24 nexthop via 192.0.2.1\n }\n"),
	    8, 19, "route option 'nexthop' is not supported by lvsd");
	ASSERT_ERROR(VI(" virtual_routes {\n  198.51.100.0/24 via 2001:db8::1\n }\n"),
	    8, 23, "is not of the same address family");
	ASSERT_ERROR(VI(" virtual_routes {\n  blackhole 1.2.3.0/24 dev eth0\n }\n"),
	    8, 3, "takes neither 'via' nor 'dev'");
	ASSERT_ERROR(VI(" virtual_routes {\n  1.2.3.0/24 type nat\n }\n"),
	    8, 19, "route type 'nat' is not supported by lvsd");
	ASSERT_ERROR(VI(" virtual_routes {\n  1.2.3.0/24 dev eth0 metric x\n }\n"),
	    8, 30, "metric 'x'");
	ASSERT_ERROR(VI(" virtual_routes {\n  1.2.3.0/24 dev eth0 via\n }\n"),
	    8, 23, "route option 'via' needs a value");
	ASSERT_ERROR(VI(" virtual_routes {\n  src 1.2.3.4\n }\n"),
	    8, 7, "route without a destination");
	ASSERT_ERROR("static_routes {\n 1.2.3.0/33 dev eth0\n}\n", 2, 2,
	    "bad prefix length");
	ASSERT_ERROR("static_routes {\n 1.2.3.0/24 table foo\n}\n", 2, 19,
	    "table 'foo'");
	ASSERT_ERROR("static_routes {\n 1.2.3.0/24 via 1.2.3.4/32\n}\n", 2, 17,
	    "without a prefix length");
}
END_TEST

START_TEST(test_bad_rules)
{
	ASSERT_ERROR(VI(" virtual_rules {\n  from 1.2.3.4 goto 5\n }\n"),
	    8, 16, "rule option 'goto' is not supported by lvsd");
	ASSERT_ERROR(VI(" virtual_rules {\n  from 1.2.3.4 fwmark x/3\n }\n"),
	    8, 23, "fwmark 'x/3' is not N or N/MASK");
	ASSERT_ERROR(VI(" virtual_rules {\n  from 1.2.3.4 to 2001:db8::/32\n }\n"),
	    8, 19, "is not of the same address family");
	ASSERT_ERROR(VI(" virtual_rules {\n  from 1.2.3.4 priority -1\n }\n"),
	    8, 25, "priority");
	ASSERT_ERROR("static_rules {\n from 1.2.3.4 table\n}\n", 2, 15,
	    "rule option 'table' needs a value");
	ASSERT_ERROR("static_ipaddress {\n 10.0.0.1/32\n}\n", 2, 2,
	    "static_ipaddress 10.0.0.1/32 needs 'dev IF'");
}
END_TEST

static void
count_changed(void *arg, enum cfg_change change, enum cfg_kind kind,
    const char *name, const void *old_obj, const void *new_obj)
{
	(void)kind;
	(void)name;
	(void)old_obj;
	(void)new_obj;
	if (change == CFG_CHANGED)
		(*(size_t *)arg)++;
}

START_TEST(test_route_change_changes_the_instance)
{
	struct lvsd_config *a = fixture_load(VI(" virtual_routes {\n  1.2.3.0/24 dev eth0 table 5\n }\n"));
	struct lvsd_config *b = fixture_load(VI(" virtual_routes {\n  1.2.3.0/24 dev eth0 table 6\n }\n"));
	struct lvsd_config *r = fixture_load(VI(" virtual_rules {\n  from 1.2.3.4 table 6\n }\n"));
	size_t changed = 0;

	ck_assert(a != NULL && b != NULL && r != NULL);
	config_diff_vrrp(a, a, count_changed, &changed);
	ck_assert_uint_eq(changed, 0);
	config_diff_vrrp(a, b, count_changed, &changed);
	ck_assert_uint_eq(changed, 1);
	config_diff_vrrp(b, r, count_changed, &changed);
	ck_assert_uint_eq(changed, 2);
	config_free(a);
	config_free(b);
	config_free(r);
}
END_TEST

static Suite *
routes_suite(void)
{
	Suite *s = suite_create("config_routes");
	TCase *tc = tcase_create("routes");

	tcase_add_test(tc, test_virtual_routes_model);
	tcase_add_test(tc, test_static_model);
	tcase_add_test(tc, test_bad_routes);
	tcase_add_test(tc, test_bad_rules);
	tcase_add_test(tc, test_route_change_changes_the_instance);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return fixture_run_suite(routes_suite());
}
