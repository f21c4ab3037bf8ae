// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The config language: every error class with its line and column, the
 * typed model of good configurations, includes, and the bundle the parent
 * sends to the engines.
 */
#include "config.h"

#include <check.h>
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config/config.h"
#include "config_fixture.h"

/* A diagnostic of this severity at LINE:COL whose message contains `what`. */
static void
dump(void)
{
	diag_print(&fixture_dl, stderr);
}

#define ASSERT_ERROR(text, line, col, what)                                 \
	do {                                                                \
		struct lvsd_config *c_ = fixture_load(text);                        \
		if (c_ != NULL || !fixture_has_diag(DIAG_ERROR, line, col, what))   \
			dump();                                             \
		ck_assert_ptr_null(c_);                                     \
		ck_assert_msg(fixture_has_diag(DIAG_ERROR, line, col, what),        \
		    "no error %u:%u '%s'", line, col, what);                \
	} while (0)

#define ASSERT_WARNING(text, line, col, what)                               \
	do {                                                                \
		struct lvsd_config *c_ = fixture_load(text);                        \
		if (c_ == NULL || !fixture_has_diag(DIAG_WARNING, line, col, what)) \
			dump();                                             \
		ck_assert_ptr_nonnull(c_);                                  \
		ck_assert_msg(fixture_has_diag(DIAG_WARNING, line, col, what),      \
		    "no warning %u:%u '%s'", line, col, what);              \
		config_free(c_);                                            \
	} while (0)

#define VI(body) "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n" body "}\n"
#define VS(body) "virtual_server 192.0.2.1 80 {\n" body "}\n"

/* -- good configurations ---------------------------------------------------- */

START_TEST(test_keepalived_sample)
{
	struct lvsd_config *c = fixture_load(
	    "! Configuration File for keepalived\n"
	    "global_defs {\n"
	    "   notification_email {\n     a@example.org\n     b@example.org\n   }\n"
	    "   router_id LVS_DEVEL\n"
	    "   lvs_sync_daemon eth0 VI_1\n"
	    "}\n"
	    "vrrp_script chk { # inline comment\n"
	    "   script \"/usr/bin/pgrep -x haproxy\"\n"
	    "   interval 2\n   weight -20\n   fall 2\n}\n"
	    "vrrp_instance VI_1 {\n"
	    "    state MASTER\n    interface eth0\n    virtual_router_id 51\n"
	    "    priority 150\n    advert_int 1\n"
	    "    authentication {\n        auth_type PASS\n        auth_pass 1111\n    }\n"
	    "    virtual_ipaddress {\n        192.0.2.16/24 dev eth0 label eth0:1\n"
	    "        192.0.2.17\n    }\n"
	    "    track_script {\n        chk weight -30\n    }\n"
	    "}\n"
	    "virtual_server 192.0.2.16 80 {\n"
	    "    delay_loop 6\n    lb_algo rr\n    lb_kind DR\n"
	    "    persistence_timeout 50\n    protocol TCP\n"
	    "    real_server 198.51.100.2 80 {\n        weight 3\n"
	    "        TCP_CHECK {\n            connect_timeout 3\n        }\n    }\n"
	    "    real_server 198.51.100.3 80 {\n"
	    "        HTTP_GET {\n            url {\n              path /health\n"
	    "              status_code 200-299 301\n            }\n"
	    "            retry 3\n        }\n    }\n"
	    "}\n");
	const struct cfg_vrrp_instance *vi;
	const struct cfg_virtual_server *vs;

	if (c == NULL)
		dump();
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(fixture_dl.n_errors, 0);
	ck_assert_str_eq(c->global.router_id, "LVS_DEVEL");
	ck_assert_uint_eq(c->global.n_notification_email, 2);
	ck_assert_ptr_eq(c->global.lvs_sync_daemon->instance,
	    &c->vrrp_instances[0]);
	ck_assert_uint_eq(c->global.lvs_sync_daemon->sync_id, 51);

	ck_assert_uint_eq(c->n_vrrp_scripts, 1);
	ck_assert_str_eq(c->vrrp_scripts[0].script, "/usr/bin/pgrep -x haproxy");
	ck_assert_uint_eq(c->vrrp_scripts[0].interval_ms, 2000);
	ck_assert_int_eq(c->vrrp_scripts[0].weight, -20);

	vi = &c->vrrp_instances[0];
	ck_assert(vi->initial_master);
	ck_assert_str_eq(vi->interface, "eth0");
	ck_assert_uint_eq(vi->vrid, 51);
	ck_assert_uint_eq(vi->priority, 150);
	ck_assert_uint_eq(vi->version, 2);
	ck_assert_int_eq(vi->family, AF_INET);
	ck_assert_int_eq(vi->auth_type, VRRP_AUTH_PASS);
	ck_assert_str_eq(vi->auth_pass, "1111");
	ck_assert_uint_eq(vi->n_vips, 2);
	ck_assert_uint_eq(vi->vips[0].prefix.len, 24);
	ck_assert_str_eq(vi->vips[0].label, "eth0:1");
	ck_assert_uint_eq(vi->vips[1].prefix.len, 32);
	ck_assert_ptr_eq(vi->track_scripts[0].script, &c->vrrp_scripts[0]);
	ck_assert_int_eq(vi->track_scripts[0].weight, -30);
	/* global GARP defaults reach the instance */
	ck_assert_uint_eq(vi->garp_master_delay_ms, 5000);
	ck_assert_uint_eq(vi->garp_master_repeat, 5);

	vs = &c->virtual_servers[0];
	ck_assert_str_eq(vs->sched, "rr");
	ck_assert_int_eq(vs->fwd, LVS_FWD_DR);
	ck_assert_uint_eq(vs->persistence_timeout, 50);
	ck_assert_uint_eq(vs->protocol, IPPROTO_TCP);
	ck_assert_uint_eq(vs->n_rs, 2);
	ck_assert_uint_eq(vs->rs[0].weight, 3);
	ck_assert_uint_eq(vs->rs[1].weight, 1);
	ck_assert_uint_eq(vs->rs[0].checkers[0].type, CHECK_TCP);
	/* checker timing: own value, else RS, else VS */
	ck_assert_uint_eq(vs->rs[0].checkers[0].common.connect_timeout_ms, 3000);
	ck_assert_uint_eq(vs->rs[0].checkers[0].common.delay_loop_ms, 6000);
	ck_assert_uint_eq(vs->rs[1].checkers[0].common.retry, 3);
	ck_assert_uint_eq(vs->rs[1].checkers[0].common.connect_timeout_ms, 5000);
	ck_assert(vs->rs[1].checkers[0].urls[0].has_status);
	/* 301 and 200..299 accepted, 300 not */
	ck_assert(vs->rs[1].checkers[0].urls[0].status_ok[(301 - 100) / 8] &
	    (1 << ((301 - 100) % 8)));
	ck_assert(!(vs->rs[1].checkers[0].urls[0].status_ok[(300 - 100) / 8] &
	    (1 << ((300 - 100) % 8))));
	config_free(c);
}
END_TEST

START_TEST(test_one_line_blocks_and_quotes)
{
	struct lvsd_config *c = fixture_load(
	    "vrrp_instance \"VI 1\" { interface eth0\n virtual_router_id 7\n"
	    " virtual_ipaddress { 2001:db8::1/64 }\n"
	    " notify_master \"/etc/x.sh\" 'a b' c\n}\n"
	    "virtual_server fwmark 9 {\n ip_family inet6\n"
	    " real_server 2001:db8::10 443 {weight 0}\n}\n");

	if (c == NULL)
		dump();
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->vrrp_instances[0].name, "VI 1");
	ck_assert_int_eq(c->vrrp_instances[0].family, AF_INET6);
	/* VRRPv2 cannot carry IPv6: switched to v3 with a warning */
	ck_assert_uint_eq(c->vrrp_instances[0].version, 3);
	ck_assert(fixture_has_diag(DIAG_WARNING, 1, 15, "using VRRP version 3"));
	ck_assert_str_eq(c->vrrp_instances[0].notify.master,
	    "/etc/x.sh \"a b\" c");
	ck_assert(c->virtual_servers[0].is_fwmark);
	ck_assert_uint_eq(c->virtual_servers[0].fwmark, 9);
	ck_assert_int_eq(c->virtual_servers[0].af, AF_INET6);
	ck_assert_uint_eq(c->virtual_servers[0].rs[0].weight, 0);
	config_free(c);
}
END_TEST

START_TEST(test_brace_on_next_line_and_continuation)
{
	struct lvsd_config *c = fixture_load(
	    "global_defs\n{\n router_id \\\n  edge1\n}\n");

	if (c == NULL)
		dump();
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->global.router_id, "edge1");
	config_free(c);
}
END_TEST

START_TEST(test_timers)
{
	struct lvsd_config *c = fixture_load(
	    "global_defs { vrrp_version 3 }\n"
	    VI(" advert_int 0.25\n virtual_ipaddress { 192.0.2.1 }\n"));

	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->vrrp_instances[0].advert_int_ms, 250);
	config_free(c);
	/* v2 advertises whole seconds: rounded, with a warning */
	c = fixture_load(VI(" advert_int 1.6\n virtual_ipaddress { 192.0.2.1 }\n"));
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->vrrp_instances[0].advert_int_ms, 2000);
	ck_assert(fixture_has_diag(DIAG_WARNING, 1, 15, "rounded to 2 s"));
	config_free(c);
}
END_TEST

/* TCP_CHECK half_open: its own keyword, else global_defs', else off. */
START_TEST(test_tcp_check_half_open)
{
	char text[512];
	struct lvsd_config *c;

	snprintf(text, sizeof(text), "virtual_server 192.0.2.1 80 {\n%s}\n",
	    " real_server 192.0.2.2 80 { TCP_CHECK { half_open } }\n"
	    " real_server 192.0.2.3 80 { TCP_CHECK { } }\n");
	c = fixture_load(text);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->virtual_servers[0].rs[0].checkers[0].half_open, 1);
	ck_assert_int_eq(c->virtual_servers[0].rs[1].checkers[0].half_open, 0);
	config_free(c);
	snprintf(text, sizeof(text), "global_defs { tcp_check_half_open }\n"
	    "virtual_server 192.0.2.1 80 {\n%s}\n",
	    " real_server 192.0.2.2 80 { TCP_CHECK { half_open off } }\n"
	    " real_server 192.0.2.3 80 { TCP_CHECK { } }\n"
	    " real_server 192.0.2.4 80 { HTTP_GET { url { path / } } }\n");
	c = fixture_load(text);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->virtual_servers[0].rs[0].checkers[0].half_open, 0);
	ck_assert_int_eq(c->virtual_servers[0].rs[1].checkers[0].half_open, 1);
	ck_assert_int_eq(c->virtual_servers[0].rs[2].checkers[0].half_open, 0);
	config_free(c);
	ASSERT_ERROR(VS(" real_server 192.0.2.2 80 { TCP_CHECK { half_open "
	    "maybe } }\n"), 2, 51, "not a boolean");
}
END_TEST

/* -- error classes ----------------------------------------------------------- */

START_TEST(test_unknown_keyword)
{
	ASSERT_ERROR(VI(" priorty 100\n"), 4, 2,
	    "unknown keyword 'priorty' in vrrp_instance; did you mean "
	    "'priority'?");
	ASSERT_ERROR("frobnicate {\n}\n", 1, 1,
	    "unknown keyword 'frobnicate' in the top level");
	ASSERT_ERROR(VS(" real_server 192.0.2.2 80 {\n  TCP_CHEK {\n  }\n }\n"),
	    3, 3, "did you mean 'TCP_CHECK'?");
}
END_TEST

START_TEST(test_unsupported_keyword_warns)
{
	ASSERT_WARNING(VI(" use_ipvlan\n virtual_ipaddress { 192.0.2.1 }\n"),
	    4, 2, "keepalived keyword 'use_ipvlan' is not supported by lvsd yet");
	ASSERT_WARNING("bfd_instance b {\n neighbor_ip 192.0.2.9\n}\n", 1, 1,
	    "'bfd_instance' is not supported");
	ASSERT_WARNING(VS(" real_server 192.0.2.2 80 {\n  SMTP_CHECK {\n"
	    "   helo_name x\n  }\n }\n"), 3, 3, "'SMTP_CHECK' is not supported");
}
END_TEST

START_TEST(test_ranges)
{
	ASSERT_ERROR(VI(" priority 256\n"), 4, 11,
	    "priority '256' out of range 1-255");
	ASSERT_ERROR(VI(" priority 0\n"), 4, 11, "out of range 1-255");
	ASSERT_ERROR("vrrp_instance A {\n interface eth0\n"
	    " virtual_router_id 0\n}\n", 3, 20, "out of range 1-255");
	ASSERT_ERROR(VI(" advert_int 0\n"), 4, 13, "advert_int '0' out of range");
	ASSERT_ERROR(VI(" advert_int -1\n"), 4, 13, "is not a number of seconds");
	ASSERT_ERROR("global_defs { vrrp_version 3 }\n"
	    VI(" advert_int 41\n virtual_ipaddress { 192.0.2.1 }\n"), 2, 15,
	    "above VRRPv3's 40.95 s");
	ASSERT_ERROR("virtual_server 192.0.2.1 65536 {\n}\n", 1, 26,
	    "port '65536' out of range");
	ASSERT_ERROR(VS(" real_server 192.0.2.2 65536 {\n }\n"), 2, 24,
	    "port '65536' out of range 0-65535");
	ASSERT_ERROR(VS(" real_server 192.0.2.2 80 {\n  weight -1\n }\n"), 3, 10,
	    "weight '-1' out of range 0-65535");
	ASSERT_ERROR(VI(" priority high\n"), 4, 11, "'high' is not a number");
	/* Numbers are read by hand: the edges of 64 bits and digits with
	 * something after them. */
	ASSERT_ERROR(VS(" real_server 192.0.2.2 80 {\n"
	    "  weight 18446744073709551615\n }\n"), 3, 10,
	    "weight '18446744073709551615' out of range 0-65535");
	ASSERT_ERROR(VS(" real_server 192.0.2.2 80 {\n"
	    "  weight 18446744073709551616\n }\n"), 3, 10,
	    "weight '18446744073709551616' is not a number");
	ASSERT_ERROR(VS(" real_server 192.0.2.2 80 {\n  weight 12x\n }\n"),
	    3, 10, "weight '12x' is not a number");
	ASSERT_ERROR(VS(" real_server 192.0.2.2 80 {\n  weight 65536\n }\n"),
	    3, 10, "weight '65536' out of range 0-65535");
}
END_TEST

START_TEST(test_bad_addresses)
{
	ASSERT_ERROR(VI(" virtual_ipaddress {\n  192.0.2.300\n }\n"), 5, 3,
	    "'192.0.2.300' is not an IPv4 or IPv6 address");
	ASSERT_ERROR(VI(" virtual_ipaddress {\n  192.0.2.3/33\n }\n"), 5, 3,
	    "bad prefix length");
	ASSERT_ERROR(VI(" virtual_ipaddress {\n  192.0.2.3 dev\n }\n"), 5, 13,
	    "needs a value");
	ASSERT_ERROR(VI(" virtual_ipaddress {\n  192.0.2.3 colour red\n }\n"),
	    5, 13, "unknown virtual address option 'colour'");
	ASSERT_ERROR("virtual_server 192.0.2 80 {\n}\n", 1, 16,
	    "'192.0.2' is not an IPv4 or IPv6 address");
	ASSERT_ERROR(VI(" unicast_src_ip 2001:db8::zz\n"), 4, 17,
	    "is not an IPv4 or IPv6 address");
	ASSERT_ERROR("global_defs {\n vrrp_mcast_group4 ff02::12\n}\n", 2, 20,
	    "needs an IPv4 address");
	ASSERT_ERROR(VS(" persistence_timeout 10\n"
	    " persistence_granularity 255.0.255.0\n"), 3, 26,
	    "not a contiguous netmask");
}
END_TEST

START_TEST(test_unknown_scheduler_and_method)
{
	ASSERT_ERROR(VS(" lb_algo wrrr\n"), 2, 10,
	    "unknown scheduler 'wrrr'; did you mean 'wrr'?");
	ASSERT_ERROR(VS(" lb_algo roundrobin\n"), 2, 10,
	    "unknown scheduler 'roundrobin' (one of: rr");
	ASSERT_ERROR(VS(" lb_kind FULLNAT\n"), 2, 10,
	    "unknown lb_kind 'FULLNAT' (one of: NAT, DR, TUN)");
	ASSERT_ERROR(VS(" protocol ICMP\n"), 2, 11, "unknown protocol 'ICMP'");
	ASSERT_ERROR(VI(" state PRIMARY\n"), 4, 8,
	    "state 'PRIMARY' must be MASTER or BACKUP");
}
END_TEST

START_TEST(test_duplicates)
{
	ASSERT_ERROR(VS("") VS(""), 3, 1,
	    "virtual_server 192.0.2.1:80/tcp is defined twice (first at "
	    "t.conf:1)");
	ASSERT_ERROR(VI(" virtual_ipaddress { 192.0.2.1 }\n")
	    VI(" virtual_ipaddress { 192.0.2.2 }\n"), 6, 15,
	    "vrrp_instance 'VI_1' is defined twice");
	ASSERT_ERROR(VI(" virtual_ipaddress { 192.0.2.1 }\n")
	    "vrrp_instance VI_2 {\n interface eth0\n virtual_router_id 51\n"
	    " virtual_ipaddress { 192.0.2.2 }\n}\n", 6, 15,
	    "uses virtual_router_id 51 on eth0, like 'VI_1'");
	ASSERT_ERROR(VS(" real_server 192.0.2.2 80 {\n }\n"
	    " real_server 192.0.2.2 80 {\n }\n"), 4, 14,
	    "real_server is listed twice");
	ASSERT_ERROR("vrrp_script s {\n script /bin/true\n}\n"
	    "vrrp_script s {\n script /bin/true\n}\n", 4, 13,
	    "vrrp_script 's' is defined twice");
}
END_TEST

START_TEST(test_same_vrid_other_family_is_fine)
{
	struct lvsd_config *c = fixture_load(
	    VI(" virtual_ipaddress { 192.0.2.1 }\n")
	    "vrrp_instance VI_6 {\n interface eth0\n virtual_router_id 51\n"
	    " virtual_ipaddress { 2001:db8::1 }\n}\n");

	if (c == NULL)
		dump();
	ck_assert_ptr_nonnull(c);
	config_free(c);
}
END_TEST

START_TEST(test_references)
{
	ASSERT_ERROR(VI(" track_script {\n  nosuch\n }\n"), 5, 3,
	    "track_script 'nosuch' is not a defined vrrp_script");
	ASSERT_ERROR(VI(" virtual_ipaddress { 192.0.2.1 }\n")
	    "vrrp_sync_group G {\n group {\n  VI_1\n  VI_9\n }\n}\n", 6, 17,
	    "'VI_9' is not a defined vrrp_instance");
	ASSERT_ERROR("global_defs {\n lvs_sync_daemon eth0 VI_X\n}\n", 2, 2,
	    "lvs_sync_daemon: 'VI_X' is not a defined vrrp_instance");
	ASSERT_ERROR("virtual_server group G1 {\n}\n", 1, 1,
	    "virtual_server group 'G1' is not defined");
}
END_TEST

START_TEST(test_braces)
{
	/* the missing `}` is reported where the block opened */
	ASSERT_ERROR(VI(" virtual_ipaddress {\n  192.0.2.1\n"), 1, 20,
	    "'vrrp_instance' block opened here is not closed");
	ASSERT_ERROR("vrrp_instance VI_1 {\n virtual_ipaddress {\n"
	    "  192.0.2.1\n", 2, 20,
	    "'virtual_ipaddress' block opened here is not closed");
	ASSERT_ERROR("global_defs {\n router_id a\n"
	    "vrrp_instance VI_1 {\n interface eth0\n", 1, 13,
	    "'global_defs' block opened here is not closed");
	ASSERT_ERROR("global_defs {\n router_id a\n"
	    "vrrp_instance VI_1 {\n interface eth0\n", 3, 1,
	    "unknown keyword 'vrrp_instance' in global_defs (is a '}' "
	    "missing before it?)");
	ASSERT_ERROR("vrrp_instance VI_1 {\n virtual_ipaddress {\n"
	    "  192.0.2.1\nvirtual_server 192.0.2.1 80 {\n}\n", 4, 1,
	    "unexpected 'virtual_server' in virtual_ipaddress (is a '}' "
	    "missing before it?)");
	ASSERT_ERROR("global_defs {\n}\n}\n", 3, 1,
	    "unexpected '}' with no block open");
	ASSERT_ERROR("{\n}\n", 1, 1, "'{' without a keyword");
	ASSERT_ERROR("global_defs\nrouter_id x\n", 1, 1,
	    "'global_defs' needs a block");
	ASSERT_ERROR(VI(" priority 100 {\n }\n"), 4, 15,
	    "'priority' does not take a block");
	ASSERT_ERROR("global_defs {\n router_id \"abc\n}\n", 2, 12,
	    "unterminated quoted string");
	ASSERT_ERROR("global_defs { include other.conf }\n", 1, 34,
	    "'include' must stand alone on its line");
}
END_TEST

START_TEST(test_missing_required)
{
	ASSERT_ERROR("vrrp_instance VI_1 {\n virtual_router_id 5\n}\n", 1, 15,
	    "vrrp_instance 'VI_1' needs 'interface'");
	ASSERT_ERROR("vrrp_instance VI_1 {\n interface eth0\n}\n", 1, 15,
	    "needs 'virtual_router_id'");
	ASSERT_ERROR("vrrp_script s {\n interval 2\n}\n", 1, 13,
	    "vrrp_script 's' has no 'script'");
	ASSERT_ERROR(VS(" real_server 192.0.2.2 80 {\n  HTTP_GET {\n  }\n }\n"),
	    3, 3, "HTTP_GET needs at least one 'url'");
	ASSERT_ERROR(VS(" real_server 192.0.2.2 80 {\n  MISC_CHECK {\n  }\n }\n"),
	    3, 3, "MISC_CHECK needs 'misc_path'");
	ASSERT_ERROR(VI(" authentication {\n  auth_type PASS\n }\n"), 1, 15,
	    "auth_type PASS needs auth_pass");
	ASSERT_ERROR("virtual_server 192.0.2.1 0 {\n}\n", 1, 1,
	    "port 0 (every port) needs persistence_timeout");
}
END_TEST

START_TEST(test_argument_counts)
{
	ASSERT_ERROR(VI(" interface eth0 eth1\n"), 4, 2,
	    "'interface' takes 1 argument, 2 given");
	ASSERT_ERROR("vrrp_instance {\n}\n", 1, 1,
	    "'vrrp_instance' takes 1 argument, 0 given");
	ASSERT_ERROR(VI(" track_interface {\n  eth1 weight\n }\n"), 5, 8,
	    "expected 'weight N [reverse]'");
	ASSERT_ERROR(VI(" track_interface {\n  eth1 weight 300\n }\n"), 5, 15,
	    "weight '300' out of range -253 to 253");
}
END_TEST

START_TEST(test_families)
{
	ASSERT_ERROR(VI(" virtual_ipaddress {\n  192.0.2.1\n  2001:db8::1\n }\n"),
	    6, 3, "mixes IPv4 and IPv6");
	ASSERT_ERROR(VS(" real_server 2001:db8::2 80 {\n }\n"), 2, 14,
	    "real_server is IPv6 but virtual_server 192.0.2.1:80/tcp is IPv4");
	ASSERT_ERROR(VS(" real_server 192.0.2.2 80 {\n  lthreshold 10\n }\n"), 2, 14,
	    "lthreshold 10 is above uthreshold 0");
}
END_TEST

#define STRICT "global_defs {\n vrrp_strict\n}\n"

START_TEST(test_vrrp_strict)
{
	const struct cfg_vrrp_instance *vi;
	struct lvsd_config *c;

	ASSERT_ERROR(STRICT VI(" virtual_ipaddress {\n  192.0.2.1\n }\n"
	    " unicast_peer {\n  192.0.2.2\n }\n"), 4, 15,
	    "vrrp_strict does not allow unicast_peer");
	ASSERT_ERROR(STRICT VI(" virtual_ipaddress {\n  2001:db8::1\n }\n"),
	    4, 15, "link-local first IPv6 address");
	ASSERT_WARNING(STRICT VI(" virtual_ipaddress {\n  192.0.2.1\n }\n"
	    " authentication {\n  auth_type PASS\n  auth_pass x\n }\n"),
	    4, 15, "vrrp_strict: authentication ignored");
	c = fixture_load(STRICT VI(" priority 100\n preempt_delay 5\n"
	    " garp_master_repeat 3\n higher_prio_send_advert\n"
	    " virtual_ipaddress {\n  192.0.2.1\n }\n"));
	ck_assert_ptr_nonnull(c);
	vi = &c->vrrp_instances[0];
	ck_assert_uint_eq(vi->preempt_delay_ms, 0);
	ck_assert_uint_eq(vi->garp_master_repeat, 1);
	ck_assert_uint_eq(vi->garp_master_delay_ms, 0);
	ck_assert(!vi->higher_prio_send_advert);
	ck_assert(vi->lower_prio_no_advert);
	ck_assert(!vi->accept);         /* not the owner */
	ck_assert(fixture_has_diag(DIAG_WARNING, 4, 15, "preempt_delay ignored"));
	ck_assert(fixture_has_diag(DIAG_WARNING, 4, 15, "garp_master_repeat is 1"));
	config_free(c);
	c = fixture_load(STRICT VI(" priority 255\n state MASTER\n"
	    " virtual_ipaddress {\n  192.0.2.1\n }\n"));
	ck_assert_ptr_nonnull(c);
	ck_assert(c->vrrp_instances[0].accept);   /* the owner accepts */
	config_free(c);
}
END_TEST

START_TEST(test_keepalived_macros_refused)
{
	ASSERT_ERROR("$IF=eth0\n", 1, 1, "not supported by lvsd");
	/* `@ID` is keepalived's only at the start of a line (compat.c). */
	ASSERT_ERROR("global_defs { @node1 router_id x\n}\n", 1, 15,
	    "conditional '@node1' must begin its line");
}
END_TEST

START_TEST(test_keepalived_details)
{
	struct lvsd_config *c;

	/* escapes in double quotes; a backslash joins lines even on a word */
	c = fixture_load("global_defs {\n router_id \"a\\x41\\102\\tz\"\n"
	    " vrrp_garp_master_delay 2\n vrrp_garp_master_repeat 3\n}\n"
	    VI(" priority 150\\\r\n\n virtual_ipaddress { 192.0.2.1 }\n")
	    VS(" real_server 192.0.2.2 80 {\n  HTTP_GET {\n"
	    "   url {\n    path /\n   }\n  }\n  MISC_CHECK {\n"
	    "   misc_path /bin/true\n  }\n }\n"));
	if (c == NULL)
		dump();
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->global.router_id, "aAB\tz");
	ck_assert_uint_eq(c->vrrp_instances[0].priority, 150);
	/* lower-priority GARPs follow the master's timing, as in keepalived */
	ck_assert_uint_eq(c->vrrp_instances[0].garp_lower_prio_delay_ms, 2000);
	ck_assert_uint_eq(c->vrrp_instances[0].garp_lower_prio_repeat, 3);
	/* accept mode is on unless vrrp_strict */
	ck_assert(c->vrrp_instances[0].accept);
	/* per-type checker defaults */
	ck_assert_uint_eq(c->virtual_servers[0].rs[0].checkers[0]
	    .common.delay_before_retry_ms, 3000);
	ck_assert_uint_eq(c->virtual_servers[0].rs[0].checkers[1].common.retry,
	    0);
	ck_assert_uint_eq(c->virtual_servers[0].rs[0].checkers[1]
	    .common.warmup_ms, 60000);
	config_free(c);

	ASSERT_ERROR(VI(" interface $IF\n"), 4, 12,
	    "keepalived parameters ($NAME) are not supported by lvsd: '$IF'");
	ASSERT_ERROR(VS(" lb_kind TUN type gue\n"), 2, 19,
	    "tunnel type gue needs 'port N'");
	ASSERT_WARNING(VI(" virtual_ipaddress { 192.0.2.1 }\n")
	    "global_defs {\n lvs_sync_daemon eth1 VI_1 5\n}\n", 7, 28,
	    "a bare sync id is deprecated");
	ASSERT_WARNING("global_defs {\n lvs_flush_on_stop VS\n}\n", 2, 20,
	    "'lvs_flush_on_stop VS'");
}
END_TEST

START_TEST(test_deprecated_keyword_warns)
{
	ASSERT_WARNING(VS(" real_server 192.0.2.2 80 {\n  TCP_CHECK {\n"
	    "   nb_get_retry 3\n  }\n }\n"), 4, 4,
	    "'nb_get_retry' is deprecated; use 'retry'");
}
END_TEST

START_TEST(test_many_errors_listed)
{
	struct lvsd_config *c = fixture_load(VI(" priority 0\n advert_int x\n"
	    " garp_master_repeat many\n"));

	ck_assert_ptr_null(c);
	ck_assert_uint_eq(fixture_dl.n_errors, 3);
}
END_TEST

/* -- files: include and bundle ------------------------------------------------ */

static char tmpdir[64];

static void
write_file(const char *rel, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void
make_tree(void)
{
	char path[128];

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lvsd-check-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(path, sizeof(path), "%s/conf.d", tmpdir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	write_file("top.conf", "global_defs {\n router_id top\n}\n"
	    "include conf.d/*.conf\n");
	write_file("conf.d/a.conf", "virtual_server 192.0.2.1 80 {\n}\n");
	write_file("conf.d/b.conf", "virtual_server 192.0.2.2 80 {\n"
	    " lb_algo nope\n}\n");
}

static void
remove_tree(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

START_TEST(test_include_glob_relative)
{
	struct cfg_source *src = cfg_source_disk(false);
	char top[128];
	char expect[128];
	struct lvsd_config *c;

	make_tree();
	snprintf(top, sizeof(top), "%s/top.conf", tmpdir);
	diag_free(&fixture_dl);
	c = config_load(top, src, NULL, &fixture_dl);
	ck_assert_ptr_null(c);
	/* the error names the included file, with its own line numbers */
	snprintf(expect, sizeof(expect), "%s/conf.d/b.conf", tmpdir);
	ck_assert_uint_eq(fixture_dl.n_errors, 1);
	ck_assert_str_eq(fixture_dl.items[0].file, expect);
	ck_assert_uint_eq(fixture_dl.items[0].line, 2);
	ck_assert_uint_eq(fixture_dl.items[0].col, 10);
	cfg_source_free(src);
	remove_tree();
}
END_TEST

START_TEST(test_include_missing_and_loop)
{
	struct cfg_source *src = cfg_source_disk(false);
	char top[128];

	make_tree();
	write_file("loop.conf", "include loop.conf\n");
	write_file("missing.conf", "include nowhere.conf\n");
	write_file("empty.conf", "include none/*.conf\n");
	snprintf(top, sizeof(top), "%s/loop.conf", tmpdir);
	diag_free(&fixture_dl);
	ck_assert_ptr_null(config_load(top, src, NULL, &fixture_dl));
	ck_assert(fixture_has_diag(DIAG_ERROR, 1, 9, "includes itself"));
	snprintf(top, sizeof(top), "%s/missing.conf", tmpdir);
	diag_free(&fixture_dl);
	ck_assert_ptr_null(config_load(top, src, NULL, &fixture_dl));
	ck_assert(fixture_has_diag(DIAG_ERROR, 1, 9, "No such file or directory"));
	snprintf(top, sizeof(top), "%s/empty.conf", tmpdir);
	diag_free(&fixture_dl);
	config_free(config_load(top, src, NULL, &fixture_dl));
	ck_assert(fixture_has_diag(DIAG_WARNING, 1, 9, "matches no file"));
	snprintf(top, sizeof(top), "%s/absent.conf", tmpdir);
	diag_free(&fixture_dl);
	ck_assert_ptr_null(config_load(top, src, NULL, &fixture_dl));
	ck_assert_uint_eq(fixture_dl.n_errors, 1);
	cfg_source_free(src);
	remove_tree();
}
END_TEST

START_TEST(test_bundle_reproduces_the_parse)
{
	struct cfg_source *disk = cfg_source_disk(true), *bundle;
	struct lvsd_config *c1, *c2;
	const uint8_t *b;
	uint8_t *copy;
	char top[128];
	size_t len;

	make_tree();
	write_file("conf.d/b.conf", "virtual_server 192.0.2.2 80 {\n}\n");
	snprintf(top, sizeof(top), "%s/top.conf", tmpdir);
	diag_free(&fixture_dl);
	c1 = config_load(top, disk, NULL, &fixture_dl);
	ck_assert_ptr_nonnull(c1);
	b = cfg_source_disk_bundle(disk, &len);
	/* the disk changes after the parent read it: the bundle does not */
	remove_tree();
	bundle = cfg_source_bundle(b, len);
	ck_assert_ptr_nonnull(bundle);
	c2 = config_load(top, bundle, NULL, &fixture_dl);
	ck_assert_ptr_nonnull(c2);
	ck_assert_uint_eq(c2->n_virtual_servers, 2);
	ck_assert_str_eq(c2->global.router_id, "top");
	/* every truncation of a bundle is refused, never misread */
	copy = malloc(len);
	memcpy(copy, b, len);
	for (size_t cut = 0; cut < len; cut++) {
		struct cfg_source *s = cfg_source_bundle(copy, cut);

		ck_assert_ptr_null(s);
	}
	free(copy);
	config_free(c1);
	config_free(c2);
	cfg_source_free(bundle);
	cfg_source_free(disk);
}
END_TEST

static Suite *
config_suite(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("language");

	tcase_add_test(tc, test_keepalived_sample);
	tcase_add_test(tc, test_one_line_blocks_and_quotes);
	tcase_add_test(tc, test_brace_on_next_line_and_continuation);
	tcase_add_test(tc, test_timers);
	tcase_add_test(tc, test_unknown_keyword);
	tcase_add_test(tc, test_unsupported_keyword_warns);
	tcase_add_test(tc, test_ranges);
	tcase_add_test(tc, test_bad_addresses);
	tcase_add_test(tc, test_unknown_scheduler_and_method);
	tcase_add_test(tc, test_duplicates);
	tcase_add_test(tc, test_same_vrid_other_family_is_fine);
	tcase_add_test(tc, test_references);
	tcase_add_test(tc, test_braces);
	tcase_add_test(tc, test_missing_required);
	tcase_add_test(tc, test_argument_counts);
	tcase_add_test(tc, test_families);
	tcase_add_test(tc, test_vrrp_strict);
	tcase_add_test(tc, test_keepalived_macros_refused);
	tcase_add_test(tc, test_deprecated_keyword_warns);
	tcase_add_test(tc, test_keepalived_details);
	tcase_add_test(tc, test_many_errors_listed);
	suite_add_tcase(s, tc);
	tc = tcase_create("files");
	tcase_add_test(tc, test_include_glob_relative);
	tcase_add_test(tc, test_include_missing_and_loop);
	tcase_add_test(tc, test_bundle_reproduces_the_parse);
	tcase_add_test(tc, test_tcp_check_half_open);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return fixture_run_suite(config_suite());
}
