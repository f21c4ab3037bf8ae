// SPDX-License-Identifier: GPL-2.0-or-later
/* Gratuitous ARP and unsolicited NA frames (lib/vrrp/announce.c). */
#include "config.h"

#include <arpa/inet.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "vrrp/announce.h"
#include "vrrp/packet.h"

static const uint8_t mac[6] = { 0x02, 0, 0x5e, 0x10, 0x20, 0x30 };

START_TEST(garp_fields)
{
	uint8_t f[VRRP_GARP_FRAME_LEN];
	struct in_addr vip;
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	inet_pton(AF_INET, "192.0.2.100", &vip);
	ck_assert_uint_eq(vrrp_garp_frame(f, mac, &vip), 42);
	ck_assert_int_eq(memcmp(f, bcast, 6), 0);
	ck_assert_int_eq(memcmp(f + 6, mac, 6), 0);
	ck_assert_uint_eq(f[12] << 8 | f[13], 0x0806);
	ck_assert_uint_eq(f[20] << 8 | f[21], 1);           /* request */
	ck_assert_int_eq(memcmp(f + 22, mac, 6), 0);        /* SHA */
	ck_assert_int_eq(memcmp(f + 28, &vip, 4), 0);       /* SPA */
	ck_assert_int_eq(memcmp(f + 32, bcast, 6), 0);      /* THA */
	ck_assert_int_eq(memcmp(f + 38, &vip, 4), 0);       /* TPA */
}
END_TEST

START_TEST(na_fields_and_checksum)
{
	uint8_t f[VRRP_NA_FRAME_LEN];
	struct in6_addr vip, dst;
	const uint8_t *ip = f + 14, *na = f + 54;

	inet_pton(AF_INET6, "2001:db8::100", &vip);
	inet_pton(AF_INET6, "ff02::1", &dst);
	ck_assert_uint_eq(vrrp_na_frame(f, mac, &vip, true), 86);
	ck_assert_uint_eq(f[0], 0x33);
	ck_assert_uint_eq(f[5], 1);
	ck_assert_uint_eq(f[12] << 8 | f[13], 0x86dd);
	ck_assert_uint_eq(ip[6], 58);
	ck_assert_uint_eq(ip[7], 255);
	ck_assert_int_eq(memcmp(ip + 8, &vip, 16), 0);
	ck_assert_int_eq(memcmp(ip + 24, &dst, 16), 0);
	ck_assert_uint_eq(na[0], 136);
	ck_assert_uint_eq(na[4], 0xa0);                     /* R, O */
	ck_assert_int_eq(memcmp(na + 8, &vip, 16), 0);
	ck_assert_uint_eq(na[24], 2);
	ck_assert_int_eq(memcmp(na + 26, mac, 6), 0);
	ck_assert_uint_eq(vrrp_csum(na, 32, vrrp_pseudo6_sum(&vip, &dst, 32,
	    58)), 0);
	vrrp_na_frame(f, mac, &vip, false);
	ck_assert_uint_eq(na[4], 0x20);                     /* O only */
	ck_assert_uint_eq(vrrp_csum(na, 32, vrrp_pseudo6_sum(&vip, &dst, 32,
	    58)), 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("vrrp_announce");
	TCase *tc = tcase_create("frames");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, garp_fields);
	tcase_add_test(tc, na_fields_and_checksum);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
