// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * TCP_CHECK half_open's wire format (lib/check/tcp_syn.c): the SYN and
 * its checksum, the decoding and judging of answers, and the socket
 * filter, run by a small classic BPF interpreter.
 */
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "check/tcp_syn.h"

static struct lvsd_addr
addr(const char *s)
{
	struct lvsd_addr a;

	ck_assert(addr_from_string(s, &a));
	return a;
}

/* A segment from the server: sport 80 to dport, with these flags. */
static size_t
answer(uint8_t *seg, uint16_t dport, uint8_t flags, uint32_t ack)
{
	memset(seg, 0, 20);
	seg[0] = 0;
	seg[1] = 80;
	seg[2] = (uint8_t)(dport >> 8);
	seg[3] = (uint8_t)dport;
	seg[4] = 0x11;                  /* the server's ISN */
	seg[8] = (uint8_t)(ack >> 24);
	seg[9] = (uint8_t)(ack >> 16);
	seg[10] = (uint8_t)(ack >> 8);
	seg[11] = (uint8_t)ack;
	seg[12] = 5 << 4;
	seg[13] = flags;
	return 20;
}

/* The IPv4 packet around it: from 192.0.2.11. */
static size_t
ip4(uint8_t *pkt, const uint8_t *seg, size_t len)
{
	memset(pkt, 0, 20);
	pkt[0] = 0x45;
	pkt[2] = (uint8_t)((20 + len) >> 8);
	pkt[3] = (uint8_t)(20 + len);
	pkt[8] = 64;
	pkt[9] = 6;
	memcpy(pkt + 12, "\xc0\x00\x02\x0b\xc0\x00\x02\x01", 8);
	memcpy(pkt + 20, seg, len);
	return 20 + len;
}

START_TEST(syn_looks_like_linux)
{
	struct tcp_syn s = {
		.src = addr("192.0.2.1"), .dst = addr("192.0.2.11"),
		.sport = 40000, .dport = 80, .isn = 0x01020304,
		.tsval = 7, .mss = 1460,
	};
	uint8_t seg[TCP_SYN_LEN];

	ck_assert_uint_eq(tcp_syn_build(&s, seg), TCP_SYN_LEN);
	ck_assert_uint_eq(seg[0] << 8 | seg[1], 40000);
	ck_assert_uint_eq(seg[2] << 8 | seg[3], 80);
	ck_assert_mem_eq(seg + 4, "\x01\x02\x03\x04", 4);
	ck_assert_mem_eq(seg + 8, "\0\0\0\0", 4);       /* no ACK */
	ck_assert_uint_eq(seg[12], 0xa0);               /* 40 bytes */
	ck_assert_uint_eq(seg[13], TCP_SYN_F_SYN);
	/* MSS 1460, SACK permitted, timestamps 7/0, NOP, window scale 7 */
	ck_assert_mem_eq(seg + 20, "\x02\x04\x05\xb4\x04\x02\x08\x0a"
	    "\0\0\0\x07\0\0\0\0\x01\x03\x03\x07", 20);
	/* A correct checksum sums (with itself) to zero. */
	ck_assert_uint_eq(tcp_checksum4(&s.src, &s.dst, seg, sizeof(seg)), 0);
	/* Another source: another checksum. */
	s.src = addr("192.0.2.2");
	ck_assert_uint_ne(tcp_checksum4(&s.src, &s.dst, seg, sizeof(seg)), 0);
	/* IPv6: the kernel fills it in (IPV6_CHECKSUM). */
	s.src.af = 0;
	s.dst = addr("2001:db8::11");
	s.mss = 1440;
	tcp_syn_build(&s, seg);
	ck_assert_uint_eq(seg[16] | seg[17], 0);
}
END_TEST

START_TEST(checksum_of_a_known_segment)
{
	/* An odd length, and a sum that wraps. */
	struct lvsd_addr a = addr("255.255.255.255"), b = addr("0.0.0.1");
	const uint8_t seg[3] = { 0xff, 0xff, 0xff };

	/* ffff + ffff + 0000 + 0001 + 0006 + 0003 + ffff + ff00 = 3ff07,
	 * folded ff0a */
	ck_assert_uint_eq(tcp_checksum4(&a, &b, seg, sizeof(seg)),
	    (uint16_t)~0xff0au);
}
END_TEST

START_TEST(answers_judged)
{
	uint8_t seg[20], pkt[40];
	struct tcp_syn_reply r;
	const uint32_t isn = 0xffffffffu;       /* the ACK wraps to 0 */

	answer(seg, 40000, TCP_SYN_F_SYN | TCP_SYN_F_ACK, 0);
	ck_assert(tcp_syn_decode4(pkt, ip4(pkt, seg, 20), &r));
	ck_assert_int_eq(r.from.af, AF_INET);
	ck_assert(addr_equal(&r.from, &(struct lvsd_addr){ 0 }) == false);
	ck_assert_uint_eq(r.sport, 80);
	ck_assert_uint_eq(r.dport, 40000);
	ck_assert_int_eq(tcp_syn_judge(&r, isn), TCP_SYN_OPEN);
	ck_assert_int_eq(tcp_syn_judge(&r, 5), TCP_SYN_IGNORE);
	/* RST+ACK of our ISN: refused; a bare RST proves nothing. */
	answer(seg, 40000, TCP_SYN_F_RST | TCP_SYN_F_ACK, 0);
	ck_assert(tcp_syn_decode4(pkt, ip4(pkt, seg, 20), &r));
	ck_assert_int_eq(tcp_syn_judge(&r, isn), TCP_SYN_REFUSED);
	answer(seg, 40000, TCP_SYN_F_RST, 0);
	ck_assert(tcp_syn_decode4(pkt, ip4(pkt, seg, 20), &r));
	ck_assert_int_eq(tcp_syn_judge(&r, isn), TCP_SYN_IGNORE);
	/* A plain ACK, a SYN, a SYN+RST+ACK: not answers. */
	answer(seg, 40000, TCP_SYN_F_ACK, 0);
	ck_assert(tcp_syn_decode4(pkt, ip4(pkt, seg, 20), &r));
	ck_assert_int_eq(tcp_syn_judge(&r, isn), TCP_SYN_IGNORE);
	answer(seg, 40000, TCP_SYN_F_SYN, 0);
	ck_assert(tcp_syn_decode4(pkt, ip4(pkt, seg, 20), &r));
	ck_assert_int_eq(tcp_syn_judge(&r, isn), TCP_SYN_IGNORE);
	answer(seg, 40000, TCP_SYN_F_SYN | TCP_SYN_F_RST | TCP_SYN_F_ACK, 0);
	ck_assert(tcp_syn_decode4(pkt, ip4(pkt, seg, 20), &r));
	ck_assert_int_eq(tcp_syn_judge(&r, isn), TCP_SYN_IGNORE);
	/* IPv6: the segment alone, the source from recvfrom. */
	struct lvsd_addr from = addr("2001:db8::11");

	answer(seg, 40001, TCP_SYN_F_SYN | TCP_SYN_F_ACK, 6);
	ck_assert(tcp_syn_decode6(seg, 20, &from, &r));
	ck_assert(addr_equal(&r.from, &from));
	ck_assert_uint_eq(r.dport, 40001);
	ck_assert_int_eq(tcp_syn_judge(&r, 5), TCP_SYN_OPEN);
	ck_assert(!tcp_syn_decode6(seg, 19, &from, &r));
	from = addr("192.0.2.11");
	ck_assert(!tcp_syn_decode6(seg, 20, &from, &r));
}
END_TEST

START_TEST(bad_packets_rejected)
{
	uint8_t seg[20], pkt[40], bad[40];
	struct tcp_syn_reply r;
	size_t len;

	answer(seg, 40000, TCP_SYN_F_SYN | TCP_SYN_F_ACK, 1);
	len = ip4(pkt, seg, 20);
	/* Every truncation: a whole TCP header or nothing. */
	for (size_t n = 0; n < len; n++)
		ck_assert(!tcp_syn_decode4(pkt, n, &r));
	memcpy(bad, pkt, len);
	bad[0] = 0x65;                  /* not IPv4 */
	ck_assert(!tcp_syn_decode4(bad, len, &r));
	memcpy(bad, pkt, len);
	bad[0] = 0x44;                  /* header shorter than 20 */
	ck_assert(!tcp_syn_decode4(bad, len, &r));
	memcpy(bad, pkt, len);
	bad[0] = 0x4f;                  /* header longer than the packet */
	ck_assert(!tcp_syn_decode4(bad, len, &r));
	memcpy(bad, pkt, len);
	bad[9] = 17;                    /* UDP */
	ck_assert(!tcp_syn_decode4(bad, len, &r));
	memcpy(bad, pkt, len);
	bad[7] = 1;                     /* a later fragment */
	ck_assert(!tcp_syn_decode4(bad, len, &r));
	memcpy(bad, pkt, len);
	bad[3] = 30;                    /* total length cuts the header */
	ck_assert(!tcp_syn_decode4(bad, len, &r));
	memcpy(bad, pkt, len);
	bad[32] = 4 << 4;               /* TCP data offset below 5 */
	ck_assert(!tcp_syn_decode4(bad, len, &r));
}
END_TEST

/* -- the socket filter, interpreted ------------------------------------------ */

static uint32_t
run_bpf(const struct sock_filter *prog, size_t n, const uint8_t *p,
    size_t len)
{
	uint32_t a = 0, x = 0;

	for (size_t pc = 0; pc < n; pc++) {
		const struct sock_filter *f = &prog[pc];
		uint32_t k = f->k, off;

		switch (f->code) {
		case BPF_LD | BPF_H | BPF_ABS:
		case BPF_LD | BPF_H | BPF_IND:
			off = k + (BPF_MODE(f->code) == BPF_IND ? x : 0);
			if (off + 2 > len)
				return 0;
			a = (uint32_t)(p[off] << 8 | p[off + 1]);
			break;
		case BPF_LD | BPF_B | BPF_ABS:
		case BPF_LD | BPF_B | BPF_IND:
			off = k + (BPF_MODE(f->code) == BPF_IND ? x : 0);
			if (off + 1 > len)
				return 0;
			a = p[off];
			break;
		case BPF_LDX | BPF_B | BPF_MSH:
			if (k >= len)
				return 0;
			x = (uint32_t)(p[k] & 0xf) * 4;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += (a & k) ? f->jt : f->jf;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += a == k ? f->jt : f->jf;
			break;
		case BPF_RET | BPF_K:
			return k;
		default:
			ck_abort_msg("unexpected BPF instruction %#x", f->code);
		}
	}
	ck_abort_msg("the program ran off its end");
	return 0;
}

START_TEST(filter_keeps_answers_to_our_ports)
{
	static const uint16_t ports[] = { 40000, 40007, 51234 };
	struct sock_filter prog[TCP_SYN_FILTER_LEN(3)];
	uint8_t seg[20], pkt[40];
	size_t n4, n6, len;

	ck_assert_uint_eq(tcp_syn_filter(AF_INET, ports, 3, prog, 3), 0);
	n4 = tcp_syn_filter(AF_INET, ports, 3, prog, TCP_SYN_FILTER_LEN(3));
	ck_assert_uint_gt(n4, 0);
	for (size_t i = 0; i < 3; i++) {
		answer(seg, ports[i], TCP_SYN_F_SYN | TCP_SYN_F_ACK, 1);
		len = ip4(pkt, seg, 20);
		ck_assert_uint_ge(run_bpf(prog, n4, pkt, len), 40);
		answer(seg, ports[i], TCP_SYN_F_RST | TCP_SYN_F_ACK, 1);
		ip4(pkt, seg, 20);
		ck_assert_uint_ge(run_bpf(prog, n4, pkt, len), 40);
		/* Data or a bare ACK to our port: dropped. */
		answer(seg, ports[i], TCP_SYN_F_ACK, 1);
		ip4(pkt, seg, 20);
		ck_assert_uint_eq(run_bpf(prog, n4, pkt, len), 0);
	}
	answer(seg, 40001, TCP_SYN_F_SYN | TCP_SYN_F_ACK, 1);
	len = ip4(pkt, seg, 20);
	ck_assert_uint_eq(run_bpf(prog, n4, pkt, len), 0);
	answer(seg, 40000, TCP_SYN_F_SYN | TCP_SYN_F_ACK, 1);
	ip4(pkt, seg, 20);
	pkt[6] = 0x20;                  /* more fragments: still the first */
	ck_assert_uint_ge(run_bpf(prog, n4, pkt, len), 40);
	pkt[7] = 3;                     /* a later fragment */
	ck_assert_uint_eq(run_bpf(prog, n4, pkt, len), 0);
	/* IPv6 sees the segment itself. */
	n6 = tcp_syn_filter(AF_INET6, ports, 3, prog, TCP_SYN_FILTER_LEN(3));
	answer(seg, 51234, TCP_SYN_F_SYN | TCP_SYN_F_ACK, 1);
	ck_assert_uint_ge(run_bpf(prog, n6, seg, 20), 20);
	answer(seg, 51235, TCP_SYN_F_SYN | TCP_SYN_F_ACK, 1);
	ck_assert_uint_eq(run_bpf(prog, n6, seg, 20), 0);
	answer(seg, 51234, TCP_SYN_F_FIN | TCP_SYN_F_ACK, 1);
	ck_assert_uint_eq(run_bpf(prog, n6, seg, 20), 0);
}
END_TEST

static Suite *
tcp_syn_suite(void)
{
	Suite *s = suite_create("tcp_syn");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, syn_looks_like_linux);
	tcase_add_test(tc, checksum_of_a_known_segment);
	tcase_add_test(tc, answers_judged);
	tcase_add_test(tc, bad_packets_rejected);
	tcase_add_test(tc, filter_keeps_answers_to_our_ports);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(tcp_syn_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
