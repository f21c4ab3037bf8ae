// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The health checkers' pure parts (lib/check/): the HTTP response parser,
 * url expectations (status, digest, regex), the transition state
 * machines, command lines and the DNS codec.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check/body_check.h"
#include "check/dns_codec.h"
#include "check/http_parse.h"
#include "check/transition.h"

/* -- HTTP parser --------------------------------------------------------------- */

struct sink {
	struct body_check bc;
	char body[4096];
	size_t len;
};

static void
on_body(void *arg, const uint8_t *data, size_t len)
{
	struct sink *s = arg;

	ck_assert_uint_le(s->len + len, sizeof(s->body));
	memcpy(s->body + s->len, data, len);
	s->len += len;
	body_check_feed(&s->bc, data, len);
}

/*
 * Parse `resp` fed in pieces of `step` bytes (0: all at once), then the
 * end of the connection when `eof`.  Returns the final result.
 */
static enum http_result
parse(const char *resp, size_t step, bool eof, struct http_resp *r,
    struct sink *s)
{
	size_t len = strlen(resp), i = 0;
	enum http_result res = HTTP_MORE;

	memset(s, 0, sizeof(*s));
	body_check_init(&s->bc, true, true);
	http_resp_init(r, on_body, s);
	if (step == 0)
		step = len;
	while (i < len && res == HTTP_MORE) {
		size_t n = len - i < step ? len - i : step;

		res = http_resp_feed(r, (const uint8_t *)resp + i, n);
		i += n;
	}
	if (res == HTTP_MORE && eof)
		res = http_resp_eof(r);
	return res;
}

static const char *const good_responses[][2] = {
	{ "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\nHello, lvsd!\n",
	    "Hello, lvsd!\n" },
	{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "4\r\nWiki\r\n6;ext=1\r\npedia \r\nD\r\nin\r\n\r\nchunks.\r\n"
	    "0\r\nX-Trailer: 1\r\n\r\n", "Wikipedia in\r\n\r\nchunks." },
	{ "HTTP/1.0 200 OK\nServer: busybox\n\nHello, lvsd!\n",
	    "Hello, lvsd!\n" },
	{ "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"
	    "Content-Length: 0\r\n\r\n", "" },
	{ "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n", "" },
	{ "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nTransfer-Encoding: gzip, "
	    "chunked\r\n\r\nd\r\nHello, lvsd!\n\r\n0\r\n\r\n",
	    "Hello, lvsd!\n" },
};

START_TEST(http_good_split_at_every_byte)
{
	for (size_t k = 0; k < sizeof(good_responses) /
	    sizeof(good_responses[0]); k++) {
		const char *resp = good_responses[k][0];

		for (size_t step = 0; step <= strlen(resp); step++) {
			struct http_resp r;
			struct sink s;
			enum http_result res = parse(resp, step, true, &r, &s);

			ck_assert_msg(res == HTTP_DONE, "response %zu step %zu: "
			    "%s", k, step, r.error ? r.error : "not done");
			ck_assert_uint_eq(s.len, strlen(good_responses[k][1]));
			ck_assert(memcmp(s.body, good_responses[k][1],
			    s.len) == 0);
			ck_assert_int_eq(r.status, k == 4 ? 204 : 200);
			body_check_free(&s.bc);
		}
	}
}
END_TEST

START_TEST(http_close_delimited_needs_eof)
{
	struct http_resp r;
	struct sink s;

	ck_assert_int_eq(parse("HTTP/1.0 503 Busy\r\n\r\npartial", 3, false,
	    &r, &s), HTTP_MORE);
	ck_assert_int_eq(http_resp_eof(&r), HTTP_DONE);
	ck_assert_int_eq(r.status, 503);
	ck_assert_uint_eq(s.len, 7);
	body_check_free(&s.bc);
}
END_TEST

static const char *const bad_responses[][2] = {
	{ "SSH-2.0-OpenSSH_9.2\r\n", "not an HTTP/1.x response" },
	{ "HTTP/1.1 2000 OK\r\n\r\n", "malformed status line" },
	{ "HTTP/1.1 20 OK\r\n\r\n", "malformed status line" },
	{ "HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n", "malformed header line" },
	{ "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n",
	    "malformed Content-Length" },
	{ "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
	    "conflicting Content-Length headers" },
	{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
	    "malformed chunk size" },
	{ "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
	    "chunk data longer than its size" },
	{ "HTTP/1.1 200 OK\r\nX: a\001b\r\n\r\n",
	    "control byte in the response head" },
	{ "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
	    "connection closed before the end of the response" },
	{ "", "connection closed without a response" },
};

START_TEST(http_bad_rejected_with_reason)
{
	for (size_t k = 0; k < sizeof(bad_responses) /
	    sizeof(bad_responses[0]); k++) {
		const char *resp = bad_responses[k][0];

		for (size_t step = 0; step <= strlen(resp); step++) {
			struct http_resp r;
			struct sink s;

			ck_assert_int_eq(parse(resp, step, true, &r, &s),
			    HTTP_ERROR);
			ck_assert_str_eq(r.error, bad_responses[k][1]);
			body_check_free(&s.bc);
		}
	}
}
END_TEST

START_TEST(http_oversized_head_rejected)
{
	struct http_resp r;
	struct sink s;
	size_t n = HTTP_MAX_LINE + 100;
	char *line = malloc(n + 64);

	strcpy(line, "HTTP/1.1 200 OK\r\nX-Big: ");
	memset(line + strlen(line), 'a', n);
	line[n] = '\0';
	ck_assert_int_eq(parse(line, 0, true, &r, &s), HTTP_ERROR);
	ck_assert_str_eq(r.error, "header line too long");
	body_check_free(&s.bc);
	free(line);

	/* Many short headers: the head as a whole is bounded. */
	http_resp_init(&r, NULL, NULL);
	ck_assert_int_eq(http_resp_feed(&r, (const uint8_t *)
	    "HTTP/1.1 200 OK\r\n", 17), HTTP_MORE);
	for (int i = 0; i < 10000; i++) {
		enum http_result res = http_resp_feed(&r, (const uint8_t *)
		    "X-Header: value\r\n", 17);

		if (res == HTTP_ERROR)
			break;
		ck_assert_int_eq(res, HTTP_MORE);
	}
	ck_assert_int_eq(r.state, HTTP_ST_ERROR);
	ck_assert_str_eq(r.error, "response head too large");
}
END_TEST

START_TEST(http_large_body_streams)
{
	struct http_resp r;
	struct body_check bc;
	uint8_t chunk[1000];
	char hex[33];
	const char *head = "HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n";

	memset(chunk, 'z', sizeof(chunk));
	body_check_init(&bc, true, false);
	http_resp_init(&r, (http_body_fn)body_check_feed, &bc);
	ck_assert_int_eq(http_resp_feed(&r, (const uint8_t *)head,
	    strlen(head)), HTTP_MORE);
	for (int i = 0; i < 9999; i++)
		ck_assert_int_eq(http_resp_feed(&r, chunk, sizeof(chunk)),
		    HTTP_MORE);
	ck_assert_int_eq(http_resp_feed(&r, chunk, sizeof(chunk)), HTTP_DONE);
	ck_assert_uint_eq(bc.len, 10000000);
	ck_assert_ptr_null(bc.window);
	body_check_digest(&bc, hex);
	ck_assert_uint_eq(strlen(hex), 32);
	body_check_free(&bc);
}
END_TEST

/* -- url expectations ----------------------------------------------------------- */

static void
set_status(struct cfg_http_url *u, int lo, int hi)
{
	for (int c = lo; c <= hi; c++)
		u->status_ok[(c - 100) / 8] |= (uint8_t)(1u << ((c - 100) % 8));
	u->has_status = true;
}

START_TEST(url_status_lists_and_ranges)
{
	struct cfg_http_url u = { 0 };

	ck_assert(url_status_ok(&u, 200));
	ck_assert(url_status_ok(&u, 299));
	ck_assert(!url_status_ok(&u, 301));
	ck_assert(!url_status_ok(&u, 503));
	set_status(&u, 301, 302);
	set_status(&u, 503, 503);
	ck_assert(!url_status_ok(&u, 200));
	ck_assert(url_status_ok(&u, 301));
	ck_assert(url_status_ok(&u, 302));
	ck_assert(!url_status_ok(&u, 303));
	ck_assert(url_status_ok(&u, 503));
	ck_assert(!url_status_ok(&u, 999));
	ck_assert(!url_status_ok(&u, 42));
}
END_TEST

static bool
judge(const struct cfg_http_url *u, const void *re, int status,
    const char *body, char *reason)
{
	struct body_check b;
	bool ok;

	body_check_init(&b, u->digest != NULL, re != NULL);
	body_check_feed(&b, (const uint8_t *)body, strlen(body));
	ok = url_judge(u, re, status, &b, reason, 128);
	body_check_free(&b);
	return ok;
}

START_TEST(url_digest_and_regex)
{
	struct cfg_http_url u = { 0 };
	char reason[128], err[128];
	void *re;

	u.digest = "feb3f65df666727d8a6f1dc94dc89e08";
	ck_assert(judge(&u, NULL, 200, "Hello, lvsd!\n", reason));
	ck_assert(!judge(&u, NULL, 200, "Hello, lvsd?\n", reason));
	ck_assert(strncmp(reason, "digest mismatch (got ", 21) == 0);
	ck_assert(!judge(&u, NULL, 503, "Hello, lvsd!\n", reason));
	ck_assert_str_eq(reason, "status 503");
	u.digest = "D41D8CD98F00B204E9800998ECF8427E";      /* empty, upper */
	ck_assert(judge(&u, NULL, 200, "", reason));
	u.digest = NULL;

	re = url_regex_compile("ready|ok$", err, sizeof(err));
	ck_assert_ptr_nonnull(re);
	ck_assert(judge(&u, re, 200, "status: ok", reason));
	ck_assert(!judge(&u, re, 200, "status: failing", reason));
	ck_assert_str_eq(reason, "regex did not match");
	u.regex_no_match = true;
	ck_assert(!judge(&u, re, 200, "db ready", reason));
	ck_assert_str_eq(reason, "regex_no_match matched");
	ck_assert(judge(&u, re, 200, "db down", reason));
	url_regex_free(re);
	ck_assert_ptr_null(url_regex_compile("(unclosed", err, sizeof(err)));
	ck_assert(strstr(err, "offset") != NULL);
}
END_TEST

/* -- transitions ---------------------------------------------------------------- */

START_TEST(checker_retries_before_down)
{
	struct checker_timing t = { .retry = 2, .delay_loop_ms = 5000,
		.delay_before_retry_ms = 1000 };
	struct checker_fsm f;
	struct checker_step s;

	checker_fsm_init(&f, false);
	ck_assert(f.up);
	s = checker_fsm_result(&f, &t, false);
	ck_assert(!s.changed && s.retrying && s.next_ms == 1000 && f.up);
	s = checker_fsm_result(&f, &t, false);
	ck_assert(!s.changed && s.retrying && s.next_ms == 1000 && f.up);
	s = checker_fsm_result(&f, &t, false);
	ck_assert(s.changed && !s.retrying && s.next_ms == 5000 && !f.up);
	/* Down: no retries, every delay_loop. */
	s = checker_fsm_result(&f, &t, false);
	ck_assert(!s.changed && !s.retrying && s.next_ms == 5000 && !f.up);
	/* One success brings it back. */
	s = checker_fsm_result(&f, &t, true);
	ck_assert(s.changed && f.up && s.next_ms == 5000);
	/* A success in between resets the retry count. */
	checker_fsm_result(&f, &t, false);
	checker_fsm_result(&f, &t, false);
	checker_fsm_result(&f, &t, true);
	s = checker_fsm_result(&f, &t, false);
	ck_assert(s.retrying && f.up);
}
END_TEST

START_TEST(checker_alpha_and_fast_recovery)
{
	struct checker_timing t = { .retry = 3, .delay_loop_ms = 60000,
		.delay_before_retry_ms = 2000, .fast_recovery = true };
	struct checker_fsm f;
	struct checker_step s;

	checker_fsm_init(&f, true);
	ck_assert(!f.up);
	s = checker_fsm_result(&f, &t, false);
	ck_assert(!s.changed && !s.retrying && s.next_ms == 2000);
	s = checker_fsm_result(&f, &t, true);
	ck_assert(s.changed && f.up && s.next_ms == 60000);
	t.retry = 0;
	s = checker_fsm_result(&f, &t, false);
	ck_assert(s.changed && !f.up && s.next_ms == 2000);
	ck_assert_uint_eq(checker_first_delay_ms(0, 12345), 0);
	ck_assert_uint_le(checker_first_delay_ms(3000, 0xffffffffu), 3000);
}
END_TEST

/* Engine start with alpha: undecided until the first result. */
START_TEST(checker_adopting_undecided)
{
	struct checker_timing t = { .retry = 3, .delay_loop_ms = 5000,
		.delay_before_retry_ms = 1000 };
	struct checker_fsm a, b, plain;
	struct checker_step s;

	checker_fsm_init_adopting(&a, true);
	checker_fsm_init_adopting(&b, true);
	checker_fsm_init(&plain, true);
	ck_assert(!a.up && !checker_fsm_holds_down(&a));
	ck_assert(checker_fsm_holds_down(&plain));
	/* Not alpha: up, as always. */
	checker_fsm_init_adopting(&plain, false);
	ck_assert(plain.up && !checker_fsm_holds_down(&plain));
	ck_assert_int_eq(rs_state_fold(RS_UP, &a), RS_UNDECIDED);
	ck_assert_int_eq(rs_state_fold(rs_state_fold(RS_UP, &plain), &a),
	    RS_UNDECIDED);
	/* A first success: up, a change. */
	s = checker_fsm_result(&a, &t, true);
	ck_assert(s.changed && a.up);
	ck_assert_int_eq(rs_state_fold(rs_state_fold(RS_UP, &a), &b),
	    RS_UNDECIDED);
	/* A first failure: down at once, as alpha (no retry). */
	s = checker_fsm_result(&b, &t, false);
	ck_assert(!s.changed && !s.retrying && !b.up);
	ck_assert(checker_fsm_holds_down(&b));
	ck_assert_int_eq(rs_state_fold(rs_state_fold(RS_UP, &a), &b),
	    RS_DOWN);
	ck_assert_int_eq(rs_state_fold(RS_UP, &a), RS_UP);
	/* Later failures of an up checker are retried as usual. */
	s = checker_fsm_result(&a, &t, false);
	ck_assert(s.retrying && a.up);
}
END_TEST

START_TEST(misc_exit_codes)
{
	int64_t w;

	ck_assert(misc_exit_verdict(0, false, &w) && w == -1);
	ck_assert(!misc_exit_verdict(1, false, &w));
	ck_assert(!misc_exit_verdict(7, false, &w));
	ck_assert(!misc_exit_verdict(1, true, &w));
	ck_assert(misc_exit_verdict(2, true, &w) && w == 0);
	ck_assert(misc_exit_verdict(12, true, &w) && w == 10);
	ck_assert(misc_exit_verdict(255, true, &w) && w == 253);
	ck_assert(!misc_exit_verdict(-1, true, &w));
}
END_TEST

START_TEST(quorum_with_hysteresis)
{
	struct vs_quorum q;

	vs_quorum_init(&q);
	ck_assert(q.up);
	/* quorum 4, hysteresis 1: lost below 3, regained at 5. */
	ck_assert_int_eq(vs_quorum_update(&q, 4, 1, 4), QUORUM_SAME);
	ck_assert_int_eq(vs_quorum_update(&q, 4, 1, 3), QUORUM_SAME);
	ck_assert_int_eq(vs_quorum_update(&q, 4, 1, 2), QUORUM_LOST);
	ck_assert(!q.up);
	ck_assert_int_eq(vs_quorum_update(&q, 4, 1, 4), QUORUM_SAME);
	ck_assert_int_eq(vs_quorum_update(&q, 4, 1, 5), QUORUM_GAINED);
	/* Default quorum 1: lost when nothing is alive. */
	vs_quorum_init(&q);
	ck_assert_int_eq(vs_quorum_update(&q, 1, 0, 0), QUORUM_LOST);
	ck_assert_int_eq(vs_quorum_update(&q, 1, 0, 1), QUORUM_GAINED);
}
END_TEST

/* -- command lines ---------------------------------------------------------- */

/* -- DNS ------------------------------------------------------------------------ */

START_TEST(dns_round_trip)
{
	uint8_t q[DNS_MAX_MSG], r[DNS_MAX_MSG];
	size_t qlen = dns_query_encode(q, sizeof(q), 0x1234, "www.example.org",
	    1);
	char reason[128];
	size_t o;

	ck_assert_uint_eq(qlen, 12 + 17 + 4);
	ck_assert(memcmp(q + 12, "\003www\007example\003org\000", 17) == 0);
	ck_assert_uint_eq(dns_query_encode(q, sizeof(q), 1, "a..b", 1), 0);
	ck_assert_uint_eq(dns_query_encode(q, sizeof(q), 1, ".", 2), 12 + 5);
	qlen = dns_query_encode(q, sizeof(q), 0x1234, "www.example.org", 1);

	/* A reply: the query with QR, one answer pointing at the question. */
	memcpy(r, q, qlen);
	r[2] |= 0x80;
	r[7] = 1;
	o = qlen;
	memcpy(r + o, "\xc0\x0c\x00\x01\x00\x01\x00\x00\x00\x3c\x00\x04"
	    "\xc0\x00\x02\x0a", 16);
	o += 16;
	ck_assert(dns_reply_check(r, o, 0x1234, "WWW.example.org.", 1, reason,
	    sizeof(reason)));
	ck_assert(!dns_reply_check(r, o, 0x1234, "www.example.org", 28,
	    reason, sizeof(reason)));
	ck_assert_str_eq(reason, "reply to another question");
	ck_assert(!dns_reply_check(r, o, 0x9999, "www.example.org", 1, reason,
	    sizeof(reason)));
	ck_assert(!dns_reply_check(r, o - 1, 0x1234, "www.example.org", 1,
	    reason, sizeof(reason)));
	ck_assert_str_eq(reason, "malformed reply: answer data");
	r[3] = 3;
	ck_assert(!dns_reply_check(r, o, 0x1234, "www.example.org", 1, reason,
	    sizeof(reason)));
	ck_assert_str_eq(reason, "rcode 3 (NXDOMAIN)");
	r[3] = 0;
	r[7] = 0;
	ck_assert(!dns_reply_check(r, qlen, 0x1234, "www.example.org", 1,
	    reason, sizeof(reason)));
	ck_assert_str_eq(reason, "no A record in the answer");
	/* A compression loop is refused, not followed. */
	r[7] = 1;
	memcpy(r + qlen, "\xc0\x21", 2);
	ck_assert(!dns_reply_check(r, o, 0x1234, "www.example.org", 1, reason,
	    sizeof(reason)));
}
END_TEST

static Suite *
health_suite(void)
{
	Suite *s = suite_create("health");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, http_good_split_at_every_byte);
	tcase_add_test(tc, http_close_delimited_needs_eof);
	tcase_add_test(tc, http_bad_rejected_with_reason);
	tcase_add_test(tc, http_oversized_head_rejected);
	tcase_add_test(tc, http_large_body_streams);
	tcase_add_test(tc, url_status_lists_and_ranges);
	tcase_add_test(tc, url_digest_and_regex);
	tcase_add_test(tc, checker_retries_before_down);
	tcase_add_test(tc, checker_alpha_and_fast_recovery);
	tcase_add_test(tc, checker_adopting_undecided);
	tcase_add_test(tc, misc_exit_codes);
	tcase_add_test(tc, quorum_with_hysteresis);
	tcase_add_test(tc, dns_round_trip);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(health_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
