// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for lib/ipc: frame reader, writer, dispatch, channel. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ipc/channel.h"
#include "ipc/event.h"
#include "ipc/frame.h"
#include "ipc/msg.h"
#include "util.h"

static int sv[2];
static struct ipc_reader rd;
static struct ipc_writer wr;

static void
setup(void)
{
	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0,
	    sv), 0);
	ipc_reader_init(&rd);
	ipc_writer_init(&wr);
}

static void
teardown(void)
{
	ipc_reader_free(&rd);
	ipc_writer_free(&wr);
	if (sv[0] >= 0)
		close(sv[0]);
	if (sv[1] >= 0)
		close(sv[1]);
}

/* Write a raw header, bypassing the writer's checks. */
static void
write_raw_hdr(uint32_t len, uint16_t type, uint16_t flags, uint32_t id)
{
	struct ipc_hdr h = { len, type, flags, id };

	ck_assert_int_eq(write(sv[0], &h, sizeof(h)), (ssize_t)sizeof(h));
}

START_TEST(round_trip)
{
	struct ipc_msg m;

	ck_assert_int_eq(ipc_writer_queue(&wr, IPC_CFG_FAILED, 42, "hello",
	    5), 0);
	ck_assert_uint_eq(ipc_writer_pending(&wr), IPC_HDR_LEN + 5);
	ck_assert_int_eq(ipc_writer_flush(&wr, sv[0]), 0);
	ck_assert_uint_eq(ipc_writer_pending(&wr), 0);
	ck_assert_int_eq(ipc_reader_fill(&rd, sv[1]), IPC_HDR_LEN + 5);
	ck_assert_int_eq(ipc_reader_next(&rd, &m), 1);
	ck_assert_uint_eq(m.type, IPC_CFG_FAILED);
	ck_assert_uint_eq(m.id, 42);
	ck_assert_uint_eq(m.len, 5);
	ck_assert_mem_eq(m.data, "hello", 5);
	ck_assert_int_eq(ipc_reader_next(&rd, &m), 0);
	ck_assert_uint_eq(ipc_reader_buffered(&rd), 0);
}
END_TEST

START_TEST(empty_payload)
{
	struct ipc_msg m;

	ck_assert_int_eq(ipc_writer_queue(&wr, IPC_STOP, 0, NULL, 0), 0);
	ck_assert_int_eq(ipc_writer_flush(&wr, sv[0]), 0);
	ck_assert_int_eq(ipc_reader_fill(&rd, sv[1]), IPC_HDR_LEN);
	ck_assert_int_eq(ipc_reader_next(&rd, &m), 1);
	ck_assert_uint_eq(m.type, IPC_STOP);
	ck_assert_uint_eq(m.len, 0);
}
END_TEST

START_TEST(partial_reads_byte_by_byte)
{
	struct ipc_writer one;
	struct ipc_msg m;
	size_t i, total;

	/* Build the frame in a second writer, then trickle its bytes. */
	ipc_writer_init(&one);
	ck_assert_int_eq(ipc_writer_queue(&one, IPC_CFG_CHUNK, 7, "abcdef",
	    6), 0);
	total = ipc_writer_pending(&one);
	for (i = 0; i < total; i++) {
		ck_assert_int_eq(write(sv[0], one.buf + i, 1), 1);
		ck_assert_int_eq(ipc_reader_fill(&rd, sv[1]), 1);
		if (i + 1 < total) {
			ck_assert_int_eq(ipc_reader_next(&rd, &m), 0);
			ck_assert_uint_eq(ipc_reader_buffered(&rd), i + 1);
		}
	}
	ck_assert_int_eq(ipc_reader_next(&rd, &m), 1);
	ck_assert_uint_eq(m.type, IPC_CFG_CHUNK);
	ck_assert_uint_eq(m.id, 7);
	ck_assert_mem_eq(m.data, "abcdef", 6);
	/* Nothing more to read: EAGAIN, not EOF. */
	ck_assert_int_eq(ipc_reader_fill(&rd, sv[1]), -1);
	ck_assert_int_eq(errno, EAGAIN);
	ipc_writer_free(&one);
}
END_TEST

START_TEST(oversize_refused_by_sender)
{
	char *big = xcalloc(1, IPC_MAX_PAYLOAD + 1);

	ck_assert_int_eq(ipc_writer_queue(&wr, IPC_CFG_CHUNK, 1, big,
	    IPC_MAX_PAYLOAD + 1), -1);
	ck_assert_int_eq(errno, EMSGSIZE);
	ck_assert_uint_eq(ipc_writer_pending(&wr), 0);
	free(big);
}
END_TEST

START_TEST(oversize_refused_by_receiver)
{
	struct ipc_msg m;

	write_raw_hdr(IPC_MAX_FRAME + 1, IPC_CFG_CHUNK, 0, 1);
	ck_assert_int_eq(ipc_reader_fill(&rd, sv[1]), IPC_HDR_LEN);
	ck_assert_int_eq(ipc_reader_next(&rd, &m), -1);
	ck_assert_ptr_ne(strstr(ipc_reader_error(&rd), "bad length"), NULL);
}
END_TEST

START_TEST(length_below_header_refused)
{
	struct ipc_msg m;

	write_raw_hdr(IPC_HDR_LEN - 1, IPC_STOP, 0, 0);
	ck_assert_int_eq(ipc_reader_fill(&rd, sv[1]), IPC_HDR_LEN);
	ck_assert_int_eq(ipc_reader_next(&rd, &m), -1);
}
END_TEST

START_TEST(truncated_header)
{
	struct ipc_msg m;
	struct ipc_hdr h = { IPC_HDR_LEN, IPC_STOP, 0, 0 };

	ck_assert_int_eq(write(sv[0], &h, 5), 5);
	close(sv[0]);
	sv[0] = -1;
	ck_assert_int_eq(ipc_reader_fill(&rd, sv[1]), 5);
	ck_assert_int_eq(ipc_reader_next(&rd, &m), 0);
	ck_assert_int_eq(ipc_reader_fill(&rd, sv[1]), 0);       /* EOF */
	ck_assert_int_eq(ipc_reader_next(&rd, &m), 0);
	ck_assert_uint_eq(ipc_reader_buffered(&rd), 5);
}
END_TEST

START_TEST(bad_flags)
{
	struct ipc_msg m;

	write_raw_hdr(IPC_HDR_LEN, IPC_STOP, 0x0001, 0);
	/* A good frame behind it must not be returned: the stream is
	 * desynchronised and stays so. */
	ck_assert_int_eq(ipc_writer_queue(&wr, IPC_STOP, 0, NULL, 0), 0);
	ck_assert_int_eq(ipc_writer_flush(&wr, sv[0]), 0);
	ck_assert_int_eq(ipc_reader_fill(&rd, sv[1]), 2 * IPC_HDR_LEN);
	ck_assert_int_eq(ipc_reader_next(&rd, &m), -1);
	ck_assert_ptr_ne(strstr(ipc_reader_error(&rd), "flags 0x0001"),
	    NULL);
	ck_assert_int_eq(ipc_reader_next(&rd, &m), -1);
}
END_TEST

START_TEST(max_size_payload)
{
	uint8_t *big = xmalloc(IPC_MAX_PAYLOAD);
	struct ipc_msg m;
	size_t i;
	int got = 0, flushed = 1;

	for (i = 0; i < IPC_MAX_PAYLOAD; i++)
		big[i] = (uint8_t)(i * 7);
	ck_assert_int_eq(ipc_writer_queue(&wr, IPC_CFG_CHUNK, 9, big,
	    IPC_MAX_PAYLOAD), 0);
	/* Interleave: the socket buffer need not hold the whole frame. */
	for (i = 0; i < 1000 && !got; i++) {
		if (flushed)
			flushed = ipc_writer_flush(&wr, sv[0]);
		ck_assert_int_ge(flushed, 0);
		(void)ipc_reader_fill(&rd, sv[1]);
		got = ipc_reader_next(&rd, &m);
		ck_assert_int_ge(got, 0);
	}
	ck_assert_int_eq(got, 1);
	ck_assert_uint_eq(m.len, IPC_MAX_PAYLOAD);
	ck_assert_mem_eq(m.data, big, IPC_MAX_PAYLOAD);
	free(big);
}
END_TEST

START_TEST(multiple_frames_in_one_read)
{
	struct ipc_msg m;
	uint32_t id;

	for (id = 1; id <= 3; id++)
		ck_assert_int_eq(ipc_writer_queue(&wr, IPC_CFG_APPLIED, id,
		    &id, sizeof(id)), 0);
	ck_assert_int_eq(ipc_writer_flush(&wr, sv[0]), 0);
	ck_assert_int_eq(ipc_reader_fill(&rd, sv[1]),
	    3 * (IPC_HDR_LEN + sizeof(id)));
	for (id = 1; id <= 3; id++) {
		uint32_t v;

		ck_assert_int_eq(ipc_reader_next(&rd, &m), 1);
		ck_assert_uint_eq(m.id, id);
		memcpy(&v, m.data, sizeof(v));
		ck_assert_uint_eq(v, id);
	}
	ck_assert_int_eq(ipc_reader_next(&rd, &m), 0);
}
END_TEST

START_TEST(writer_keeps_order_when_socket_is_full)
{
	int sndbuf = 4096;
	uint8_t chunk[1000];
	struct ipc_msg m;
	uint32_t id, next_id = 0;
	int i, r = 1;

	ck_assert_int_eq(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sndbuf,
	    sizeof(sndbuf)), 0);
	memset(chunk, 0xab, sizeof(chunk));
	for (id = 0; id < 500; id++)
		ck_assert_int_eq(ipc_writer_queue(&wr, IPC_CFG_CHUNK, id,
		    chunk, sizeof(chunk)), 0);
	ck_assert_int_eq(ipc_writer_flush(&wr, sv[0]), 1); /* would block */
	for (i = 0; i < 100000 && next_id < 500; i++) {
		if (r == 1)
			r = ipc_writer_flush(&wr, sv[0]);
		ck_assert_int_ge(r, 0);
		(void)ipc_reader_fill(&rd, sv[1]);
		while (ipc_reader_next(&rd, &m) == 1) {
			ck_assert_uint_eq(m.id, next_id);
			ck_assert_uint_eq(m.len, sizeof(chunk));
			next_id++;
		}
	}
	ck_assert_uint_eq(next_id, 500);
	ck_assert_uint_eq(ipc_writer_pending(&wr), 0);
	/* The burst's 500 KB queue is given back once sent ... */
	ck_assert_ptr_null(wr.buf);
	ck_assert_uint_eq(wr.cap, 0);
	/* ... and the writer still works. */
	ck_assert_int_eq(ipc_writer_queue(&wr, IPC_CFG_CHUNK, 500, chunk,
	    sizeof(chunk)), 0);
	ck_assert_int_eq(ipc_writer_flush(&wr, sv[0]), 0);
	ck_assert_int_ge(ipc_reader_fill(&rd, sv[1]), 0);
	ck_assert_int_eq(ipc_reader_next(&rd, &m), 1);
	ck_assert_uint_eq(m.id, 500);
	ck_assert_ptr_nonnull(wr.buf);          /* small: kept */
}
END_TEST

/* -- dispatch ------------------------------------------------------------- */

static int calls;
static uint32_t last_id;

static int
count_fn(void *ctx, const struct ipc_msg *msg)
{
	ck_assert_ptr_eq(ctx, &calls);
	calls++;
	last_id = msg->id;
	return 0;
}

static int
reject_fn(void *ctx, const struct ipc_msg *msg)
{
	(void)ctx;
	(void)msg;
	return -1;
}

static const struct ipc_handler table[] = {
	{ IPC_CFG_APPLIED, 0, 0, count_fn },
	{ IPC_CFG_FAILED, 1, 8, count_fn },
	{ IPC_STOP, 0, 0, reject_fn },
};

static struct ipc_msg
make_msg(uint16_t type, uint32_t id, uint32_t len)
{
	static const uint8_t payload[16];
	struct ipc_msg m = { type, id, payload, len };

	return m;
}

START_TEST(dispatch_known_type)
{
	struct ipc_msg m = make_msg(IPC_CFG_FAILED, 5, 8);

	calls = 0;
	ck_assert_int_eq(ipc_dispatch(table, NITEMS(table), "test", &m,
	    &calls), 0);
	ck_assert_int_eq(calls, 1);
	ck_assert_uint_eq(last_id, 5);
}
END_TEST

START_TEST(dispatch_unknown_type)
{
	struct ipc_msg m = make_msg(0x0999, 1, 0);
	struct ipc_msg wrong_way = make_msg(IPC_CFG_BEGIN, 1, 4);

	calls = 0;
	ck_assert_int_eq(ipc_dispatch(table, NITEMS(table), "test", &m,
	    &calls), -1);
	ck_assert_int_eq(ipc_dispatch(table, NITEMS(table), "test",
	    &wrong_way, &calls), -1);
	ck_assert_int_eq(calls, 0);
}
END_TEST

START_TEST(dispatch_length_out_of_range)
{
	struct ipc_msg too_short = make_msg(IPC_CFG_FAILED, 1, 0);
	struct ipc_msg too_long = make_msg(IPC_CFG_FAILED, 1, 9);
	struct ipc_msg not_empty = make_msg(IPC_CFG_APPLIED, 1, 1);

	calls = 0;
	ck_assert_int_eq(ipc_dispatch(table, NITEMS(table), "test",
	    &too_short, &calls), -1);
	ck_assert_int_eq(ipc_dispatch(table, NITEMS(table), "test",
	    &too_long, &calls), -1);
	ck_assert_int_eq(ipc_dispatch(table, NITEMS(table), "test",
	    &not_empty, &calls), -1);
	ck_assert_int_eq(calls, 0);
}
END_TEST

START_TEST(dispatch_handler_rejects)
{
	struct ipc_msg m = make_msg(IPC_STOP, 0, 0);

	ck_assert_int_eq(ipc_dispatch(table, NITEMS(table), "test", &m,
	    &calls), -1);
}
END_TEST

/* -- channel on a libev loop ---------------------------------------------- */

static int closes;
static bool closed_by_peer;

static void
on_close(struct ipc_channel *ch, void *ctx, bool peer_closed)
{
	(void)ctx;
	ck_assert(!ipc_channel_is_open(ch));
	closes++;
	closed_by_peer = peer_closed;
}

static void
spin(struct ev_loop *loop)
{
	int i;

	for (i = 0; i < 10; i++)
		ev_run(loop, EVRUN_NOWAIT);
}

START_TEST(channel_dispatches_and_replies)
{
	struct ev_loop *loop = ev_loop_new(EVFLAG_AUTO);
	struct ipc_channel ch;
	struct ipc_msg m;

	ipc_channel_init(&ch);
	ck_assert(!ipc_channel_is_open(&ch));
	ipc_channel_open(&ch, loop, sv[1], "peer", table, NITEMS(table),
	    &calls, on_close);
	sv[1] = -1; /* owned by the channel now */
	calls = closes = 0;
	ck_assert_int_eq(ipc_writer_queue(&wr, IPC_CFG_APPLIED, 3, NULL, 0),
	    0);
	ck_assert_int_eq(ipc_writer_queue(&wr, IPC_CFG_APPLIED, 4, NULL, 0),
	    0);
	ck_assert_int_eq(ipc_writer_flush(&wr, sv[0]), 0);
	ck_assert_int_eq(ipc_channel_send(&ch, IPC_CFG_BEGIN, 11, "x", 1), 0);
	spin(loop);
	ck_assert_int_eq(calls, 2);
	ck_assert_uint_eq(last_id, 4);
	ck_assert_int_eq(ipc_reader_fill(&rd, sv[0]), IPC_HDR_LEN + 1);
	ck_assert_int_eq(ipc_reader_next(&rd, &m), 1);
	ck_assert_uint_eq(m.type, IPC_CFG_BEGIN);
	ck_assert_uint_eq(m.id, 11);
	/* Peer closes: on_close once, channel closed. */
	close(sv[0]);
	sv[0] = -1;
	spin(loop);
	ck_assert_int_eq(closes, 1);
	ck_assert(closed_by_peer);
	ck_assert_int_eq(ipc_channel_send(&ch, IPC_STOP, 0, NULL, 0), -1);
	ipc_channel_close(&ch); /* harmless when closed */
	ev_loop_destroy(loop);
}
END_TEST

START_TEST(channel_closes_on_protocol_error)
{
	struct ev_loop *loop = ev_loop_new(EVFLAG_AUTO);
	struct ipc_channel ch;

	ipc_channel_init(&ch);
	ipc_channel_open(&ch, loop, sv[1], "peer", table, NITEMS(table),
	    &calls, on_close);
	sv[1] = -1;
	calls = closes = 0;
	ck_assert_int_eq(ipc_writer_queue(&wr, 0x0999, 0, NULL, 0), 0);
	ck_assert_int_eq(ipc_writer_queue(&wr, IPC_CFG_APPLIED, 1, NULL, 0),
	    0);
	ck_assert_int_eq(ipc_writer_flush(&wr, sv[0]), 0);
	spin(loop);
	ck_assert_int_eq(closes, 1);
	ck_assert(!closed_by_peer);
	ck_assert_int_eq(calls, 0); /* nothing after the bad frame */
	ev_loop_destroy(loop);
}
END_TEST

START_TEST(event_round_trip)
{
	struct ipc_event_head head = { IPC_VRRP_MASTER, IPC_VRRP_BACKUP, 42 };
	uint8_t buf[IPC_EVENT_BUF_SIZE];
	struct ipc_event ev;
	size_t len;

	len = ipc_event_encode(buf, &head, "VI_1", "higher priority");
	ck_assert(ipc_event_decode(buf, len, &ev));
	ck_assert_uint_eq(ev.head.state, IPC_VRRP_MASTER);
	ck_assert_uint_eq(ev.head.prev_state, IPC_VRRP_BACKUP);
	ck_assert_int_eq(ev.head.wall_ms, 42);
	ck_assert_str_eq(ev.object, "VI_1");
	ck_assert_uint_eq(ev.reason_len, strlen("higher priority"));
	ck_assert(memcmp(ev.reason, "higher priority", ev.reason_len) == 0);
	ck_assert_str_eq(ipc_vrrp_state_name(ev.head.state), "MASTER");

	/* no reason at all */
	len = ipc_event_encode(buf, &head, "VI_2", NULL);
	ck_assert(ipc_event_decode(buf, len, &ev));
	ck_assert_uint_eq(ev.reason_len, 0);
}
END_TEST

START_TEST(event_long_strings_are_cut)
{
	struct ipc_event_head head = { 1, 0, 0 };
	uint8_t buf[IPC_EVENT_BUF_SIZE];
	char big[4096];
	struct ipc_event ev;
	size_t len;

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	len = ipc_event_encode(buf, &head, big, big);
	ck_assert_uint_eq(len, IPC_EVENT_BUF_SIZE);
	ck_assert(ipc_event_decode(buf, len, &ev));
	ck_assert_uint_eq(strlen(ev.object), IPC_EVENT_MAX_OBJECT);
	ck_assert_uint_eq(ev.reason_len, IPC_EVENT_MAX_REASON);
}
END_TEST

START_TEST(event_malformed_refused)
{
	struct ipc_event_head head = { 1, 0, 0 };
	uint8_t buf[sizeof(head) + 4];
	struct ipc_event ev;

	memcpy(buf, &head, sizeof(head));
	memcpy(buf + sizeof(head), "abcd", 4);          /* no NUL */
	ck_assert(!ipc_event_decode(buf, sizeof(buf), &ev));
	ck_assert(!ipc_event_decode(buf, sizeof(head), &ev)); /* no object */
	ck_assert(!ipc_event_decode(buf, 3, &ev));
}
END_TEST

static Suite *
frame_suite(void)
{
	Suite *s = suite_create("ipc");
	TCase *tc = tcase_create("frame");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, round_trip);
	tcase_add_test(tc, empty_payload);
	tcase_add_test(tc, partial_reads_byte_by_byte);
	tcase_add_test(tc, oversize_refused_by_sender);
	tcase_add_test(tc, oversize_refused_by_receiver);
	tcase_add_test(tc, length_below_header_refused);
	tcase_add_test(tc, truncated_header);
	tcase_add_test(tc, bad_flags);
	tcase_add_test(tc, max_size_payload);
	tcase_add_test(tc, multiple_frames_in_one_read);
	tcase_add_test(tc, writer_keeps_order_when_socket_is_full);
	suite_add_tcase(s, tc);

	tc = tcase_create("dispatch");
	tcase_add_test(tc, dispatch_known_type);
	tcase_add_test(tc, dispatch_unknown_type);
	tcase_add_test(tc, dispatch_length_out_of_range);
	tcase_add_test(tc, dispatch_handler_rejects);
	suite_add_tcase(s, tc);

	tc = tcase_create("channel");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, channel_dispatches_and_replies);
	tcase_add_test(tc, channel_closes_on_protocol_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("event");
	tcase_add_test(tc, event_round_trip);
	tcase_add_test(tc, event_long_strings_are_cut);
	tcase_add_test(tc, event_malformed_refused);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(frame_suite());
	int failed;

	srunner_run_all(sr, CK_ENV);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
