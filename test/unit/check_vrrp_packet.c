// SPDX-License-Identifier: GPL-2.0-or-later
/* VRRP advertisement codec and receive validation (lib/vrrp/packet.c). */
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "vrrp/packet.h"

static struct lvsd_addr
A(const char *s)
{
	struct lvsd_addr a;

	ck_assert_msg(addr_from_string(s, &a), "bad address %s", s);
	return a;
}

struct fixture {
	struct lvsd_addr vips[3];
	struct vrrp_adv adv;
	uint8_t buf[VRRP_PKT_MAX];
	size_t len;
	struct vrrp_rx rx;
	struct vrrp_pkt pkt;
	struct vrrp_expect exp;
};

/* An advert as a peer 192.0.2.2 (or fe80::2) sends it, received as-is. */
static void
build(struct fixture *f, int af, int version)
{
	memset(f, 0, sizeof(*f));
	if (af == AF_INET) {
		f->vips[0] = A("192.0.2.100");
		f->vips[1] = A("192.0.2.101");
		f->adv.src = A("192.0.2.2");
		f->adv.dst = A("224.0.0.18");
	} else {
		f->vips[0] = A("fe80::100");
		f->vips[1] = A("2001:db8::100");
		f->adv.src = A("fe80::2");
		f->adv.dst = A("ff02::12");
	}
	f->adv.af = af;
	f->adv.version = (uint8_t)version;
	f->adv.vrid = 51;
	f->adv.priority = 100;
	f->adv.interval_cs = 100;
	f->adv.addrs = f->vips;
	f->adv.naddr = 2;
	f->adv.csum_form = VRRP_CSUM_PSEUDO;
	f->exp.version = (uint8_t)version;
	f->exp.interval_cs = 100;
}

static void
send_it(struct fixture *f)
{
	f->len = vrrp_pkt_encode(&f->adv, f->buf, sizeof(f->buf));
	ck_assert_uint_gt(f->len, 0);
	f->rx.src = f->adv.src;
	f->rx.dst = f->adv.dst;
	f->rx.ttl = 255;
	f->rx.data = f->buf;
	f->rx.len = f->len;
}

static enum vrrp_rx_result
receive(struct fixture *f)
{
	enum vrrp_rx_result r = vrrp_pkt_decode(f->adv.af, &f->rx, &f->pkt);

	return r != VRRP_RX_OK ? r : vrrp_pkt_accept(&f->pkt, &f->rx, &f->exp);
}

/* Rewrite the checksum after changing a byte, so only the change counts. */
static void
fix_csum(struct fixture *f)
{
	uint16_t c;

	f->buf[6] = f->buf[7] = 0;
	c = vrrp_csum(f->buf, f->len, f->adv.af == AF_INET6 ?
	    vrrp_pseudo6_sum(&f->adv.src.u.v6, &f->adv.dst.u.v6, f->len,
	    VRRP_PROTO) : f->adv.version == 3 ?
	    vrrp_pseudo4_sum(&f->adv.src.u.v4, &f->adv.dst.u.v4, f->len) : 0);
	f->buf[6] = (uint8_t)(c >> 8);
	f->buf[7] = (uint8_t)c;
}

START_TEST(v2_pass_round_trip)
{
	struct fixture f;
	struct lvsd_addr a;

	build(&f, AF_INET, 2);
	f.adv.auth_type = f.exp.auth_type = VRRP_AUTH_TYPE_PASS;
	memcpy(f.adv.auth_pass, "secret", 6);
	memcpy(f.exp.auth_pass, "secret", 6);
	send_it(&f);
	ck_assert_uint_eq(f.len, 8 + 2 * 4 + 8);
	ck_assert_uint_eq(f.buf[0], 0x21);
	ck_assert_uint_eq(f.buf[5], 1);  /* seconds */
	ck_assert_int_eq(memcmp(f.buf + 16, "secret\0\0", 8), 0);
	ck_assert_int_eq(receive(&f), VRRP_RX_OK);
	ck_assert_uint_eq(f.pkt.vrid, 51);
	ck_assert_uint_eq(f.pkt.priority, 100);
	ck_assert_uint_eq(f.pkt.naddr, 2);
	ck_assert_uint_eq(f.pkt.interval_cs, 100);
	vrrp_pkt_addr(&f.pkt, 1, &a);
	ck_assert(addr_equal(&a, &f.vips[1]));
	/* The v2 checksum covers the message only. */
	ck_assert_uint_eq(vrrp_csum(f.buf, f.len, 0), 0);
}
END_TEST

/* A VRRPv2 packet from RFC-conformant peers: checksum as computed by hand. */
START_TEST(v2_known_vector)
{
	static const uint8_t pkt[] = {
		0x21, 0x33, 0x64, 0x01, 0x00, 0x01, 0x00, 0x00,
		192, 0, 2, 100, 0, 0, 0, 0, 0, 0, 0, 0,
	};
	uint8_t buf[sizeof(pkt)];
	uint32_t s;
	uint16_t c;

	/* 0x2133 + 0x6401 + 0x0001 + 0xc000 + 0x0264 = 0x14799 -> 0x479a */
	s = 0x2133 + 0x6401 + 0x0001 + 0xc000 + 0x0264;
	s = (s & 0xffff) + (s >> 16);
	c = (uint16_t)~s;
	memcpy(buf, pkt, sizeof(buf));
	ck_assert_uint_eq(vrrp_csum(buf, sizeof(buf), 0), c);
	ck_assert_uint_eq(c, 0xb865);
}
END_TEST

START_TEST(v3_ipv4_checksum_forms)
{
	struct fixture f;

	build(&f, AF_INET, 3);
	send_it(&f);
	ck_assert_uint_eq(f.len, 8 + 2 * 4);
	ck_assert_int_eq(receive(&f), VRRP_RX_OK);
	ck_assert_uint_eq(f.pkt.csum_forms, VRRP_CSUM_PSEUDO);
	/* Only plain accepted: the pseudo-header form is refused. */
	f.exp.csum_forms = VRRP_CSUM_PLAIN;
	ck_assert_int_eq(receive(&f), VRRP_RX_CHECKSUM_FORM);

	build(&f, AF_INET, 3);
	f.adv.csum_form = VRRP_CSUM_PLAIN;
	send_it(&f);
	ck_assert_uint_eq(vrrp_csum(f.buf, f.len, 0), 0);
	ck_assert_int_eq(receive(&f), VRRP_RX_OK);
	ck_assert_uint_eq(f.pkt.csum_forms, VRRP_CSUM_PLAIN);
	f.exp.csum_forms = VRRP_CSUM_PSEUDO;
	ck_assert_int_eq(receive(&f), VRRP_RX_CHECKSUM_FORM);
	/* The pseudo-header uses the real destination (unicast). */
	build(&f, AF_INET, 3);
	f.adv.dst = A("192.0.2.1");
	send_it(&f);
	ck_assert_int_eq(receive(&f), VRRP_RX_OK);
	f.rx.dst = A("224.0.0.18");
	ck_assert_int_eq(receive(&f), VRRP_RX_BAD_CHECKSUM);
}
END_TEST

START_TEST(v3_interval_centiseconds)
{
	struct fixture f;

	build(&f, AF_INET, 3);
	f.adv.interval_cs = 4095;
	send_it(&f);
	ck_assert_uint_eq(f.buf[4], 0x0f);
	ck_assert_uint_eq(f.buf[5], 0xff);
	ck_assert_int_eq(receive(&f), VRRP_RX_OK);
	ck_assert_uint_eq(f.pkt.interval_cs, 4095);
	/* v3 interval mismatch is accepted: the backup learns it. */
	f.exp.interval_cs = 10;
	ck_assert_int_eq(receive(&f), VRRP_RX_OK);
	/* The reserved nibble is ignored. */
	f.buf[4] |= 0xa0;
	fix_csum(&f);
	ck_assert_int_eq(receive(&f), VRRP_RX_OK);
	ck_assert_uint_eq(f.pkt.interval_cs, 4095);
	/* Max Adver Int 0 is refused (RFC 9568 erratum 8301). */
	f.buf[4] = f.buf[5] = 0;
	fix_csum(&f);
	ck_assert_int_eq(receive(&f), VRRP_RX_ZERO_INTERVAL);
}
END_TEST

START_TEST(v3_ipv6_round_trip_and_rules)
{
	struct fixture f;
	struct lvsd_addr a;

	build(&f, AF_INET6, 3);
	send_it(&f);
	ck_assert_uint_eq(f.len, 8 + 2 * 16);
	ck_assert_int_eq(receive(&f), VRRP_RX_OK);
	vrrp_pkt_addr(&f.pkt, 1, &a);
	ck_assert(addr_equal(&a, &f.vips[1]));
	/* The checksum includes the IPv6 pseudo-header. */
	f.rx.dst = A("ff02::1");
	ck_assert_int_eq(receive(&f), VRRP_RX_BAD_CHECKSUM);

	build(&f, AF_INET6, 3);
	f.adv.src = A("2001:db8::2");
	send_it(&f);
	ck_assert_int_eq(receive(&f), VRRP_RX_SRC_NOT_LINKLOCAL);

	build(&f, AF_INET6, 3);
	f.vips[0] = A("2001:db8::1");
	send_it(&f);
	ck_assert_int_eq(receive(&f), VRRP_RX_OK);
	f.exp.strict = true;
	ck_assert_int_eq(receive(&f), VRRP_RX_FIRST_NOT_LINKLOCAL);

	/* No VRRPv2 over IPv6, neither sent nor received. */
	build(&f, AF_INET6, 2);
	ck_assert_uint_eq(vrrp_pkt_encode(&f.adv, f.buf, sizeof(f.buf)), 0);
	build(&f, AF_INET6, 3);
	send_it(&f);
	f.buf[0] = 0x21;
	fix_csum(&f);
	ck_assert_int_eq(receive(&f), VRRP_RX_BAD_VERSION);
}
END_TEST

START_TEST(header_rules)
{
	struct fixture f;

	build(&f, AF_INET, 2);
	send_it(&f);
	f.rx.len = 7;
	ck_assert_int_eq(receive(&f), VRRP_RX_SHORT);

	send_it(&f);
	f.buf[0] = 0x41;
	fix_csum(&f);
	ck_assert_int_eq(receive(&f), VRRP_RX_BAD_VERSION);

	send_it(&f);
	f.buf[0] = 0x22;
	fix_csum(&f);
	ck_assert_int_eq(receive(&f), VRRP_RX_BAD_TYPE);

	send_it(&f);
	f.buf[3] = 0;
	fix_csum(&f);
	ck_assert_int_eq(receive(&f), VRRP_RX_NO_ADDRESSES);

	/* count 3 but two addresses present */
	send_it(&f);
	f.buf[3] = 3;
	fix_csum(&f);
	ck_assert_int_eq(receive(&f), VRRP_RX_TRUNCATED);

	/* v2 without its 8-byte authentication trailer */
	send_it(&f);
	f.rx.len -= 8;
	ck_assert_int_eq(receive(&f), VRRP_RX_TRUNCATED);

	send_it(&f);
	f.rx.len += 4;
	ck_assert_int_eq(receive(&f), VRRP_RX_TOO_LONG);

	send_it(&f);
	f.buf[2] ^= 1;
	ck_assert_int_eq(receive(&f), VRRP_RX_BAD_CHECKSUM);
}
END_TEST

START_TEST(instance_rules)
{
	struct fixture f;
	struct lvsd_addr peer, own;

	build(&f, AF_INET, 2);
	send_it(&f);
	f.rx.ttl = 254;
	ck_assert_int_eq(receive(&f), VRRP_RX_BAD_TTL);
	f.rx.ttl = 1;
	ck_assert_int_eq(receive(&f), VRRP_RX_BAD_TTL);
	/* Unicast adverts may have crossed routers (as keepalived). */
	f.exp.unicast = true;
	ck_assert_int_eq(receive(&f), VRRP_RX_OK);
	f.exp.unicast = false;
	f.rx.ttl = 255;

	f.exp.version = 3;
	ck_assert_int_eq(receive(&f), VRRP_RX_VERSION_MISMATCH);
	f.exp.version = 2;

	f.exp.interval_cs = 200;
	ck_assert_int_eq(receive(&f), VRRP_RX_INTERVAL_MISMATCH);
	f.exp.interval_cs = 100;

	f.exp.auth_type = VRRP_AUTH_TYPE_PASS;
	ck_assert_int_eq(receive(&f), VRRP_RX_AUTH_TYPE);
	f.adv.auth_type = VRRP_AUTH_TYPE_PASS;
	memcpy(f.adv.auth_pass, "wrong", 5);
	memcpy(f.exp.auth_pass, "right", 5);
	send_it(&f);
	ck_assert_int_eq(receive(&f), VRRP_RX_AUTH_FAILED);
	/* unknown auth types (3..255) never match */
	f.buf[4] = 7;
	fix_csum(&f);
	ck_assert_int_eq(receive(&f), VRRP_RX_AUTH_TYPE);

	build(&f, AF_INET, 2);
	send_it(&f);
	own = A("192.0.2.2");
	f.exp.own = &own;
	ck_assert_int_eq(receive(&f), VRRP_RX_OWN);
	f.exp.own = NULL;

	peer = A("192.0.2.9");
	f.exp.unicast = true;
	f.exp.peers = &peer;
	f.exp.n_peers = 1;
	f.exp.check_peers = true;
	ck_assert_int_eq(receive(&f), VRRP_RX_NOT_PEER);
	peer = A("192.0.2.2");
	ck_assert_int_eq(receive(&f), VRRP_RX_OK);
}
END_TEST

START_TEST(ip4_split_uses_total_length)
{
	struct fixture f;
	uint8_t frame[128];
	struct vrrp_rx rx;
	struct vrrp_pkt pkt;

	build(&f, AF_INET, 3);
	f.adv.naddr = 1;
	send_it(&f);
	memset(frame, 0, sizeof(frame));
	vrrp_ip4_header(frame, &f.adv.src.u.v4, &f.adv.dst.u.v4, 255, f.len);
	memcpy(frame + 20, f.buf, f.len);
	/* 32-byte IP packet padded to Ethernet's 46-byte minimum */
	ck_assert_int_eq(vrrp_ip4_split(frame, 46, &rx), VRRP_RX_OK);
	ck_assert_uint_eq(rx.len, 12);
	ck_assert_int_eq(rx.ttl, 255);
	ck_assert(addr_equal(&rx.src, &f.adv.src));
	ck_assert_int_eq(vrrp_pkt_decode(AF_INET, &rx, &pkt), VRRP_RX_OK);
	/* shorter than its total length, or another protocol */
	ck_assert_int_eq(vrrp_ip4_split(frame, 31, &rx), VRRP_RX_BAD_IP);
	frame[9] = 17;
	ck_assert_int_eq(vrrp_ip4_split(frame, 46, &rx), VRRP_RX_BAD_IP);
	ck_assert_int_eq(vrrp_ip4_split(frame, 10, &rx), VRRP_RX_BAD_IP);
}
END_TEST

START_TEST(encode_refuses_bad_adverts)
{
	struct fixture f;

	build(&f, AF_INET, 3);
	f.adv.naddr = 0;
	ck_assert_uint_eq(vrrp_pkt_encode(&f.adv, f.buf, sizeof(f.buf)), 0);
	build(&f, AF_INET, 3);
	f.vips[1] = A("2001:db8::1");
	ck_assert_uint_eq(vrrp_pkt_encode(&f.adv, f.buf, sizeof(f.buf)), 0);
	build(&f, AF_INET, 3);
	ck_assert_uint_eq(vrrp_pkt_encode(&f.adv, f.buf, 15), 0);
	ck_assert_uint_eq(vrrp_pkt_encode(&f.adv, f.buf, 16), 16);
}
END_TEST

START_TEST(result_names)
{
	int r;

	for (r = 0; r < VRRP_RX_RESULT_COUNT; r++)
		ck_assert_ptr_nonnull(vrrp_rx_result_name(r));
	ck_assert_str_eq(vrrp_rx_result_name(VRRP_RX_BAD_CHECKSUM),
	    "bad_checksum");
	ck_assert_str_eq(vrrp_rx_result_name(VRRP_RX_RESULT_COUNT), "?");
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("vrrp_packet");
	TCase *tc = tcase_create("codec");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, v2_pass_round_trip);
	tcase_add_test(tc, v2_known_vector);
	tcase_add_test(tc, v3_ipv4_checksum_forms);
	tcase_add_test(tc, v3_interval_centiseconds);
	tcase_add_test(tc, v3_ipv6_round_trip_and_rules);
	tcase_add_test(tc, header_rules);
	tcase_add_test(tc, instance_rules);
	tcase_add_test(tc, ip4_split_uses_total_length);
	tcase_add_test(tc, encode_refuses_bad_adverts);
	tcase_add_test(tc, result_names);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
