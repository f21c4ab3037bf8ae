// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "vrrp/packet.h"

static const char *const rx_names[VRRP_RX_RESULT_COUNT] = {
	[VRRP_RX_OK] = "ok",
	[VRRP_RX_SHORT] = "short",
	[VRRP_RX_BAD_IP] = "bad_ip_header",
	[VRRP_RX_BAD_VERSION] = "bad_version",
	[VRRP_RX_BAD_TYPE] = "bad_type",
	[VRRP_RX_NO_ADDRESSES] = "no_addresses",
	[VRRP_RX_TRUNCATED] = "truncated",
	[VRRP_RX_TOO_LONG] = "too_long",
	[VRRP_RX_BAD_CHECKSUM] = "bad_checksum",
	[VRRP_RX_ZERO_INTERVAL] = "zero_interval",
	[VRRP_RX_SRC_NOT_LINKLOCAL] = "source_not_link_local",
	[VRRP_RX_FIRST_NOT_LINKLOCAL] = "first_address_not_link_local",
	[VRRP_RX_BAD_TTL] = "bad_ttl",
	[VRRP_RX_UNKNOWN_VRID] = "unknown_vrid",
	[VRRP_RX_VERSION_MISMATCH] = "version_mismatch",
	[VRRP_RX_AUTH_TYPE] = "auth_type_mismatch",
	[VRRP_RX_AUTH_FAILED] = "auth_failed",
	[VRRP_RX_INTERVAL_MISMATCH] = "interval_mismatch",
	[VRRP_RX_CHECKSUM_FORM] = "checksum_form_refused",
	[VRRP_RX_NOT_PEER] = "not_a_unicast_peer",
	[VRRP_RX_OWN] = "own_advert",
};

const char *
vrrp_rx_result_name(enum vrrp_rx_result r)
{
	if ((unsigned)r >= VRRP_RX_RESULT_COUNT)
		return "?";
	return rx_names[r];
}

/* -- checksums ------------------------------------------------------------ */

static uint32_t
sum16(const uint8_t *p, size_t len, uint32_t sum)
{
	while (len > 1) {
		sum += (uint32_t)p[0] << 8 | p[1];
		p += 2;
		len -= 2;
	}
	if (len == 1)
		sum += (uint32_t)p[0] << 8;
	return sum;
}

uint16_t
vrrp_csum(const uint8_t *buf, size_t len, uint32_t sum)
{
	sum = sum16(buf, len, sum);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

uint32_t
vrrp_pseudo4_sum(const struct in_addr *src, const struct in_addr *dst,
    size_t len)
{
	uint32_t sum = 0;

	sum = sum16((const uint8_t *)&src->s_addr, 4, sum);
	sum = sum16((const uint8_t *)&dst->s_addr, 4, sum);
	return sum + VRRP_PROTO + (uint32_t)len;
}

uint32_t
vrrp_pseudo6_sum(const struct in6_addr *src, const struct in6_addr *dst,
    size_t len, uint8_t next_header)
{
	uint32_t sum = 0;

	sum = sum16(src->s6_addr, 16, sum);
	sum = sum16(dst->s6_addr, 16, sum);
	sum += (uint32_t)(len >> 16) + (uint32_t)(len & 0xffff);
	return sum + next_header;
}

/* -- receive -------------------------------------------------------------- */

enum vrrp_rx_result
vrrp_ip4_split(const uint8_t *buf, size_t len, struct vrrp_rx *rx)
{
	size_t ihl, tot;

	if (len < VRRP_IP4_HDR_LEN || buf[0] >> 4 != 4)
		return VRRP_RX_BAD_IP;
	ihl = (size_t)(buf[0] & 0x0f) * 4;
	tot = (size_t)buf[2] << 8 | buf[3];
	if (ihl < VRRP_IP4_HDR_LEN || tot < ihl || tot > len ||
	    buf[9] != VRRP_PROTO)
		return VRRP_RX_BAD_IP;
	memset(rx, 0, sizeof(*rx));
	rx->src.af = rx->dst.af = AF_INET;
	memcpy(&rx->src.u.v4, buf + 12, 4);
	memcpy(&rx->dst.u.v4, buf + 16, 4);
	rx->ttl = buf[8];
	rx->data = buf + ihl;
	rx->len = tot - ihl;
	return VRRP_RX_OK;
}

static bool
is_linklocal6(const uint8_t *a)
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

enum vrrp_rx_result
vrrp_pkt_decode(int af, const struct vrrp_rx *rx, struct vrrp_pkt *pkt)
{
	const uint8_t *d = rx->data;
	size_t alen = af == AF_INET6 ? 16 : 4, want;
	uint16_t csum_plain;

	memset(pkt, 0, sizeof(*pkt));
	pkt->af = af;
	if (rx->len < VRRP_HDR_LEN)
		return VRRP_RX_SHORT;
	pkt->version = d[0] >> 4;
	if (pkt->version != 2 && pkt->version != 3)
		return VRRP_RX_BAD_VERSION;
	if (pkt->version == 2 && af == AF_INET6)
		return VRRP_RX_BAD_VERSION;
	if ((d[0] & 0x0f) != VRRP_TYPE_ADVERT)
		return VRRP_RX_BAD_TYPE;
	pkt->vrid = d[1];
	pkt->priority = d[2];
	pkt->naddr = d[3];
	if (pkt->naddr == 0)
		return VRRP_RX_NO_ADDRESSES;
	want = VRRP_HDR_LEN + pkt->naddr * alen;
	if (pkt->version == 2)
		want += VRRP_V2_AUTH_LEN;
	if (rx->len < want)
		return VRRP_RX_TRUNCATED;
	if (rx->len > want)
		return VRRP_RX_TOO_LONG;
	pkt->addrs = d + VRRP_HDR_LEN;

	/* The message alone sums to 0 for v2 and RFC 9568 v3/IPv4. */
	csum_plain = vrrp_csum(d, want, 0);
	if (pkt->version == 2) {
		if (csum_plain != 0)
			return VRRP_RX_BAD_CHECKSUM;
		pkt->auth_type = d[4];
		pkt->interval_cs = (uint16_t)(d[5] * 100);
		memcpy(pkt->auth_data, d + want - VRRP_V2_AUTH_LEN,
		    VRRP_V2_AUTH_LEN);
	} else {
		pkt->interval_cs = (uint16_t)((d[4] & 0x0f) << 8 | d[5]);
		if (af == AF_INET6) {
			if (vrrp_csum(d, want, vrrp_pseudo6_sum(&rx->src.u.v6,
			    &rx->dst.u.v6, want, VRRP_PROTO)) != 0)
				return VRRP_RX_BAD_CHECKSUM;
			pkt->csum_forms = VRRP_CSUM_PSEUDO;
		} else {
			if (csum_plain == 0)
				pkt->csum_forms |= VRRP_CSUM_PLAIN;
			if (vrrp_csum(d, want, vrrp_pseudo4_sum(&rx->src.u.v4,
			    &rx->dst.u.v4, want)) == 0)
				pkt->csum_forms |= VRRP_CSUM_PSEUDO;
			if (pkt->csum_forms == 0)
				return VRRP_RX_BAD_CHECKSUM;
		}
	}
	if (pkt->interval_cs == 0)
		return VRRP_RX_ZERO_INTERVAL;
	if (af == AF_INET6 && !is_linklocal6(rx->src.u.v6.s6_addr))
		return VRRP_RX_SRC_NOT_LINKLOCAL;
	return VRRP_RX_OK;
}

void
vrrp_pkt_addr(const struct vrrp_pkt *pkt, size_t i, struct lvsd_addr *out)
{
	memset(out, 0, sizeof(*out));
	out->af = pkt->af;
	if (pkt->af == AF_INET6)
		memcpy(&out->u.v6, pkt->addrs + i * 16, 16);
	else
		memcpy(&out->u.v4, pkt->addrs + i * 4, 4);
}

enum vrrp_rx_result
vrrp_pkt_accept(const struct vrrp_pkt *pkt, const struct vrrp_rx *rx,
    const struct vrrp_expect *exp)
{
	size_t i;
	bool found;

	if (!exp->unicast && rx->ttl != VRRP_TTL)
		return VRRP_RX_BAD_TTL;
	if (pkt->version != exp->version)
		return VRRP_RX_VERSION_MISMATCH;
	if (exp->own != NULL && addr_equal(exp->own, &rx->src))
		return VRRP_RX_OWN;
	if (exp->strict && pkt->af == AF_INET6 && !is_linklocal6(pkt->addrs))
		return VRRP_RX_FIRST_NOT_LINKLOCAL;
	if (exp->unicast && exp->check_peers) {
		for (i = 0, found = false; i < exp->n_peers && !found; i++)
			found = addr_equal(&exp->peers[i], &rx->src);
		if (!found)
			return VRRP_RX_NOT_PEER;
	}
	if (pkt->version == 2) {
		if (pkt->auth_type != exp->auth_type)
			return VRRP_RX_AUTH_TYPE;
		if (exp->auth_type == VRRP_AUTH_TYPE_PASS &&
		    memcmp(pkt->auth_data, exp->auth_pass,
		    VRRP_V2_AUTH_LEN) != 0)
			return VRRP_RX_AUTH_FAILED;
		if (pkt->interval_cs != exp->interval_cs)
			return VRRP_RX_INTERVAL_MISMATCH;
	} else if (pkt->af == AF_INET && exp->csum_forms != 0 &&
	    (pkt->csum_forms & exp->csum_forms) == 0) {
		return VRRP_RX_CHECKSUM_FORM;
	}
	return VRRP_RX_OK;
}

/* -- transmit ------------------------------------------------------------- */

size_t
vrrp_pkt_encode(const struct vrrp_adv *adv, uint8_t *buf, size_t cap)
{
	size_t alen = adv->af == AF_INET6 ? 16 : 4, len, i;
	uint16_t csum;
	uint32_t sum = 0;
	unsigned secs;

	if (adv->naddr == 0 || adv->naddr > VRRP_MAX_ADDRS ||
	    (adv->version != 2 && adv->version != 3) ||
	    (adv->version == 2 && adv->af != AF_INET) ||
	    (adv->af != AF_INET && adv->af != AF_INET6))
		return 0;
	len = VRRP_HDR_LEN + adv->naddr * alen;
	if (adv->version == 2)
		len += VRRP_V2_AUTH_LEN;
	if (len > cap)
		return 0;
	memset(buf, 0, len);
	buf[0] = (uint8_t)(adv->version << 4 | VRRP_TYPE_ADVERT);
	buf[1] = adv->vrid;
	buf[2] = adv->priority;
	buf[3] = (uint8_t)adv->naddr;
	for (i = 0; i < adv->naddr; i++) {
		if (adv->addrs[i].af != adv->af)
			return 0;
		memcpy(buf + VRRP_HDR_LEN + i * alen, &adv->addrs[i].u, alen);
	}
	if (adv->version == 2) {
		secs = (adv->interval_cs + 50) / 100;
		buf[4] = adv->auth_type;
		buf[5] = (uint8_t)(secs == 0 ? 1 : secs > 255 ? 255 : secs);
		if (adv->auth_type == VRRP_AUTH_TYPE_PASS)
			memcpy(buf + len - VRRP_V2_AUTH_LEN, adv->auth_pass,
			    VRRP_V2_AUTH_LEN);
	} else {
		buf[4] = (uint8_t)((adv->interval_cs >> 8) & 0x0f);
		buf[5] = (uint8_t)(adv->interval_cs & 0xff);
		if (adv->af == AF_INET6)
			sum = vrrp_pseudo6_sum(&adv->src.u.v6, &adv->dst.u.v6,
			    len, VRRP_PROTO);
		else if (adv->csum_form != VRRP_CSUM_PLAIN)
			sum = vrrp_pseudo4_sum(&adv->src.u.v4, &adv->dst.u.v4,
			    len);
	}
	csum = vrrp_csum(buf, len, sum);
	buf[6] = (uint8_t)(csum >> 8);
	buf[7] = (uint8_t)(csum & 0xff);
	return len;
}

void
vrrp_ip4_header(uint8_t *buf, const struct in_addr *src,
    const struct in_addr *dst, uint8_t ttl, size_t payload_len)
{
	size_t tot = VRRP_IP4_HDR_LEN + payload_len;

	memset(buf, 0, VRRP_IP4_HDR_LEN);
	buf[0] = 0x45;
	buf[1] = 0xc0;
	buf[2] = (uint8_t)(tot >> 8);
	buf[3] = (uint8_t)(tot & 0xff);
	buf[8] = ttl;
	buf[9] = VRRP_PROTO;
	memcpy(buf + 12, &src->s_addr, 4);
	memcpy(buf + 16, &dst->s_addr, 4);
}
