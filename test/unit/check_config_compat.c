// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * keepalived configurations as operators write them (lib/config/compat.c,
 * the lexer's blanks and `@ID` lines): each construct with the exact
 * position of what lvsd says about it, the lenient switch, and the options
 * and host names that travel to the engines in the bundle.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "config/config.h"
#include "config_fixture.h"

static struct lvsd_config *
load_opts(const char *text, const char *id, bool lenient)
{
	struct config_options o = { .config_id = id, .lenient = lenient };

	return fixture_load_opts(text, &o);
}

static struct lvsd_config *
load(const char *text)
{
	return load_opts(text, "lb1", false);
}

static void
dump(void)
{
	diag_print(&fixture_dl, stderr);
}

/* Valid, with exactly `n` warnings, one of them at LINE:COL saying WHAT. */
#define ASSERT_WARNS(c, n, line, col, what)                                 \
	do {                                                                \
		if ((c) == NULL || fixture_dl.n_warnings != (n) ||                  \
		    !fixture_has_diag(DIAG_WARNING, line, col, what))               \
			dump();                                             \
		ck_assert_ptr_nonnull(c);                                   \
		ck_assert_uint_eq(fixture_dl.n_warnings, (n));                      \
		ck_assert_msg(fixture_has_diag(DIAG_WARNING, line, col, what),      \
		    "no warning %u:%u '%s'", line, col, what);              \
	} while (0)

#define ASSERT_CLEAN(c)                                                     \
	do {                                                                \
		if ((c) == NULL || fixture_dl.n != 0)                               \
			dump();                                             \
		ck_assert_ptr_nonnull(c);                                   \
		ck_assert_uint_eq(fixture_dl.n, 0);                                 \
	} while (0)

#define VI_HEAD "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"

/* -- text as editors produce it ------------------------------------------------ */

START_TEST(test_crlf_tabs_no_final_newline)
{
	struct lvsd_config *c = load("global_defs {\r\n\trouter_id\tlb1\r\n}\r\n"
	    "vrrp_instance VI_1 {\r\n\tinterface eth0\r\n"
	    "\tvirtual_router_id 51\r\n\tpriority\t150\r\n"
	    "\tvirtual_ipaddress {\r\n\t\t192.0.2.1/24\r\n\t}\r\n}");

	ASSERT_CLEAN(c);
	ck_assert_str_eq(c->global.router_id, "lb1");
	ck_assert_uint_eq(c->vrrp_instances[0].priority, 150);
	ck_assert_uint_eq(c->vrrp_instances[0].vips[0].prefix.len, 24);
	config_free(c);
	/* Positions still count lines and columns past a CR. */
	c = load("global_defs {\r\n\tbogus 1\r\n}");
	ck_assert_ptr_null(c);
	ck_assert(fixture_has_diag(DIAG_ERROR, 2, 2, "unknown keyword 'bogus'"));
}
END_TEST

START_TEST(test_nbsp_is_a_blank_warned_once)
{
	struct lvsd_config *c = load(VI_HEAD
	    "\xc2\xa0\xc2\xa0priority\xc2\xa0" "150\n"
	    "\xc2\xa0virtual_ipaddress {\n\xc2\xa0\xc2\xa0" "192.0.2.1\n }\n}\n");

	ASSERT_WARNS(c, 1, 4, 1, "no-break space (U+00A0) read as a blank");
	ck_assert_uint_eq(c->vrrp_instances[0].priority, 150);
	ck_assert_uint_eq(c->vrrp_instances[0].n_vips, 1);
	config_free(c);
	/* Inside quotes it is text, not a blank. */
	c = load("global_defs {\n router_id \"a\xc2\xa0" "b\"\n}\n");
	ASSERT_CLEAN(c);
	ck_assert_str_eq(c->global.router_id, "a\xc2\xa0" "b");
	config_free(c);
}
END_TEST

START_TEST(test_byte_order_mark_skipped)
{
	struct lvsd_config *c = load("\xef\xbb\xbfglobal_defs {\n"
	    " router_id lb1\n}\n");

	ASSERT_WARNS(c, 1, 1, 1, "UTF-8 byte order mark at the start of the "
	    "file ignored");
	ck_assert_str_eq(c->global.router_id, "lb1");
	config_free(c);
}
END_TEST

START_TEST(test_braces_as_operators_write_them)
{
	struct lvsd_config *c = load(
	    "vrrp_instance VI_1{\n interface eth0\n virtual_router_id 51\n"
	    " virtual_ipaddress\n {\n  192.0.2.1\n }\n"
	    " track_script { chk }\n}\n"
	    "vrrp_script chk { script \"/bin/true\" }\n"
	    "virtual_server 192.0.2.1 50051{\n protocol TCP\n"
	    " real_server 192.0.2.2 50051 { weight 2 }\n}\n");

	ASSERT_CLEAN(c);
	ck_assert_uint_eq(c->vrrp_instances[0].n_vips, 1);
	ck_assert_uint_eq(c->vrrp_instances[0].n_track_scripts, 1);
	ck_assert_uint_eq(c->virtual_servers[0].port, 50051);
	ck_assert_uint_eq(c->virtual_servers[0].rs[0].weight, 2);
	config_free(c);
}
END_TEST

/* -- conditional lines ---------------------------------------------------------- */

START_TEST(test_conditional_lines)
{
	const char *text = VI_HEAD "@lb1 priority 150\n@^lb1 priority 90\n"
	    "\t@lb2\tpriority 80\n virtual_ipaddress { 192.0.2.1 }\n}\n";
	struct lvsd_config *c;

	c = load_opts(text, "lb1", false);
	ASSERT_CLEAN(c);
	ck_assert_uint_eq(c->vrrp_instances[0].priority, 150);
	config_free(c);
	/* lb2 is also "not lb1": both lines apply, the last one wins. */
	c = load_opts(text, "lb2", false);
	ASSERT_WARNS(c, 1, 6, 7, "'priority' given twice");
	ck_assert_uint_eq(c->vrrp_instances[0].priority, 80);
	config_free(c);
	/* No id matches: only the @^ line. */
	c = load_opts(text, "other", false);
	ASSERT_CLEAN(c);
	ck_assert_uint_eq(c->vrrp_instances[0].priority, 90);
	config_free(c);
	/* The id is a whole word: lb1 is not lb10. */
	c = load_opts(VI_HEAD "@lb10 priority 7\n"
	    " virtual_ipaddress { 192.0.2.1 }\n}\n", "lb1", false);
	ASSERT_CLEAN(c);
	ck_assert_uint_eq(c->vrrp_instances[0].priority, 100);
	config_free(c);
	/* Nothing after the id: skipped, as keepalived, but said. */
	c = load_opts(VI_HEAD "@lb1\n virtual_ipaddress { 192.0.2.1 }\n}\n",
	    "lb1", false);
	ASSERT_WARNS(c, 1, 4, 1, "conditional line with nothing after its id");
	config_free(c);
	/* Whole blocks can be conditional too. */
	c = load_opts("@lb2 global_defs {\n@lb2 router_id two\n@lb2 }\n"
	    "global_defs { router_id one }\n", "lb1", false);
	ASSERT_CLEAN(c);
	ck_assert_str_eq(c->global.router_id, "one");
	config_free(c);
}
END_TEST

START_TEST(test_config_id_defaults_to_short_host_name)
{
	struct utsname u;
	char text[512], id[70];
	struct lvsd_config *c;

	ck_assert_int_eq(uname(&u), 0);
	snprintf(id, sizeof(id), "%.*s", (int)strcspn(u.nodename, "."),
	    u.nodename);
	snprintf(text, sizeof(text), "global_defs {\n@%s router_id mine\n"
	    "@^%s router_id other\n}\n", id, id);
	c = load_opts(text, NULL, false);
	ASSERT_CLEAN(c);
	ck_assert_str_eq(c->global.router_id, "mine");
	config_free(c);
}
END_TEST

/* -- keepalived 1.x keywords and what keepalived ignores ------------------------- */

START_TEST(test_legacy_keywords)
{
	struct lvsd_config *c;

	c = load("global_defs {\n lvs_id LVS_OLD\n lvs_process_name x\n}\n");
	ASSERT_WARNS(c, 2, 2, 2, "'lvs_id' is keepalived 1.x's name for "
	    "'router_id'; read as router_id");
	ck_assert(fixture_has_diag(DIAG_WARNING, 3, 2, "'lvs_process_name' is "
	    "keepalived's old name for 'checker_process_name'"));
	ck_assert_str_eq(c->global.router_id, "LVS_OLD");
	config_free(c);

	c = load("virtual_server 192.0.2.1 80 {\n protocol TCP\n"
	    " nat_mask 255.255.255.0\n real_server 192.0.2.2 80 {\n"
	    "  TCP_CHECK {\n   nb_get_retry 3\n  }\n }\n}\n");
	ASSERT_WARNS(c, 2, 3, 2, "'nat_mask' is obsolete (keepalived 1.x); "
	    "ignored");
	ck_assert(fixture_has_diag(DIAG_WARNING, 6, 4, "'nb_get_retry' is deprecated; "
	    "use 'retry'"));
	ck_assert_uint_eq(c->virtual_servers[0].rs[0].checkers[0].common.retry,
	    3);
	config_free(c);

	c = load(VI_HEAD " lvs_sync_daemon_inteface eth1\n"
	    " virtual_ipaddress { 192.0.2.1 }\n}\n");
	ASSERT_WARNS(c, 1, 4, 2, "lvsd runs it as 'lvs_sync_daemon eth1 VI_1'");
	ck_assert_ptr_nonnull(c->global.lvs_sync_daemon);
	ck_assert_str_eq(c->global.lvs_sync_daemon->interface, "eth1");
	ck_assert_ptr_eq(c->global.lvs_sync_daemon->instance,
	    &c->vrrp_instances[0]);
	config_free(c);
}
END_TEST

START_TEST(test_unicast_prefixes_ignored)
{
	struct lvsd_config *c = load(VI_HEAD " unicast_src_ip 192.0.2.1/24\n"
	    " unicast_peer {\n  192.0.2.2/24\n  192.0.2.3\n }\n"
	    " virtual_ipaddress { 192.0.2.9 }\n}\n");
	char buf[64];

	ASSERT_WARNS(c, 2, 4, 17, "unicast_src_ip '192.0.2.1/24': the prefix "
	    "'/24' is ignored");
	ck_assert(fixture_has_diag(DIAG_WARNING, 6, 3, "unicast_peer '192.0.2.2/24'"));
	addr_to_string(&c->vrrp_instances[0].unicast_src_ip, buf, sizeof(buf));
	ck_assert_str_eq(buf, "192.0.2.1");
	ck_assert_uint_eq(c->vrrp_instances[0].n_unicast_peers, 2);
	config_free(c);
	/* A bad prefix is still an error. */
	c = load(VI_HEAD " unicast_src_ip 192.0.2.1/33\n}\n");
	ck_assert_ptr_null(c);
	ck_assert(fixture_has_diag(DIAG_ERROR, 4, 17, "bad prefix length"));
}
END_TEST

START_TEST(test_fwmark_port_zero_and_persistence_zero)
{
	struct lvsd_config *c = load("virtual_server fwmark 7 {\n"
	    " persistence_timeout 0\n real_server 192.0.2.2 0 {\n }\n"
	    " real_server 192.0.2.3 {\n }\n}\n");

	ASSERT_WARNS(c, 1, 2, 22, "persistence_timeout 0 means no "
	    "persistence");
	ck_assert_uint_eq(c->virtual_servers[0].persistence_timeout, 0);
	ck_assert_uint_eq(c->virtual_servers[0].rs[0].port, 0);
	ck_assert_uint_eq(c->virtual_servers[0].rs[1].port, 0);
	config_free(c);
}
END_TEST

START_TEST(test_trailing_words_ignored)
{
	struct lvsd_config *c = load("virtual_server 192.0.2.1 443 tcp x {\n"
	    " protocol TCP\n real_server 192.0.2.2 443 {\n"
	    "  TCP_CHECK {\n   connect_ip 192.0.2.2 8443\n"
	    "   connect_port 8443\n  }\n }\n}\n");

	ASSERT_WARNS(c, 2, 1, 30, "'virtual_server' takes at most 2 "
	    "arguments; 'tcp x' ignored, as keepalived does");
	ck_assert(fixture_has_diag(DIAG_WARNING, 5, 25, "'connect_ip' takes at most 1 "
	    "argument; '8443' ignored"));
	ck_assert_uint_eq(c->virtual_servers[0].port, 443);
	ck_assert_uint_eq(
	    c->virtual_servers[0].rs[0].checkers[0].common.connect_port, 8443);
	config_free(c);
}
END_TEST

START_TEST(test_values_any_case)
{
	struct lvsd_config *c = load(VI_HEAD " state master\n"
	    " virtual_ipaddress { 192.0.2.1 }\n}\n"
	    "virtual_server 192.0.2.1 80 {\n lb_algo RR\n lb_kind dr\n"
	    " protocol tcp\n real_server 192.0.2.2 80 {\n }\n}\n");

	ASSERT_CLEAN(c);
	ck_assert(c->vrrp_instances[0].initial_master);
	ck_assert_str_eq(c->virtual_servers[0].sched, "rr");
	ck_assert_int_eq(c->virtual_servers[0].fwd, LVS_FWD_DR);
	config_free(c);
}
END_TEST

/* -- strict by default, lenient on request --------------------------------------- */

static const char *const sloppy =
    "global_defs {\n priority 100\n}\n"
    VI_HEAD " priorty 150\n virtual_ipaddress {\n  192.0.2.300\n"
    "  192.0.2.1\n }\n}\n"
    "virtual_server 192.0.2.1 80 {\n lb_algo rrr\n protocol TCP\n"
    " real_server 192.0.2.999 80 {\n }\n real_server 192.0.2.2 80 {\n"
    "  weigth 2\n }\n}\n";

START_TEST(test_strict_by_default)
{
	struct lvsd_config *c = load(sloppy);

	if (c != NULL || fixture_dl.n_errors != 6)
		dump();
	ck_assert_ptr_null(c);
	ck_assert_uint_eq(fixture_dl.n_errors, 6);
	ck_assert(fixture_has_diag(DIAG_ERROR, 2, 2, "unknown keyword 'priority' in "
	    "global_defs; it belongs in vrrp_instance"));
	ck_assert(fixture_has_diag(DIAG_ERROR, 7, 2, "did you mean 'priority'?"));
	ck_assert(fixture_has_diag(DIAG_ERROR, 9, 3, "'192.0.2.300' is not an IPv4"));
	ck_assert(fixture_has_diag(DIAG_ERROR, 14, 10, "unknown scheduler 'rrr'; did "
	    "you mean 'rr'?"));
	ck_assert(fixture_has_diag(DIAG_ERROR, 16, 14, "'192.0.2.999' is not an IPv4"));
	ck_assert(fixture_has_diag(DIAG_ERROR, 19, 3, "did you mean 'weight'?"));
}
END_TEST

static void
assert_lenient_model(struct lvsd_config *c)
{
	if (c == NULL || fixture_dl.n_errors != 0 || fixture_dl.n_warnings != 7)
		dump();
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(fixture_dl.n_errors, 0);
	ck_assert_uint_eq(fixture_dl.n_warnings, 7);
	ck_assert(fixture_has_diag(DIAG_WARNING, 14, 10, "unknown scheduler 'rrr'; did "
	    "you mean 'rr'? (lenient: ignored)"));
	/* What keepalived runs: the lines with errors left out. */
	ck_assert_uint_eq(c->vrrp_instances[0].priority, 100);
	ck_assert_uint_eq(c->vrrp_instances[0].n_vips, 1);
	ck_assert_str_eq(c->virtual_servers[0].sched, "wlc");
	ck_assert_uint_eq(c->virtual_servers[0].n_rs, 1);
	ck_assert_uint_eq(c->virtual_servers[0].rs[0].weight, 1);
}

START_TEST(test_lenient_switch)
{
	struct lvsd_config *c = load_opts(sloppy, "lb1", true);
	char text[1024];

	assert_lenient_model(c);
	ck_assert(fixture_has_diag(DIAG_WARNING, 0, 0, "lenient mode (--lenient): 6 "
	    "errors accepted as warnings"));
	config_free(c);
	/* The global_defs keyword, even after the errors it forgives. */
	snprintf(text, sizeof(text), "%sglobal_defs {\n lenient_config\n}\n",
	    sloppy);
	c = load(text);
	assert_lenient_model(c);
	ck_assert(fixture_has_diag(DIAG_WARNING, 23, 2, "lenient mode (lenient_config)"
	    ": 6 errors accepted as warnings"));
	config_free(c);
	/* A service whose address does not parse goes, block and all; a
	 * fwmark service stays. */
	c = load_opts("virtual_server 192.0.2.300 80 {\n protocol TCP\n"
	    " real_server 192.0.2.2 80 {\n }\n}\n"
	    "virtual_server fwmark 3 {\n real_server 192.0.2.3 80 {\n }\n"
	    " sorry_server 192.0.2.256 80\n}\n", "lb1", true);
	ASSERT_WARNS(c, 3, 1, 16, "'192.0.2.300' is not an IPv4 or IPv6 "
	    "address (lenient: ignored)");
	ck_assert(fixture_has_diag(DIAG_WARNING, 9, 15, "'192.0.2.256' is not"));
	ck_assert_uint_eq(c->n_virtual_servers, 1);
	ck_assert(c->virtual_servers[0].is_fwmark);
	ck_assert_uint_eq(c->virtual_servers[0].n_rs, 1);
	ck_assert_ptr_null(c->virtual_servers[0].sorry_server);
	config_free(c);
	/* Other errors stay errors. */
	c = load_opts(VI_HEAD " priority 300\n}\n", "lb1", true);
	ck_assert_ptr_null(c);
	ck_assert(fixture_has_diag(DIAG_ERROR, 4, 11, "out of range"));
}
END_TEST

/* -- host names and the bundle ------------------------------------------------------ */

static char tmpdir[64];

static void
write_top(const char *text, char *path, size_t len)
{
	FILE *f;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/lvsd-compat-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	snprintf(path, len, "%s/top.conf", tmpdir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void
remove_top(const char *path)
{
	unlink(path);
	rmdir(tmpdir);
}

START_TEST(test_host_name_resolved_once_and_bundled)
{
	struct config_options o = { .config_id = "lb1", .lenient = true };
	struct config_options engine = { 0 };
	struct cfg_source *disk = cfg_source_disk(true), *bundle;
	struct lvsd_config *c1, *c2;
	const uint8_t *b;
	char path[128], buf[64];
	size_t len;

	write_top("global_defs {\n smtp_server localhost 2525\n}\n"
	    VI_HEAD "@lb1 priority 150\n virtual_ipaddress { 192.0.2.1 }\n}\n",
	    path, sizeof(path));
	diag_free(&fixture_dl);
	c1 = config_load(path, disk, &o, &fixture_dl);
	if (c1 == NULL)
		dump();
	ck_assert_ptr_nonnull(c1);
	ck_assert_str_eq(c1->global.smtp_server_name, "localhost");
	ck_assert_uint_eq(c1->global.smtp_port, 2525);
	/* /etc/hosts: 127.0.0.1 or ::1, whichever getaddrinfo gives first. */
	addr_to_string(&c1->global.smtp_server, buf, sizeof(buf));
	ck_assert_msg(strcmp(buf, "127.0.0.1") == 0 || strcmp(buf, "::1") == 0,
	    "localhost resolved to %s", buf);
	/* The engine's parse: no disk, no resolver, no options of its own. */
	b = cfg_source_disk_bundle(disk, &len);
	bundle = cfg_source_bundle(b, len);
	ck_assert_ptr_nonnull(bundle);
	remove_top(path);
	diag_free(&fixture_dl);
	c2 = config_load(path, bundle, &engine, &fixture_dl);
	if (c2 == NULL)
		dump();
	ck_assert_ptr_nonnull(c2);
	ck_assert(addr_equal(&c1->global.smtp_server, &c2->global.smtp_server));
	ck_assert_uint_eq(c2->vrrp_instances[0].priority, 150);
	/* The lenient switch came along too: announced in the engine. */
	ck_assert(fixture_has_diag(DIAG_WARNING, 0, 0, "lenient mode (--lenient)"));
	config_free(c1);
	config_free(c2);
	cfg_source_free(bundle);
	cfg_source_free(disk);
}
END_TEST

START_TEST(test_include_inside_a_block)
{
	struct cfg_source *disk = cfg_source_disk(false);
	struct lvsd_config *c;
	char path[128], pool[160];
	FILE *f;

	write_top("virtual_server 192.0.2.1 443 {\n protocol TCP\n"
	    " include pool.conf\n lb_algo rr\n}\n", path, sizeof(path));
	snprintf(pool, sizeof(pool), "%s/pool.conf", tmpdir);
	f = fopen(pool, "w");
	ck_assert_ptr_nonnull(f);
	fputs("real_server 198.51.100.1 443 {\n weight 2\n}\n"
	    "real_server 198.51.100.2 443 {\n  wieght 3\n}\n", f);
	fclose(f);
	diag_free(&fixture_dl);
	c = config_load(path, disk, NULL, &fixture_dl);
	/* The typo is reported in the included file, at its position. */
	ck_assert_ptr_null(c);
	ck_assert_uint_eq(fixture_dl.n_errors, 1);
	ck_assert_str_eq(fixture_dl.items[0].file, pool);
	ck_assert_uint_eq(fixture_dl.items[0].line, 5);
	ck_assert_uint_eq(fixture_dl.items[0].col, 3);
	f = fopen(pool, "w");
	ck_assert_ptr_nonnull(f);
	fputs("real_server 198.51.100.1 443 {\n weight 2\n}\n"
	    "real_server 198.51.100.2 443 {\n  weight 3\n}", f);
	fclose(f);
	diag_free(&fixture_dl);
	c = config_load(path, disk, NULL, &fixture_dl);
	if (c == NULL)
		dump();
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(c->virtual_servers[0].n_rs, 2);
	ck_assert_uint_eq(c->virtual_servers[0].rs[1].weight, 3);
	ck_assert_str_eq(c->virtual_servers[0].sched, "rr");
	config_free(c);
	unlink(pool);
	remove_top(path);
	cfg_source_free(disk);
}
END_TEST

START_TEST(test_host_name_that_does_not_resolve)
{
	/* A string source resolves nothing: the warning path, without DNS. */
	struct lvsd_config *c = load("global_defs {\n"
	    " smtp_server mail.example.com\n}\n");

	ASSERT_WARNS(c, 1, 2, 14, "host name 'mail.example.com' does not "
	    "resolve; ignored");
	ck_assert_int_eq(c->global.smtp_server.af, 0);
	config_free(c);
	c = load("global_defs {\n smtp_server mail/x\n}\n");
	ck_assert_ptr_null(c);
	ck_assert(fixture_has_diag(DIAG_ERROR, 2, 14, "'mail/x' is not an IPv4 or IPv6 "
	    "address or a host name"));
}
END_TEST

static Suite *
compat_suite(void)
{
	Suite *s = suite_create("config_compat");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, test_crlf_tabs_no_final_newline);
	tcase_add_test(tc, test_nbsp_is_a_blank_warned_once);
	tcase_add_test(tc, test_byte_order_mark_skipped);
	tcase_add_test(tc, test_braces_as_operators_write_them);
	tcase_add_test(tc, test_conditional_lines);
	tcase_add_test(tc, test_config_id_defaults_to_short_host_name);
	suite_add_tcase(s, tc);
	tc = tcase_create("keywords");
	tcase_add_test(tc, test_legacy_keywords);
	tcase_add_test(tc, test_unicast_prefixes_ignored);
	tcase_add_test(tc, test_fwmark_port_zero_and_persistence_zero);
	tcase_add_test(tc, test_trailing_words_ignored);
	tcase_add_test(tc, test_values_any_case);
	suite_add_tcase(s, tc);
	tc = tcase_create("lenient");
	tcase_add_test(tc, test_strict_by_default);
	tcase_add_test(tc, test_lenient_switch);
	suite_add_tcase(s, tc);
	tc = tcase_create("bundle");
	tcase_add_test(tc, test_host_name_resolved_once_and_bundled);
	tcase_add_test(tc, test_include_inside_a_block);
	tcase_add_test(tc, test_host_name_that_does_not_resolve);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return fixture_run_suite(compat_suite());
}
