// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "ipvs/codec.h"
#include "ipvs/ipvs.h"

bool
ipvs_service_key_equal(const struct ipvs_service_key *a,
    const struct ipvs_service_key *b)
{
	if (a->af != b->af || a->fwmark != b->fwmark)
		return false;
	if (a->fwmark != 0)
		return true;
	return a->protocol == b->protocol && a->port == b->port &&
	    addr_equal(&a->addr, &b->addr);
}

bool
ipvs_dest_key_equal(const struct ipvs_dest_key *a,
    const struct ipvs_dest_key *b)
{
	return a->port == b->port && addr_equal(&a->addr, &b->addr);
}

uint32_t
ipvs_default_netmask(int af)
{
	return af == AF_INET6 ? 128 : 0xffffffffu;
}

/* 0 stands for the kernel's default (see codec.h). */
static uint32_t
effective_netmask(const struct ipvs_service *s)
{
	return s->netmask != 0 ? s->netmask : ipvs_default_netmask(s->key.af);
}

/* The kernel adds PERSISTENT for a timeout and never reports HASHED. */
static uint32_t
effective_flags(const struct ipvs_service *s)
{
	uint32_t f = s->flags & ~(uint32_t)IP_VS_SVC_F_HASHED;

	if (s->timeout != 0)
		f |= IP_VS_SVC_F_PERSISTENT;
	return f;
}

static const char *
sched_name(const char *s)
{
	return strcmp(s, "none") == 0 ? "" : s;
}

bool
ipvs_service_equal(const struct ipvs_service *a, const struct ipvs_service *b)
{
	return ipvs_service_key_equal(&a->key, &b->key) &&
	    strncmp(sched_name(a->sched), sched_name(b->sched),
		IPVS_SCHED_MAX) == 0 &&
	    effective_flags(a) == effective_flags(b) &&
	    a->timeout == b->timeout &&
	    effective_netmask(a) == effective_netmask(b) &&
	    strncmp(a->pe_name, b->pe_name, IPVS_PE_MAX) == 0;
}

bool
ipvs_dest_equal(const struct ipvs_dest *a, const struct ipvs_dest *b)
{
	if (!ipvs_dest_key_equal(&a->key, &b->key) ||
	    (a->fwd & IP_VS_CONN_F_FWD_MASK) !=
	    (b->fwd & IP_VS_CONN_F_FWD_MASK) ||
	    a->weight != b->weight || a->u_thresh != b->u_thresh ||
	    a->l_thresh != b->l_thresh)
		return false;
	/* Tunnel parameters only mean something for TUN. */
	if ((a->fwd & IP_VS_CONN_F_FWD_MASK) != IP_VS_CONN_F_TUNNEL)
		return true;
	if (a->tun_type != b->tun_type)
		return false;
	if (a->tun_type == IP_VS_CONN_F_TUNNEL_TYPE_GUE &&
	    a->tun_port != b->tun_port)
		return false;
	if (a->tun_type != IP_VS_CONN_F_TUNNEL_TYPE_IPIP &&
	    a->tun_flags != b->tun_flags)
		return false;
	return true;
}

static const char *
proto_name(uint16_t p)
{
	switch (p) {
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_SCTP:
		return "sctp";
	default:
		return NULL;
	}
}

void
ipvs_service_key_format(const struct ipvs_service_key *k, char *buf,
    size_t len)
{
	char ap[INET6_ADDRSTRLEN + 8];
	const char *p;

	if (k->fwmark != 0) {
		snprintf(buf, len, "fwmark %u/%s", (unsigned)k->fwmark,
		    k->af == AF_INET6 ? "inet6" : "inet");
		return;
	}
	addr_port_to_string(&k->addr, k->port, ap, sizeof(ap));
	p = proto_name(k->protocol);
	if (p != NULL)
		snprintf(buf, len, "%s/%s", ap, p);
	else
		snprintf(buf, len, "%s/proto-%u", ap, (unsigned)k->protocol);
}

void
ipvs_dest_key_format(const struct ipvs_dest_key *k, char *buf, size_t len)
{
	addr_port_to_string(&k->addr, k->port, buf, len);
}
