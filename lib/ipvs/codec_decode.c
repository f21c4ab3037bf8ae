// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Decoding the kernel's IPVS messages (see codec.h).  Every attribute's
 * length is checked before it is read: these run on whatever the socket
 * delivers and on fuzzer input.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netlink/attr.h>
#include <netlink/genl/genl.h>
#include <string.h>
#include <sys/socket.h>

#include "ipvs/codec.h"

/* Only the kernel's scalar types are validated by libnl; binary and string
 * attributes are checked by hand below. */
static struct nla_policy cmd_policy[IPVS_CMD_ATTR_MAX + 1] = {
	[IPVS_CMD_ATTR_SERVICE] = { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_DEST] = { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_DAEMON] = { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_TIMEOUT_TCP] = { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] = { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_UDP] = { .type = NLA_U32 },
};

static struct nla_policy svc_policy[IPVS_SVC_ATTR_MAX + 1] = {
	[IPVS_SVC_ATTR_AF] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_PROTOCOL] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_PORT] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_FWMARK] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_TIMEOUT] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_NETMASK] = { .type = NLA_U32 },
};

static struct nla_policy dest_policy[IPVS_DEST_ATTR_MAX + 1] = {
	[IPVS_DEST_ATTR_PORT] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_FWD_METHOD] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_WEIGHT] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_U_THRESH] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_L_THRESH] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_ACTIVE_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_INACT_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_PERSIST_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_ADDR_FAMILY] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_TUN_TYPE] = { .type = NLA_U8 },
	[IPVS_DEST_ATTR_TUN_PORT] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_TUN_FLAGS] = { .type = NLA_U16 },
};

static struct nla_policy daemon_policy[IPVS_DAEMON_ATTR_MAX + 1] = {
	[IPVS_DAEMON_ATTR_STATE] = { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_SYNC_ID] = { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_SYNC_MAXLEN] = { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_GROUP] = { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_MCAST_PORT] = { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_TTL] = { .type = NLA_U8 },
};

static struct nla_policy info_policy[IPVS_INFO_ATTR_MAX + 1] = {
	[IPVS_INFO_ATTR_VERSION] = { .type = NLA_U32 },
	[IPVS_INFO_ATTR_CONN_TAB_SIZE] = { .type = NLA_U32 },
};

int
ipvs_msg_cmd(const struct nlmsghdr *nlh)
{
	if (!genlmsg_valid_hdr((struct nlmsghdr *)nlh, 0))
		return -EINVAL;
	return genlmsg_hdr((struct nlmsghdr *)nlh)->cmd;
}

static int
parse_top(const struct nlmsghdr *nlh, struct nlattr **tb)
{
	if (!genlmsg_valid_hdr((struct nlmsghdr *)nlh, 0))
		return -EINVAL;
	return genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, IPVS_CMD_ATTR_MAX,
	    cmd_policy) < 0 ? -EINVAL : 0;
}

static int
parse_nest(struct nlattr *nest, int max, struct nla_policy *pol,
    struct nlattr **tb)
{
	if (nest == NULL)
		return -EINVAL;
	return nla_parse_nested(tb, max, nest, pol) < 0 ? -EINVAL : 0;
}

/* A 4- or 16-byte (or longer, nf_inet_addr) address of family af. */
static int
get_addr(const struct nlattr *a, int af, struct lvsd_addr *out)
{
	int len = nla_len(a);

	memset(out, 0, sizeof(*out));
	if (af == AF_INET && len >= 4) {
		memcpy(&out->u.v4, nla_data(a), 4);
	} else if (af == AF_INET6 && len >= 16) {
		memcpy(&out->u.v6, nla_data(a), 16);
	} else {
		return -EINVAL;
	}
	out->af = af;
	return 0;
}

/* A string attribute into a fixed array: NUL-terminated within both. */
static int
get_string(const struct nlattr *a, char *out, size_t size)
{
	size_t len = (size_t)nla_len(a);
	const char *s = nla_data(a);
	const char *nul = memchr(s, '\0', len);
	size_t n = nul != NULL ? (size_t)(nul - s) : len;

	if (n >= size)
		return -EINVAL;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

int
ipvs_decode_service(const struct nlmsghdr *nlh, struct ipvs_service *s)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *sa[IPVS_SVC_ATTR_MAX + 1];
	struct ipvs_service_key *k = &s->key;
	struct ip_vs_flags f;

	memset(s, 0, sizeof(*s));
	if (parse_top(nlh, tb) < 0 ||
	    parse_nest(tb[IPVS_CMD_ATTR_SERVICE], IPVS_SVC_ATTR_MAX,
	    svc_policy, sa) < 0 || sa[IPVS_SVC_ATTR_AF] == NULL)
		return -EINVAL;
	k->af = nla_get_u16(sa[IPVS_SVC_ATTR_AF]);
	if (k->af != AF_INET && k->af != AF_INET6)
		return -EINVAL;
	if (sa[IPVS_SVC_ATTR_FWMARK] != NULL &&
	    nla_get_u32(sa[IPVS_SVC_ATTR_FWMARK]) != 0) {
		k->fwmark = nla_get_u32(sa[IPVS_SVC_ATTR_FWMARK]);
	} else {
		if (sa[IPVS_SVC_ATTR_PROTOCOL] == NULL ||
		    sa[IPVS_SVC_ATTR_ADDR] == NULL ||
		    sa[IPVS_SVC_ATTR_PORT] == NULL ||
		    get_addr(sa[IPVS_SVC_ATTR_ADDR], k->af, &k->addr) < 0)
			return -EINVAL;
		k->protocol = nla_get_u16(sa[IPVS_SVC_ATTR_PROTOCOL]);
		k->port = ntohs(nla_get_u16(sa[IPVS_SVC_ATTR_PORT]));
	}
	if (sa[IPVS_SVC_ATTR_SCHED_NAME] != NULL) {
		if (get_string(sa[IPVS_SVC_ATTR_SCHED_NAME], s->sched,
		    sizeof(s->sched)) < 0)
			return -EINVAL;
		if (strcmp(s->sched, "none") == 0)
			s->sched[0] = '\0';
	}
	if (sa[IPVS_SVC_ATTR_PE_NAME] != NULL &&
	    get_string(sa[IPVS_SVC_ATTR_PE_NAME], s->pe_name,
	    sizeof(s->pe_name)) < 0)
		return -EINVAL;
	if (sa[IPVS_SVC_ATTR_FLAGS] != NULL) {
		if (nla_len(sa[IPVS_SVC_ATTR_FLAGS]) < (int)sizeof(f))
			return -EINVAL;
		memcpy(&f, nla_data(sa[IPVS_SVC_ATTR_FLAGS]), sizeof(f));
		s->flags = f.flags & f.mask & ~(uint32_t)IP_VS_SVC_F_HASHED;
	}
	if (sa[IPVS_SVC_ATTR_TIMEOUT] != NULL)
		s->timeout = nla_get_u32(sa[IPVS_SVC_ATTR_TIMEOUT]);
	if (sa[IPVS_SVC_ATTR_NETMASK] != NULL)
		s->netmask = nla_get_u32(sa[IPVS_SVC_ATTR_NETMASK]);
	return 0;
}

int
ipvs_decode_dest(const struct nlmsghdr *nlh, int svc_af, struct ipvs_dest *d)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *da[IPVS_DEST_ATTR_MAX + 1];
	int af = svc_af;

	memset(d, 0, sizeof(*d));
	if (parse_top(nlh, tb) < 0 ||
	    parse_nest(tb[IPVS_CMD_ATTR_DEST], IPVS_DEST_ATTR_MAX,
	    dest_policy, da) < 0 || da[IPVS_DEST_ATTR_ADDR] == NULL ||
	    da[IPVS_DEST_ATTR_PORT] == NULL)
		return -EINVAL;
	if (da[IPVS_DEST_ATTR_ADDR_FAMILY] != NULL &&
	    nla_get_u16(da[IPVS_DEST_ATTR_ADDR_FAMILY]) != 0)
		af = nla_get_u16(da[IPVS_DEST_ATTR_ADDR_FAMILY]);
	if (get_addr(da[IPVS_DEST_ATTR_ADDR], af, &d->key.addr) < 0)
		return -EINVAL;
	d->key.port = ntohs(nla_get_u16(da[IPVS_DEST_ATTR_PORT]));
	if (da[IPVS_DEST_ATTR_FWD_METHOD] != NULL)
		d->fwd = nla_get_u32(da[IPVS_DEST_ATTR_FWD_METHOD]) &
		    IP_VS_CONN_F_FWD_MASK;
	if (da[IPVS_DEST_ATTR_WEIGHT] != NULL)
		d->weight = nla_get_u32(da[IPVS_DEST_ATTR_WEIGHT]);
	if (da[IPVS_DEST_ATTR_U_THRESH] != NULL)
		d->u_thresh = nla_get_u32(da[IPVS_DEST_ATTR_U_THRESH]);
	if (da[IPVS_DEST_ATTR_L_THRESH] != NULL)
		d->l_thresh = nla_get_u32(da[IPVS_DEST_ATTR_L_THRESH]);
	if (da[IPVS_DEST_ATTR_TUN_TYPE] != NULL)
		d->tun_type = nla_get_u8(da[IPVS_DEST_ATTR_TUN_TYPE]);
	if (da[IPVS_DEST_ATTR_TUN_PORT] != NULL)
		d->tun_port = ntohs(nla_get_u16(da[IPVS_DEST_ATTR_TUN_PORT]));
	if (da[IPVS_DEST_ATTR_TUN_FLAGS] != NULL)
		d->tun_flags = nla_get_u16(da[IPVS_DEST_ATTR_TUN_FLAGS]);
	if (da[IPVS_DEST_ATTR_ACTIVE_CONNS] != NULL)
		d->active_conns = nla_get_u32(da[IPVS_DEST_ATTR_ACTIVE_CONNS]);
	if (da[IPVS_DEST_ATTR_INACT_CONNS] != NULL)
		d->inact_conns = nla_get_u32(da[IPVS_DEST_ATTR_INACT_CONNS]);
	if (da[IPVS_DEST_ATTR_PERSIST_CONNS] != NULL)
		d->persist_conns =
		    nla_get_u32(da[IPVS_DEST_ATTR_PERSIST_CONNS]);
	return 0;
}

int
ipvs_decode_daemon(const struct nlmsghdr *nlh, struct ipvs_daemon *d)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	struct nlattr *da[IPVS_DAEMON_ATTR_MAX + 1];

	memset(d, 0, sizeof(*d));
	if (parse_top(nlh, tb) < 0 ||
	    parse_nest(tb[IPVS_CMD_ATTR_DAEMON], IPVS_DAEMON_ATTR_MAX,
	    daemon_policy, da) < 0 || da[IPVS_DAEMON_ATTR_STATE] == NULL)
		return -EINVAL;
	d->state = nla_get_u32(da[IPVS_DAEMON_ATTR_STATE]);
	if (da[IPVS_DAEMON_ATTR_MCAST_IFN] != NULL &&
	    get_string(da[IPVS_DAEMON_ATTR_MCAST_IFN], d->ifname,
	    sizeof(d->ifname)) < 0)
		return -EINVAL;
	if (da[IPVS_DAEMON_ATTR_SYNC_ID] != NULL)
		d->sync_id = nla_get_u32(da[IPVS_DAEMON_ATTR_SYNC_ID]);
	if (da[IPVS_DAEMON_ATTR_SYNC_MAXLEN] != NULL)
		d->maxlen = nla_get_u16(da[IPVS_DAEMON_ATTR_SYNC_MAXLEN]);
	if (da[IPVS_DAEMON_ATTR_MCAST_GROUP6] != NULL) {
		if (get_addr(da[IPVS_DAEMON_ATTR_MCAST_GROUP6], AF_INET6,
		    &d->group) < 0)
			return -EINVAL;
	} else if (da[IPVS_DAEMON_ATTR_MCAST_GROUP] != NULL) {
		d->group.af = AF_INET;
		d->group.u.v4.s_addr =
		    nla_get_u32(da[IPVS_DAEMON_ATTR_MCAST_GROUP]);
	}
	if (da[IPVS_DAEMON_ATTR_MCAST_PORT] != NULL)
		d->port = nla_get_u16(da[IPVS_DAEMON_ATTR_MCAST_PORT]);
	if (da[IPVS_DAEMON_ATTR_MCAST_TTL] != NULL)
		d->ttl = nla_get_u8(da[IPVS_DAEMON_ATTR_MCAST_TTL]);
	return 0;
}

int
ipvs_decode_info(const struct nlmsghdr *nlh, struct ipvs_info *info)
{
	struct nlattr *tb[IPVS_INFO_ATTR_MAX + 1];

	memset(info, 0, sizeof(*info));
	if (!genlmsg_valid_hdr((struct nlmsghdr *)nlh, 0) ||
	    genlmsg_parse((struct nlmsghdr *)nlh, 0, tb, IPVS_INFO_ATTR_MAX,
	    info_policy) < 0 || tb[IPVS_INFO_ATTR_VERSION] == NULL)
		return -EINVAL;
	info->version = nla_get_u32(tb[IPVS_INFO_ATTR_VERSION]);
	if (tb[IPVS_INFO_ATTR_CONN_TAB_SIZE] != NULL)
		info->conn_tab_size =
		    nla_get_u32(tb[IPVS_INFO_ATTR_CONN_TAB_SIZE]);
	return 0;
}

int
ipvs_decode_timeouts(const struct nlmsghdr *nlh, struct ipvs_timeouts *t)
{
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];

	memset(t, 0, sizeof(*t));
	if (parse_top(nlh, tb) < 0)
		return -EINVAL;
	if (tb[IPVS_CMD_ATTR_TIMEOUT_TCP] != NULL)
		t->tcp = nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_TCP]);
	if (tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] != NULL)
		t->tcp_fin = nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]);
	if (tb[IPVS_CMD_ATTR_TIMEOUT_UDP] != NULL)
		t->udp = nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_UDP]);
	return 0;
}
