// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <string.h>

#include "vrrp/announce.h"
#include "vrrp/packet.h"

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

size_t
vrrp_garp_frame(uint8_t *buf, const uint8_t mac[6], const struct in_addr *vip)
{
	uint8_t *arp = buf + 14;

	memset(buf, 0xff, 6);
	memcpy(buf + 6, mac, 6);
	put16(buf + 12, 0x0806);
	put16(arp, 1);             /* Ethernet */
	put16(arp + 2, 0x0800);    /* IPv4 */
	arp[4] = 6;
	arp[5] = 4;
	put16(arp + 6, 1);         /* request: preferred (RFC 5227 §3) */
	memcpy(arp + 8, mac, 6);
	memcpy(arp + 14, &vip->s_addr, 4);
	memset(arp + 18, 0xff, 6);
	memcpy(arp + 24, &vip->s_addr, 4);
	return VRRP_GARP_FRAME_LEN;
}

size_t
vrrp_na_frame(uint8_t *buf, const uint8_t mac[6], const struct in6_addr *vip,
    bool router)
{
	static const uint8_t all_nodes[16] = { 0xff, 0x02, [15] = 1 };
	uint8_t *ip = buf + 14, *na = ip + 40;
	struct in6_addr dst;
	uint16_t csum;

	memcpy(&dst, all_nodes, 16);
	memset(buf, 0, VRRP_NA_FRAME_LEN);
	buf[0] = buf[1] = 0x33;
	buf[5] = 1;
	memcpy(buf + 6, mac, 6);
	put16(buf + 12, 0x86dd);
	ip[0] = 0x60;
	put16(ip + 4, 32);         /* payload: NA 24 + option 8 */
	ip[6] = 58;                /* ICMPv6 */
	ip[7] = 255;
	memcpy(ip + 8, vip, 16);
	memcpy(ip + 24, all_nodes, 16);
	na[0] = 136;
	na[4] = (uint8_t)((router ? 0x80 : 0) | 0x20); /* R, O; S = 0 */
	memcpy(na + 8, vip, 16);
	na[24] = 2;                /* target link-layer address */
	na[25] = 1;
	memcpy(na + 26, mac, 6);
	csum = vrrp_csum(na, 32, vrrp_pseudo6_sum(vip, &dst, 32, 58));
	put16(na + 2, csum);
	return VRRP_NA_FRAME_LEN;
}
