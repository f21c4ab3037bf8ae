/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The kernel's IPVS objects as lvsd holds them, independent of netlink.
 *
 * These are the types the codec (ipvs/codec.h) encodes and decodes, the
 * desired-state builder produces, and the reconciler compares: one
 * definition so "what the kernel has" and "what we want" are the same
 * shape and can be diffed field by field.
 *
 * Conventions: ports are host byte order here (the codec converts to the
 * kernel's network order); addresses are struct lvsd_addr; strings are
 * fixed arrays of IPVS's maximum length so objects copy by assignment.
 */
#ifndef LVSD_IPVS_H
#define LVSD_IPVS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/addr.h"

#define IPVS_SCHED_MAX 16               /* IP_VS_SCHEDNAME_MAXLEN */
#define IPVS_PE_MAX 16                  /* IP_VS_PENAME_MAXLEN */
#define IPVS_IFNAME_MAX 16              /* IP_VS_IFNAME_MAXLEN */

/* What identifies a virtual service in the kernel. */
struct ipvs_service_key {
	int af;                         /* AF_INET, AF_INET6 */
	uint16_t protocol;              /* IPPROTO_*; 0 for fwmark */
	struct lvsd_addr addr;          /* af 0 for fwmark */
	uint16_t port;                  /* host order; 0 for fwmark */
	uint32_t fwmark;                /* 0: address service */
};

struct ipvs_service {
	struct ipvs_service_key key;
	char sched[IPVS_SCHED_MAX];     /* "wlc", ...; "" means "none" */
	uint32_t flags;                 /* IP_VS_SVC_F_* (no HASHED) */
	uint32_t timeout;               /* persistence, s; 0: not persistent */
	uint32_t netmask;               /* v4: mask in network order; v6: prefix */
	char pe_name[IPVS_PE_MAX];      /* persistence engine, "" none */
};

/* What identifies a destination inside its service. */
struct ipvs_dest_key {
	struct lvsd_addr addr;          /* its family may differ for TUN */
	uint16_t port;                  /* host order */
};

struct ipvs_dest {
	struct ipvs_dest_key key;
	uint32_t fwd;                   /* IP_VS_CONN_F_MASQ/DROUTE/TUNNEL */
	uint32_t weight;                /* <= INT32_MAX */
	uint32_t u_thresh, l_thresh;    /* 0: no limit */
	uint8_t tun_type;               /* IP_VS_CONN_F_TUNNEL_TYPE_* */
	uint16_t tun_port;              /* host order; GUE */
	uint16_t tun_flags;             /* IP_VS_TUNNEL_ENCAP_FLAG_* */
	/* Read back from the kernel only (dumps); ignored when sending. */
	uint32_t active_conns, inact_conns, persist_conns;
};

/* Connection-synchronisation daemon (IPVS_CMD_*_DAEMON). */
struct ipvs_daemon {
	uint32_t state;                 /* IP_VS_STATE_MASTER or _BACKUP */
	char ifname[IPVS_IFNAME_MAX];
	uint32_t sync_id;
	uint16_t maxlen;                /* 0: kernel default */
	struct lvsd_addr group;         /* af 0: kernel default 224.0.0.81 */
	uint16_t port;                  /* 0: kernel default 8848 */
	uint8_t ttl;                    /* 0: kernel default 1 */
};

/* Connection timeouts (IPVS_CMD_SET_CONFIG); 0 leaves a value unchanged. */
struct ipvs_timeouts {
	uint32_t tcp, tcp_fin, udp;     /* seconds */
};

bool ipvs_service_key_equal(const struct ipvs_service_key *a,
    const struct ipvs_service_key *b);
bool ipvs_dest_key_equal(const struct ipvs_dest_key *a,
    const struct ipvs_dest_key *b);
/* Every field the kernel lets us set is equal (not the counters). */
bool ipvs_service_equal(const struct ipvs_service *a,
    const struct ipvs_service *b);
bool ipvs_dest_equal(const struct ipvs_dest *a, const struct ipvs_dest *b);

/* "192.0.2.1:80/tcp", "[2001:db8::1]:443/tcp", "fwmark 7/inet6". */
void ipvs_service_key_format(const struct ipvs_service_key *k, char *buf,
    size_t len);
/* "10.0.0.1:80", "[2001:db8::2]:80". */
void ipvs_dest_key_format(const struct ipvs_dest_key *k, char *buf,
    size_t len);

#endif
