// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <string.h>
#include <sys/socket.h>

#include "ipvs/codec.h"

/* Room for the biggest request (a dest with its service nest) and then some. */
#define REQ_SIZE 512

static struct nl_msg *
req_start(int family, uint8_t cmd, int flags)
{
	struct nl_msg *m = nlmsg_alloc_size(REQ_SIZE);

	if (m == NULL)
		return NULL;
	if (genlmsg_put(m, 0, 0, family, 0, NLM_F_REQUEST | flags, cmd,
	    IPVS_GENL_VERSION) == NULL) {
		nlmsg_free(m);
		return NULL;
	}
	return m;
}

static struct nl_msg *
req_fail(struct nl_msg *m)
{
	nlmsg_free(m);
	return NULL;
}

struct nl_msg *
ipvs_req_alloc(void)
{
	return nlmsg_alloc_size(REQ_SIZE);
}

/*
 * Empty m and start a doit request in it.  Every byte up to nlmsg_len is
 * written again by genlmsg_put and the nla_put calls (they zero their own
 * padding), so nothing of the previous request shows.
 */
static int
req_restart(struct nl_msg *m, int family, uint8_t cmd)
{
	nlmsg_hdr(m)->nlmsg_len = NLMSG_HDRLEN;
	return genlmsg_put(m, 0, 0, family, 0, NLM_F_REQUEST | NLM_F_ACK, cmd,
	    IPVS_GENL_VERSION) == NULL ? -ENOMEM : 0;
}

/* 16 bytes, IPv4 in the first 4 (union nf_inet_addr). */
static int
put_addr(struct nl_msg *m, int type, const struct lvsd_addr *a)
{
	uint8_t buf[16] = { 0 };

	if (a->af == AF_INET)
		memcpy(buf, &a->u.v4, 4);
	else if (a->af == AF_INET6)
		memcpy(buf, &a->u.v6, 16);
	else
		return -EINVAL;
	return nla_put(m, type, sizeof(buf), buf);
}

static int
put_service_key(struct nl_msg *m, const struct ipvs_service_key *k)
{
	if (k->af != AF_INET && k->af != AF_INET6)
		return -EINVAL;
	if (nla_put_u16(m, IPVS_SVC_ATTR_AF, (uint16_t)k->af) < 0)
		return -ENOMEM;
	if (k->fwmark != 0)
		return nla_put_u32(m, IPVS_SVC_ATTR_FWMARK, k->fwmark) < 0 ?
		    -ENOMEM : 0;
	if (k->addr.af != k->af)
		return -EINVAL;
	if (nla_put_u16(m, IPVS_SVC_ATTR_PROTOCOL, k->protocol) < 0 ||
	    put_addr(m, IPVS_SVC_ATTR_ADDR, &k->addr) < 0 ||
	    nla_put_u16(m, IPVS_SVC_ATTR_PORT, htons(k->port)) < 0)
		return -ENOMEM;
	return 0;
}

/* The service nest: the key only, or the full spec. */
static int
put_service(struct nl_msg *m, const struct ipvs_service_key *k,
    const struct ipvs_service *full)
{
	struct nlattr *nest = nla_nest_start(m, IPVS_CMD_ATTR_SERVICE);
	struct ip_vs_flags f;

	if (nest == NULL || put_service_key(m, k) < 0)
		return -EINVAL;
	if (full != NULL) {
		f.flags = full->flags & ~(uint32_t)IP_VS_SVC_F_HASHED;
		if (full->timeout != 0)
			f.flags |= IP_VS_SVC_F_PERSISTENT;
		f.mask = ~0u;
		if (nla_put_string(m, IPVS_SVC_ATTR_SCHED_NAME,
		    full->sched[0] != '\0' ? full->sched : "none") < 0 ||
		    nla_put(m, IPVS_SVC_ATTR_FLAGS, sizeof(f), &f) < 0 ||
		    nla_put_u32(m, IPVS_SVC_ATTR_TIMEOUT, full->timeout) < 0 ||
		    nla_put_u32(m, IPVS_SVC_ATTR_NETMASK, full->netmask != 0 ?
		    full->netmask : ipvs_default_netmask(k->af)) < 0)
			return -ENOMEM;
		if (full->pe_name[0] != '\0' &&
		    nla_put_string(m, IPVS_SVC_ATTR_PE_NAME, full->pe_name) < 0)
			return -ENOMEM;
	}
	return nla_nest_end(m, nest) < 0 ? -ENOMEM : 0;
}

static int
put_dest(struct nl_msg *m, const struct ipvs_dest_key *k,
    const struct ipvs_dest *full)
{
	struct nlattr *nest = nla_nest_start(m, IPVS_CMD_ATTR_DEST);

	if (nest == NULL || put_addr(m, IPVS_DEST_ATTR_ADDR, &k->addr) < 0 ||
	    nla_put_u16(m, IPVS_DEST_ATTR_PORT, htons(k->port)) < 0 ||
	    nla_put_u16(m, IPVS_DEST_ATTR_ADDR_FAMILY,
	    (uint16_t)k->addr.af) < 0)
		return -EINVAL;
	if (full != NULL) {
		if (nla_put_u32(m, IPVS_DEST_ATTR_FWD_METHOD,
		    full->fwd & IP_VS_CONN_F_FWD_MASK) < 0 ||
		    nla_put_u32(m, IPVS_DEST_ATTR_WEIGHT, full->weight) < 0 ||
		    nla_put_u32(m, IPVS_DEST_ATTR_U_THRESH, full->u_thresh) < 0 ||
		    nla_put_u32(m, IPVS_DEST_ATTR_L_THRESH, full->l_thresh) < 0)
			return -ENOMEM;
		if ((full->fwd & IP_VS_CONN_F_FWD_MASK) == IP_VS_CONN_F_TUNNEL &&
		    (nla_put_u8(m, IPVS_DEST_ATTR_TUN_TYPE, full->tun_type) < 0 ||
		    nla_put_u16(m, IPVS_DEST_ATTR_TUN_PORT,
		    htons(full->tun_port)) < 0 ||
		    nla_put_u16(m, IPVS_DEST_ATTR_TUN_FLAGS, full->tun_flags) < 0))
			return -ENOMEM;
	}
	return nla_nest_end(m, nest) < 0 ? -ENOMEM : 0;
}

int
ipvs_enc_service(struct nl_msg *m, int family, uint8_t cmd,
    const struct ipvs_service_key *k, const struct ipvs_service *full)
{
	if (req_restart(m, family, cmd) < 0 || put_service(m, k, full) < 0)
		return -EINVAL;
	return 0;
}

int
ipvs_enc_dest(struct nl_msg *m, int family, uint8_t cmd,
    const struct ipvs_service_key *svc, const struct ipvs_dest_key *k,
    const struct ipvs_dest *full)
{
	if (req_restart(m, family, cmd) < 0 || put_service(m, svc, NULL) < 0 ||
	    put_dest(m, k, full) < 0)
		return -EINVAL;
	return 0;
}

size_t
ipvs_enc_dest_svc(struct nl_msg *m, int family, uint8_t cmd,
    const struct ipvs_service_key *svc)
{
	if (req_restart(m, family, cmd) < 0 || put_service(m, svc, NULL) < 0)
		return 0;
	return nlmsg_hdr(m)->nlmsg_len;
}

int
ipvs_enc_dest_tail(struct nl_msg *m, size_t svc_len,
    const struct ipvs_dest_key *k, const struct ipvs_dest *full)
{
	/* What follows the service nest is written again, as in
	 * req_restart(). */
	nlmsg_hdr(m)->nlmsg_len = (uint32_t)svc_len;
	return put_dest(m, k, full) < 0 ? -EINVAL : 0;
}

static struct nl_msg *
req_service(int family, uint8_t cmd, const struct ipvs_service_key *k,
    const struct ipvs_service *full)
{
	struct nl_msg *m = ipvs_req_alloc();

	if (m == NULL || ipvs_enc_service(m, family, cmd, k, full) < 0)
		return req_fail(m);
	return m;
}

struct nl_msg *
ipvs_req_new_service(int family, const struct ipvs_service *s)
{
	return req_service(family, IPVS_CMD_NEW_SERVICE, &s->key, s);
}

struct nl_msg *
ipvs_req_set_service(int family, const struct ipvs_service *s)
{
	return req_service(family, IPVS_CMD_SET_SERVICE, &s->key, s);
}

struct nl_msg *
ipvs_req_del_service(int family, const struct ipvs_service_key *k)
{
	return req_service(family, IPVS_CMD_DEL_SERVICE, k, NULL);
}

static struct nl_msg *
req_dest(int family, uint8_t cmd, const struct ipvs_service_key *svc,
    const struct ipvs_dest_key *k, const struct ipvs_dest *full)
{
	struct nl_msg *m = ipvs_req_alloc();

	if (m == NULL || ipvs_enc_dest(m, family, cmd, svc, k, full) < 0)
		return req_fail(m);
	return m;
}

struct nl_msg *
ipvs_req_new_dest(int family, const struct ipvs_service_key *svc,
    const struct ipvs_dest *d)
{
	return req_dest(family, IPVS_CMD_NEW_DEST, svc, &d->key, d);
}

struct nl_msg *
ipvs_req_set_dest(int family, const struct ipvs_service_key *svc,
    const struct ipvs_dest *d)
{
	return req_dest(family, IPVS_CMD_SET_DEST, svc, &d->key, d);
}

struct nl_msg *
ipvs_req_del_dest(int family, const struct ipvs_service_key *svc,
    const struct ipvs_dest_key *d)
{
	return req_dest(family, IPVS_CMD_DEL_DEST, svc, d, NULL);
}

struct nl_msg *
ipvs_req_new_daemon(int family, const struct ipvs_daemon *d)
{
	struct nl_msg *m = req_start(family, IPVS_CMD_NEW_DAEMON, NLM_F_ACK);
	struct nlattr *nest;
	char ifname[IPVS_IFNAME_MAX];

	if (m == NULL || (nest = nla_nest_start(m, IPVS_CMD_ATTR_DAEMON)) ==
	    NULL)
		return req_fail(m);
	memcpy(ifname, d->ifname, sizeof(ifname));
	ifname[sizeof(ifname) - 1] = '\0';
	if (nla_put_u32(m, IPVS_DAEMON_ATTR_STATE, d->state) < 0 ||
	    nla_put_string(m, IPVS_DAEMON_ATTR_MCAST_IFN, ifname) < 0 ||
	    nla_put_u32(m, IPVS_DAEMON_ATTR_SYNC_ID, d->sync_id) < 0)
		return req_fail(m);
	if (d->maxlen != 0 &&
	    nla_put_u16(m, IPVS_DAEMON_ATTR_SYNC_MAXLEN, d->maxlen) < 0)
		return req_fail(m);
	if (d->group.af == AF_INET &&
	    nla_put_u32(m, IPVS_DAEMON_ATTR_MCAST_GROUP,
	    d->group.u.v4.s_addr) < 0)
		return req_fail(m);
	if (d->group.af == AF_INET6 &&
	    nla_put(m, IPVS_DAEMON_ATTR_MCAST_GROUP6, 16, &d->group.u.v6) < 0)
		return req_fail(m);
	if (d->group.af != 0 && d->group.af != AF_INET &&
	    d->group.af != AF_INET6)
		return req_fail(m);
	if (d->port != 0 &&
	    nla_put_u16(m, IPVS_DAEMON_ATTR_MCAST_PORT, d->port) < 0)
		return req_fail(m);
	if (d->ttl != 0 && nla_put_u8(m, IPVS_DAEMON_ATTR_MCAST_TTL, d->ttl) < 0)
		return req_fail(m);
	if (nla_nest_end(m, nest) < 0)
		return req_fail(m);
	return m;
}

struct nl_msg *
ipvs_req_del_daemon(int family, uint32_t state)
{
	struct nl_msg *m = req_start(family, IPVS_CMD_DEL_DAEMON, NLM_F_ACK);
	struct nlattr *nest;

	if (m == NULL || (nest = nla_nest_start(m, IPVS_CMD_ATTR_DAEMON)) ==
	    NULL || nla_put_u32(m, IPVS_DAEMON_ATTR_STATE, state) < 0 ||
	    nla_nest_end(m, nest) < 0)
		return req_fail(m);
	return m;
}

struct nl_msg *
ipvs_req_set_timeouts(int family, const struct ipvs_timeouts *t)
{
	struct nl_msg *m = req_start(family, IPVS_CMD_SET_CONFIG, NLM_F_ACK);

	if (m == NULL || nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_TCP, t->tcp) < 0 ||
	    nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, t->tcp_fin) < 0 ||
	    nla_put_u32(m, IPVS_CMD_ATTR_TIMEOUT_UDP, t->udp) < 0)
		return req_fail(m);
	return m;
}

struct nl_msg *
ipvs_req_flush(int family)
{
	return req_start(family, IPVS_CMD_FLUSH, NLM_F_ACK);
}

struct nl_msg *
ipvs_req_get_info(int family)
{
	return req_start(family, IPVS_CMD_GET_INFO, NLM_F_ACK);
}

struct nl_msg *
ipvs_req_get_config(int family)
{
	return req_start(family, IPVS_CMD_GET_CONFIG, NLM_F_ACK);
}

struct nl_msg *
ipvs_req_dump_services(int family)
{
	return req_start(family, IPVS_CMD_GET_SERVICE, NLM_F_DUMP);
}

struct nl_msg *
ipvs_req_dump_dests(int family, const struct ipvs_service_key *svc)
{
	struct nl_msg *m = req_start(family, IPVS_CMD_GET_DEST, NLM_F_DUMP);

	if (m == NULL || put_service(m, svc, NULL) < 0)
		return req_fail(m);
	return m;
}

struct nl_msg *
ipvs_req_dump_daemons(int family)
{
	return req_start(family, IPVS_CMD_GET_DAEMON, NLM_F_DUMP);
}
