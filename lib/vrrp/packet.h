/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VRRP advertisements on the wire: VRRPv2 (RFC 3768, with keepalived's
 * plain-text password) and VRRPv3 (RFC 5798 as updated by RFC 9568), IPv4
 * and IPv6.  Pure code: no sockets, so every rule is unit-tested and fuzzed.
 *
 * Receiving is two steps.  vrrp_pkt_decode() checks what holds for any
 * advertisement (version, type, length, checksum, address rules) and fills
 * a struct vrrp_pkt; vrrp_pkt_accept() then checks it against the instance
 * that owns its VRID (TTL, version, authentication, interval, peers).  Each
 * returns a reason code with a stable name for logs and counters.
 */
#ifndef LVSD_VRRP_PACKET_H
#define LVSD_VRRP_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/addr.h"

#define VRRP_PROTO 112
#define VRRP_TTL 255
#define VRRP_TYPE_ADVERT 1
#define VRRP_HDR_LEN 8
#define VRRP_V2_AUTH_LEN 8
#define VRRP_AUTH_TYPE_NONE 0
#define VRRP_AUTH_TYPE_PASS 1
#define VRRP_AUTH_TYPE_AH 2
#define VRRP_PRIO_OWNER 255
#define VRRP_PRIO_STOP 0
#define VRRP_MAX_ADDRS 255
/* Largest advertisement: v3 with 255 IPv6 addresses. */
#define VRRP_PKT_MAX (VRRP_HDR_LEN + VRRP_MAX_ADDRS * 16)
#define VRRP_IP4_HDR_LEN 20

/* Why a received packet was dropped (or VRRP_RX_OK). */
enum vrrp_rx_result {
	VRRP_RX_OK,
	VRRP_RX_SHORT,            /* not even the 8-byte header */
	VRRP_RX_BAD_IP,           /* IPv4 header malformed or not protocol 112 */
	VRRP_RX_BAD_VERSION,      /* neither 2 nor 3, or 2 over IPv6 */
	VRRP_RX_BAD_TYPE,         /* type is not 1 (advertisement) */
	VRRP_RX_NO_ADDRESSES,     /* address count 0 (RFC 9568 erratum 8299) */
	VRRP_RX_TRUNCATED,        /* fewer bytes than the count announces */
	VRRP_RX_TOO_LONG,         /* more bytes than the count announces */
	VRRP_RX_BAD_CHECKSUM,
	VRRP_RX_ZERO_INTERVAL,    /* advert interval 0 (erratum 8301) */
	VRRP_RX_SRC_NOT_LINKLOCAL,   /* IPv6 source must be link-local */
	VRRP_RX_FIRST_NOT_LINKLOCAL, /* IPv6, strict: erratum 8300 */
	VRRP_RX_BAD_TTL,          /* TTL / hop limit is not 255 */
	VRRP_RX_UNKNOWN_VRID,     /* no instance with this VRID here */
	VRRP_RX_VERSION_MISMATCH, /* other version than the instance's */
	VRRP_RX_AUTH_TYPE,        /* v2 auth type differs from ours */
	VRRP_RX_AUTH_FAILED,      /* v2 password differs */
	VRRP_RX_INTERVAL_MISMATCH,   /* v2 advert_int differs (v3: logged) */
	VRRP_RX_CHECKSUM_FORM,    /* v3/IPv4 checksum form not accepted */
	VRRP_RX_NOT_PEER,         /* unicast source not a configured peer */
	VRRP_RX_OWN,              /* our own advertisement looped back */
	VRRP_RX_RESULT_COUNT
};

/* "bad_checksum", ...: stable names for logs and counters. */
const char *vrrp_rx_result_name(enum vrrp_rx_result r);

/* How a v3 IPv4 checksum was (or is to be) computed. */
enum vrrp_csum_form {
	VRRP_CSUM_PSEUDO = 1 << 0, /* RFC 5798 with the IPv4 pseudo-header */
	VRRP_CSUM_PLAIN = 1 << 1,  /* RFC 9568 message only (v2 form) */
};

/* What the socket layer knows about one received packet. */
struct vrrp_rx {
	struct lvsd_addr src, dst;
	int ttl;                  /* TTL or hop limit; -1 when unknown */
	const uint8_t *data;      /* the VRRP message (IP payload) */
	size_t len;               /* its length per the IP header */
};

/* A decoded advertisement; addrs point into the received buffer. */
struct vrrp_pkt {
	int af;
	uint8_t version, vrid, priority, naddr;
	uint16_t interval_cs;     /* v2: seconds * 100 */
	uint8_t auth_type;        /* v2 */
	uint8_t auth_data[VRRP_V2_AUTH_LEN];
	unsigned csum_forms;      /* v3/IPv4: forms that matched */
	const uint8_t *addrs;     /* naddr addresses, 4 or 16 bytes each */
};

/*
 * Split a received IPv4 datagram (raw sockets include the IP header) into
 * rx: addresses, TTL and the VRRP message within the IP total length, so
 * Ethernet padding past it is ignored.
 */
enum vrrp_rx_result vrrp_ip4_split(const uint8_t *buf, size_t len,
    struct vrrp_rx *rx);

/* Instance-independent checks; af is the socket's family. */
enum vrrp_rx_result vrrp_pkt_decode(int af, const struct vrrp_rx *rx,
    struct vrrp_pkt *pkt);

/* What an instance expects of the advertisements for its VRID. */
struct vrrp_expect {
	uint8_t version;
	uint8_t auth_type;        /* v2: VRRP_AUTH_TYPE_* */
	char auth_pass[VRRP_V2_AUTH_LEN]; /* NUL-padded */
	uint16_t interval_cs;     /* v2: must match */
	unsigned csum_forms;      /* v3/IPv4: accepted forms (0: both) */
	bool unicast;             /* TTL not checked (as keepalived) */
	const struct lvsd_addr *peers; /* unicast: allowed sources */
	size_t n_peers;
	bool check_peers;         /* check_unicast_src */
	const struct lvsd_addr *own;   /* our source address, or NULL */
	/* vrrp_strict: the first IPv6 address must be link-local (RFC 9568
	 * erratum 8300); keepalived checks it only in strict mode, and
	 * common configurations list global VIPs first. */
	bool strict;
};

enum vrrp_rx_result vrrp_pkt_accept(const struct vrrp_pkt *pkt,
    const struct vrrp_rx *rx, const struct vrrp_expect *exp);

/* The address at index i of a decoded packet. */
void vrrp_pkt_addr(const struct vrrp_pkt *pkt, size_t i,
    struct lvsd_addr *out);

/* An advertisement to send. */
struct vrrp_adv {
	int af;
	uint8_t version, vrid, priority;
	uint16_t interval_cs;     /* v2: rounded to whole seconds */
	uint8_t auth_type;        /* v2 */
	char auth_pass[VRRP_V2_AUTH_LEN];
	const struct lvsd_addr *addrs;
	size_t naddr;
	struct lvsd_addr src, dst; /* for the v3 pseudo-header */
	enum vrrp_csum_form csum_form; /* v3/IPv4; IPv6 is always pseudo */
};

/* Encode into buf; returns the length, or 0 when it does not fit in cap or
 * the advertisement is invalid (no address, family mix, v2 over IPv6). */
size_t vrrp_pkt_encode(const struct vrrp_adv *adv, uint8_t *buf, size_t cap);

/* An IPv4 header for IP_HDRINCL: TOS 0xc0 as keepalived, TTL ttl,
 * protocol 112; the kernel fills the id and the header checksum. */
void vrrp_ip4_header(uint8_t *buf, const struct in_addr *src,
    const struct in_addr *dst, uint8_t ttl, size_t payload_len);

/* The Internet checksum over buf with an initial partial sum. */
uint16_t vrrp_csum(const uint8_t *buf, size_t len, uint32_t sum);
/* Partial sums of the pseudo-headers (v3). */
uint32_t vrrp_pseudo4_sum(const struct in_addr *src, const struct in_addr *dst,
    size_t len);
uint32_t vrrp_pseudo6_sum(const struct in6_addr *src,
    const struct in6_addr *dst, size_t len, uint8_t next_header);

#endif
