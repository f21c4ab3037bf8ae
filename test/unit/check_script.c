// SPDX-License-Identifier: GPL-2.0-or-later
/* Script command lines (lib/script/argv.c) and the runner (src/script.c). */
#include "config.h"

#include <check.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pwd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "script.h"
#include "script/argv.h"

START_TEST(argv_words_quotes_escapes)
{
	const char *err = NULL;
	const char *extra[] = { "INSTANCE", "VI 1" };
	char **v = script_argv_split("  /bin/x a\t\"b c\" 'd \"e' f\\ g \"\" ",
	    extra, 2, &err);

	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(script_argv_count(v), 8);
	ck_assert_str_eq(v[0], "/bin/x");
	ck_assert_str_eq(v[1], "a");
	ck_assert_str_eq(v[2], "b c");
	ck_assert_str_eq(v[3], "d \"e");
	ck_assert_str_eq(v[4], "f g");
	ck_assert_str_eq(v[5], "");
	ck_assert_str_eq(v[6], "INSTANCE");
	ck_assert_str_eq(v[7], "VI 1");
	ck_assert_ptr_null(v[8]);
	free(v);
}
END_TEST

START_TEST(argv_joined_quotes_and_errors)
{
	const char *err = NULL;
	char **v = script_argv_split("a\"b c\"d", NULL, 0, &err);

	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(script_argv_count(v), 1);
	ck_assert_str_eq(v[0], "ab cd");
	free(v);
	ck_assert_ptr_null(script_argv_split("/bin/x \"open", NULL, 0, &err));
	ck_assert_str_eq(err, "a quote is not closed");
	ck_assert_ptr_null(script_argv_split(" \t ", NULL, 0, &err));
	ck_assert_str_eq(err, "the command line is empty");
}
END_TEST

START_TEST(path_security)
{
	char buf[256];

	/* Debian's /bin/sh: root's all the way up. */
	ck_assert_ptr_null(script_path_insecure("/bin/sh", 0, buf,
	    sizeof(buf)));
	/* Not checked for other users. */
	ck_assert_ptr_null(script_path_insecure("/nonexistent", 1, buf,
	    sizeof(buf)));
	ck_assert_ptr_nonnull(script_path_insecure("/nonexistent", 0, buf,
	    sizeof(buf)));
	ck_assert(script_find_program("sh", buf, sizeof(buf)));
	ck_assert(!script_find_program("no-such-program-lvsd", buf,
	    sizeof(buf)));
}
END_TEST

/* -- the runner ------------------------------------------------------------ */

struct record {
	int n;
	struct script_result r[8];
	int tag[8];
};

struct done_arg {
	struct record *rec;
	int tag;
};

static void
record_done(void *arg, const struct script_result *r)
{
	struct done_arg *d = arg;

	d->rec->r[d->rec->n] = *r;
	d->rec->tag[d->rec->n++] = d->tag;
}

static void
run_until(struct ev_loop *loop, struct record *rec, int n, double limit)
{
	ev_tstamp end = ev_time() + limit;

	while (rec->n < n && ev_time() < end)
		ev_run(loop, EVRUN_ONCE);
}

START_TEST(queue_runs_in_order_one_at_a_time)
{
	struct ev_loop *loop = ev_default_loop(0);
	struct script_ctx ctx;
	struct script_queue q;
	struct record rec = { 0 };
	struct done_arg d[3];
	char dir[] = "/tmp/check_script.XXXXXX", cmd[512], file[300];
	FILE *f;
	char line[64];
	int i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/out", dir);
	script_ctx_init(&ctx, loop);
	script_queue_init(&q, &ctx, "test");
	for (i = 0; i < 3; i++) {
		/* The first sleeps: the others must still come after it. */
		snprintf(cmd, sizeof(cmd), "/bin/sh -c \"%secho %d >> %s; "
		    "exit %d\"", i == 0 ? "sleep 0.3; " : "", i, file, i);
		d[i].rec = &rec;
		d[i].tag = i;
		script_queue_push(&q, cmd, NULL, 0, NULL, 10, record_done,
		    &d[i]);
	}
	ck_assert_int_eq(rec.n, 0);     /* never from inside push */
	ck_assert(script_queue_busy(&q));
	run_until(loop, &rec, 3, 20);
	ck_assert_int_eq(rec.n, 3);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(rec.tag[i], i);
		ck_assert_int_eq(rec.r[i].outcome, SCRIPT_EXITED);
		ck_assert_int_eq(rec.r[i].status, i);
	}
	f = fopen(file, "r");
	ck_assert_ptr_nonnull(f);
	for (i = 0; i < 3; i++) {
		ck_assert_ptr_nonnull(fgets(line, sizeof(line), f));
		ck_assert_int_eq(atoi(line), i);
	}
	fclose(f);
	unlink(file);
	rmdir(dir);
	ck_assert(!script_queue_busy(&q));
}
END_TEST

START_TEST(timeout_kills_the_group)
{
	struct ev_loop *loop = ev_default_loop(0);
	struct script_ctx ctx;
	struct script_queue q;
	struct record rec = { 0 };
	struct done_arg d = { &rec, 0 };
	char dir[] = "/tmp/check_script.XXXXXX", cmd[512], file[300];
	FILE *f;
	int pid = 0;
	ev_tstamp start;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/pid", dir);
	script_ctx_init(&ctx, loop);
	script_queue_init(&q, &ctx, "test");
	/* A grandchild in the background would outlive a plain kill. */
	snprintf(cmd, sizeof(cmd), "/bin/sh -c \"sleep 30 & echo $! > %s; "
	    "wait\"", file);
	start = ev_time();
	script_queue_push(&q, cmd, NULL, 0, NULL, 0.5, record_done, &d);
	run_until(loop, &rec, 1, 20);
	ck_assert_int_eq(rec.n, 1);
	ck_assert_int_eq(rec.r[0].outcome, SCRIPT_TIMED_OUT);
	ck_assert_double_lt(ev_time() - start, 10);
	f = fopen(file, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%d", &pid), 1);
	fclose(f);
	ck_assert_int_gt(pid, 1);
	/* Gone (or a zombie of init's, at worst, for a moment). */
	for (int i = 0; i < 100 && kill(pid, 0) == 0; i++) {
		char p[64], st[256] = "";
		FILE *sf;

		snprintf(p, sizeof(p), "/proc/%d/stat", pid);
		sf = fopen(p, "r");
		if (sf != NULL) {
			if (fgets(st, sizeof(st), sf) == NULL)
				st[0] = '\0';
			fclose(sf);
		}
		if (strstr(st, ") Z ") != NULL)
			break;
		usleep(50000);
	}
	{
		char p[64], st[256] = "";
		FILE *sf;

		snprintf(p, sizeof(p), "/proc/%d/stat", pid);
		sf = fopen(p, "r");
		if (sf != NULL) {
			if (fgets(st, sizeof(st), sf) == NULL)
				st[0] = '\0';
			fclose(sf);
			ck_assert_msg(strstr(st, ") Z ") != NULL,
			    "grandchild still running: %s", st);
		}
	}
	unlink(file);
	rmdir(dir);
}
END_TEST

START_TEST(missing_program_and_signals)
{
	struct ev_loop *loop = ev_default_loop(0);
	struct script_ctx ctx;
	struct script_queue q;
	struct record rec = { 0 };
	struct done_arg d[2] = { { &rec, 0 }, { &rec, 1 } };

	script_ctx_init(&ctx, loop);
	script_queue_init(&q, &ctx, "test");
	script_queue_push(&q, "/nonexistent/x", NULL, 0, NULL, 5, record_done,
	    &d[0]);
	script_queue_push(&q, "/bin/sh -c 'kill -9 $$'", NULL, 0, NULL, 5,
	    record_done, &d[1]);
	run_until(loop, &rec, 2, 20);
	ck_assert_int_eq(rec.n, 2);
	ck_assert_int_eq(rec.r[0].outcome, SCRIPT_NOT_RUN);
	ck_assert_str_eq(rec.r[0].why,
	    "cannot run '/nonexistent/x': no such executable");
	ck_assert_int_eq(rec.r[1].outcome, SCRIPT_SIGNALED);
	ck_assert_int_eq(rec.r[1].status, SIGKILL);
}
END_TEST

START_TEST(security_refuses_insecure_root_scripts)
{
	struct ev_loop *loop = ev_default_loop(0);
	struct script_ctx ctx;
	struct script_queue q;
	struct record rec = { 0 };
	struct done_arg d = { &rec, 0 };
	char dir[] = "/tmp/check_script.XXXXXX", path[300];
	FILE *f;

	if (getuid() != 0)
		return;         /* the rule is about root */
	ck_assert_ptr_nonnull(mkdtemp(dir));
	chmod(dir, 0777);       /* writable by anyone, not sticky */
	snprintf(path, sizeof(path), "%s/s.sh", dir);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("#!/bin/sh\nexit 0\n", f);
	fclose(f);
	chmod(path, 0755);
	script_ctx_init(&ctx, loop);
	ck_assert(script_ctx_configure(&ctx, "root", NULL, true));
	script_queue_init(&q, &ctx, "test");
	script_queue_push(&q, path, NULL, 0, NULL, 5, record_done, &d);
	run_until(loop, &rec, 1, 20);
	ck_assert_int_eq(rec.n, 1);
	ck_assert_int_eq(rec.r[0].outcome, SCRIPT_NOT_RUN);
	ck_assert_ptr_nonnull(strstr(rec.r[0].why, "refusing to run"));
	ck_assert_ptr_nonnull(strstr(rec.r[0].why, "writable by everyone"));
	/* Without enable_script_security it runs (with a warning). */
	ctx.security = false;
	script_queue_push(&q, path, NULL, 0, NULL, 5, record_done, &d);
	run_until(loop, &rec, 2, 20);
	ck_assert_int_eq(rec.n, 2);
	ck_assert_int_eq(rec.r[1].outcome, SCRIPT_EXITED);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* script_spawn: starts at once, outside any queue; reaped by the loop;
 * an `outlive` run survives script_ctx_shutdown, another is killed. */
START_TEST(spawn_runs_at_once_and_outlives)
{
	struct ev_loop *loop = ev_default_loop(0);
	struct script_ctx ctx;
	char dir[] = "/tmp/check_script.XXXXXX", cmd[1024], a[64], b[64];
	ev_tstamp end;
	FILE *f;
	int pid_a = 0, pid_b = 0;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(a, sizeof(a), "%s/a", dir);
	snprintf(b, sizeof(b), "%s/b", dir);
	script_ctx_init(&ctx, loop);
	ck_assert(!script_spawn(&ctx, "test", "/nonexistent/x", NULL, 5,
	    false));
	snprintf(cmd, sizeof(cmd), "/bin/sh -c \"echo $$ > %s.tmp; mv %s.tmp "
	    "%s; exec sleep 30\"", a, a, a);
	ck_assert(script_spawn(&ctx, "test", cmd, NULL, 0, true));
	snprintf(cmd, sizeof(cmd), "/bin/sh -c \"echo $$ > %s.tmp; mv %s.tmp "
	    "%s; exec sleep 30\"", b, b, b);
	ck_assert(script_spawn(&ctx, "test", cmd, NULL, 0, false));
	/* Both started without the loop running. */
	end = ev_time() + 20;
	while ((access(a, F_OK) != 0 || access(b, F_OK) != 0) &&
	    ev_time() < end)
		usleep(20000);
	f = fopen(a, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%d", &pid_a), 1);
	fclose(f);
	f = fopen(b, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(fscanf(f, "%d", &pid_b), 1);
	fclose(f);
	script_ctx_shutdown(&ctx);
	ck_assert_int_eq(kill(pid_a, 0), 0);
	/* b was killed: reap it (a zombie of ours until then). */
	ck_assert_int_eq(waitpid(pid_b, NULL, 0), pid_b);
	kill(pid_a, SIGKILL);
	waitpid(pid_a, NULL, 0);
	unlink(a);
	unlink(b);
	rmdir(dir);
}
END_TEST

START_TEST(runs_as_the_script_user)
{
	struct ev_loop *loop = ev_default_loop(0);
	struct script_ctx ctx;
	struct script_queue q;
	struct record rec = { 0 };
	struct done_arg d = { &rec, 0 };
	struct script_identity nobody;

	if (getuid() != 0 || getpwnam("nobody") == NULL)
		return;
	script_ctx_init(&ctx, loop);
	ck_assert(script_identity_lookup("nobody", NULL, &nobody));
	script_queue_init(&q, &ctx, "test");
	/* Exits 0 only when its uid is nobody's. */
	{
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "/bin/sh -c '[ $(id -u) = %u ]'",
		    (unsigned)nobody.uid);
		script_queue_push(&q, cmd, NULL, 0, &nobody, 5, record_done,
		    &d);
	}
	run_until(loop, &rec, 1, 20);
	ck_assert_int_eq(rec.n, 1);
	ck_assert_int_eq(rec.r[0].outcome, SCRIPT_EXITED);
	ck_assert_int_eq(rec.r[0].status, 0);
	ck_assert(!script_ctx_configure(&ctx, "no-such-user-lvsd", NULL,
	    false));
}
END_TEST

static Suite *
script_suite(void)
{
	Suite *s = suite_create("script");
	TCase *tc = tcase_create("script");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, argv_words_quotes_escapes);
	tcase_add_test(tc, argv_joined_quotes_and_errors);
	tcase_add_test(tc, path_security);
	tcase_add_test(tc, queue_runs_in_order_one_at_a_time);
	tcase_add_test(tc, timeout_kills_the_group);
	tcase_add_test(tc, missing_program_and_signals);
	tcase_add_test(tc, security_refuses_insecure_root_scripts);
	tcase_add_test(tc, runs_as_the_script_user);
	tcase_add_test(tc, spawn_runs_at_once_and_outlives);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(script_suite());
	int failed;

	log_init("test", true, false);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
