// SPDX-License-Identifier: GPL-2.0-or-later
/* The reload difference: what an engine is told to add, remove or change. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/diff.h"

static char seen[4096];

static void
record(void *arg, enum cfg_change c, enum cfg_kind kind, const char *name,
    const void *o, const void *n)
{
	static const char *const what[] = { "+", "-", "~" };

	(void)arg;
	/* The objects handed over must match the change. */
	ck_assert(c == CFG_ADDED ? o == NULL && n != NULL :
	    c == CFG_REMOVED ? o != NULL && n == NULL : o && n);
	snprintf(seen + strlen(seen), sizeof(seen) - strlen(seen),
	    "%s%s %s;", what[c], cfg_kind_name(kind), name);
}

static struct lvsd_config *
load(const char *text)
{
	struct diag_list dl;
	struct lvsd_config *c;

	diag_init(&dl);
	c = config_load_string("d.conf", text, NULL, &dl);
	if (c == NULL)
		diag_print(&dl, stderr);
	diag_free(&dl);
	ck_assert_ptr_nonnull(c);
	return c;
}

#define VI(name, vrid, extra) "vrrp_instance " name " {\n interface eth0\n" \
	" virtual_router_id " vrid "\n virtual_ipaddress { 192.0.2." vrid " }\n" \
	extra "}\n"

START_TEST(test_vrrp_diff)
{
	struct lvsd_config *a = load(VI("A", "1", "") VI("B", "2", "")
	    VI("C", "3", " track_script { s }\n")
	    "vrrp_script s {\n script /bin/true\n}\n");
	struct lvsd_config *b = load(VI("B", "2", " priority 200\n")
	    VI("C", "3", " track_script { s }\n") VI("D", "4", "")
	    "vrrp_script s {\n script /bin/false\n}\n");

	seen[0] = '\0';
	ck_assert_uint_eq(config_diff_vrrp(a, b, record, NULL), 4);
	/* sorted by name; a changed script changes its tracker C */
	ck_assert_str_eq(seen, "-vrrp_instance A;~vrrp_instance B;"
	    "~vrrp_instance C;+vrrp_instance D;");
	seen[0] = '\0';
	ck_assert_uint_eq(config_diff_vrrp(b, b, record, NULL), 0);
	ck_assert_str_eq(seen, "");
	config_free(a);
	config_free(b);
}
END_TEST

START_TEST(test_lvs_diff)
{
	struct lvsd_config *a = load(
	    "virtual_server 192.0.2.1 80 {\n lb_algo rr\n"
	    " real_server 198.51.100.1 80 {\n weight 1\n }\n"
	    " real_server 198.51.100.2 80 {\n }\n}\n"
	    "virtual_server 192.0.2.2 80 {\n}\n"
	    "virtual_server fwmark 7 {\n}\n");
	struct lvsd_config *b = load(
	    "virtual_server fwmark 7 {\n}\n"
	    "virtual_server 192.0.2.1 80 {\n lb_algo rr\n"
	    " real_server 198.51.100.1 80 {\n weight 5\n }\n"
	    " real_server 198.51.100.3 80 {\n }\n}\n"
	    "virtual_server 192.0.2.2 80 {\n lb_algo wrr\n}\n"
	    "virtual_server 192.0.2.2 80 {\n protocol UDP\n}\n");

	seen[0] = '\0';
	ck_assert_uint_eq(config_diff_lvs(a, b, record, NULL), 5);
	ck_assert_str_eq(seen,
	    "~real_server 198.51.100.1:80 in 192.0.2.1:80/tcp;"
	    "-real_server 198.51.100.2:80 in 192.0.2.1:80/tcp;"
	    "+real_server 198.51.100.3:80 in 192.0.2.1:80/tcp;"
	    "~virtual_server 192.0.2.2:80/tcp;"
	    "+virtual_server 192.0.2.2:80/udp;");
	config_free(a);
	config_free(b);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("reload");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_vrrp_diff);
	tcase_add_test(tc, test_lvs_diff);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
