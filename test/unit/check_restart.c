// SPDX-License-Identifier: GPL-2.0-or-later
/* The engines' restart policy (src/restart_policy.c). */
#include "config.h"

#include <check.h>
#include <signal.h>
#include <stdlib.h>

#include "exitcode.h"
#include "restart_policy.h"

/* Wait statuses as waitpid reports them. */
#define EXITED(code) (((code) & 0xff) << 8)
#define KILLED(sig) ((sig) & 0x7f)

START_TEST(crash_loop_doubles_up_to_the_cap)
{
	struct restart_policy rp;
	double want = RESTART_DELAY_FIRST;
	int i;

	restart_policy_init(&rp);
	for (i = 0; i < 20; i++) {
		ck_assert_double_eq_tol(
		    restart_policy_on_exit(&rp, KILLED(SIGSEGV), 0.5), want,
		    1e-9);
		want = want * 2 < RESTART_DELAY_MAX ? want * 2 :
		    RESTART_DELAY_MAX;
	}
	/* 0.1 * 2^10 > 60: long capped by now. */
	ck_assert_double_eq_tol(restart_policy_on_exit(&rp, KILLED(SIGKILL),
	    1.0), RESTART_DELAY_MAX, 1e-9);
}
END_TEST

START_TEST(stable_engine_restarts_fast_again)
{
	struct restart_policy rp;
	int i;

	restart_policy_init(&rp);
	for (i = 0; i < 6; i++)
		restart_policy_on_exit(&rp, KILLED(SIGKILL), 1.0);
	ck_assert_double_gt(restart_policy_on_exit(&rp, KILLED(SIGKILL), 1.0),
	    RESTART_DELAY_FIRST);
	/* It then ran for longer than RESTART_STABLE_AFTER. */
	ck_assert_double_eq_tol(restart_policy_on_exit(&rp, KILLED(SIGKILL),
	    RESTART_STABLE_AFTER + 1), RESTART_DELAY_FIRST, 1e-9);
	ck_assert_double_eq_tol(restart_policy_on_exit(&rp, EXITED(1), 0.1),
	    RESTART_DELAY_FIRST * 2, 1e-9);
}
END_TEST

START_TEST(gives_up_after_config_exits_in_a_row)
{
	struct restart_policy rp;
	unsigned i;

	restart_policy_init(&rp);
	for (i = 1; i < RESTART_CONFIG_EXIT_LIMIT; i++)
		ck_assert_double_ge(restart_policy_on_exit(&rp,
		    EXITED(LVSD_EXIT_CONFIG), 0.1), 0);
	ck_assert_double_lt(restart_policy_on_exit(&rp,
	    EXITED(LVSD_EXIT_CONFIG), 0.1), 0);
	ck_assert_uint_eq(rp.config_exits, RESTART_CONFIG_EXIT_LIMIT);
}
END_TEST

START_TEST(other_exits_break_the_config_run)
{
	struct restart_policy rp;
	unsigned i;

	restart_policy_init(&rp);
	for (i = 1; i < RESTART_CONFIG_EXIT_LIMIT; i++)
		restart_policy_on_exit(&rp, EXITED(LVSD_EXIT_CONFIG), 0.1);
	/* A crash in between: the configuration was not the problem. */
	ck_assert_double_ge(restart_policy_on_exit(&rp, KILLED(SIGSEGV), 0.1),
	    0);
	ck_assert_uint_eq(rp.config_exits, 0);
	for (i = 1; i < RESTART_CONFIG_EXIT_LIMIT; i++)
		ck_assert_double_ge(restart_policy_on_exit(&rp,
		    EXITED(LVSD_EXIT_CONFIG), 0.1), 0);
	/* Exit codes other than LVSD_EXIT_CONFIG do not count either. */
	ck_assert_double_ge(restart_policy_on_exit(&rp,
	    EXITED(LVSD_EXIT_FATAL), 0.1), 0);
	ck_assert_double_ge(restart_policy_on_exit(&rp,
	    EXITED(LVSD_EXIT_CONFIG), 0.1), 0);
}
END_TEST

START_TEST(start_failures_back_off_too)
{
	struct restart_policy rp;

	restart_policy_init(&rp);
	ck_assert_double_eq_tol(restart_policy_on_start_failure(&rp),
	    RESTART_DELAY_FIRST, 1e-9);
	ck_assert_double_eq_tol(restart_policy_on_start_failure(&rp),
	    RESTART_DELAY_FIRST * 2, 1e-9);
	ck_assert_uint_eq(rp.config_exits, 0);
}
END_TEST

static Suite *
restart_suite(void)
{
	Suite *s = suite_create("restart_policy");
	TCase *tc = tcase_create("policy");

	tcase_add_test(tc, crash_loop_doubles_up_to_the_cap);
	tcase_add_test(tc, stable_engine_restarts_fast_again);
	tcase_add_test(tc, gives_up_after_config_exits_in_a_row);
	tcase_add_test(tc, other_exits_break_the_config_run);
	tcase_add_test(tc, start_failures_back_off_too);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(restart_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
