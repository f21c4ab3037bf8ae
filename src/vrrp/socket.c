// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Raw IPPROTO_VRRP sockets, one per interface and family, shared by the
 * instances on it (they differ by VRID).  IPv4 uses IP_HDRINCL so that the
 * TTL (255, or unicast_ttl) and the source address are ours, and the
 * receive side reads TTL, source and destination from the IP header.  IPv6
 * takes them from ancillary data; the kernel also checks the checksum there
 * (IPV6_CHECKSUM, as keepalived).
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "util.h"
#include "vrrp/vrrp.h"

#define RX_BUF 8192
#define RX_BURST 64

static bool
sockopt(int fd, int level, int name, const void *val, socklen_t len,
    const char *what, const char *ifname)
{
	if (setsockopt(fd, level, name, val, len) == 0)
		return true;
	log_err("VRRP socket on %s: %s: %s", ifname, what, strerror(errno));
	return false;
}

static bool
join_group(struct vrrp_sock *s, const struct lvsd_addr *group)
{
	struct ip_mreqn m4;
	struct ipv6_mreq m6;

	if (s->af == AF_INET) {
		memset(&m4, 0, sizeof(m4));
		m4.imr_multiaddr = group->u.v4;
		m4.imr_ifindex = s->ifindex;
		if (setsockopt(s->fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &m4,
		    sizeof(m4)) == 0 || errno == EADDRINUSE)
			return true;
	} else {
		memset(&m6, 0, sizeof(m6));
		m6.ipv6mr_multiaddr = group->u.v6;
		m6.ipv6mr_interface = (unsigned)s->ifindex;
		if (setsockopt(s->fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &m6,
		    sizeof(m6)) == 0 || errno == EADDRINUSE)
			return true;
	}
	log_err("VRRP socket on %s: cannot join the multicast group: %s",
	    s->ifname, strerror(errno));
	return false;
}

static int
open_socket(int af, const struct vrrp_iface *ifc)
{
	int fd, one = 1, zero = 0, hops = VRRP_TTL, off = 6;
	struct ip_mreqn mif;
	bool ok;

	fd = socket(af, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, VRRP_PROTO);
	if (fd < 0) {
		log_err("cannot open a VRRP socket on %s: %s", ifc->name,
		    strerror(errno));
		return -1;
	}
	ok = sockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifc->name,
	    (socklen_t)strlen(ifc->name), "SO_BINDTODEVICE", ifc->name);
	if (af == AF_INET) {
		memset(&mif, 0, sizeof(mif));
		mif.imr_ifindex = ifc->ifindex;
		ok = ok && sockopt(fd, IPPROTO_IP, IP_HDRINCL, &one,
		    sizeof(one), "IP_HDRINCL", ifc->name) &&
		    sockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &zero,
		    sizeof(zero), "IP_MULTICAST_LOOP", ifc->name) &&
		    sockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mif,
		    sizeof(mif), "IP_MULTICAST_IF", ifc->name);
		/* Only the groups this socket joined (Linux >= 2.6.31). */
		(void)setsockopt(fd, IPPROTO_IP, IP_MULTICAST_ALL, &zero,
		    sizeof(zero));
	} else {
		ok = ok && sockopt(fd, IPPROTO_IPV6, IPV6_CHECKSUM, &off,
		    sizeof(off), "IPV6_CHECKSUM", ifc->name) &&
		    sockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &zero,
		    sizeof(zero), "IPV6_MULTICAST_LOOP", ifc->name) &&
		    sockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, &ifc->ifindex,
		    sizeof(ifc->ifindex), "IPV6_MULTICAST_IF", ifc->name) &&
		    sockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops,
		    sizeof(hops), "IPV6_MULTICAST_HOPS", ifc->name) &&
		    sockopt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &one,
		    sizeof(one), "IPV6_RECVHOPLIMIT", ifc->name) &&
		    sockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one,
		    sizeof(one), "IPV6_RECVPKTINFO", ifc->name);
		(void)setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_ALL, &zero,
		    sizeof(zero));
	}
	if (!ok) {
		close(fd);
		return -1;
	}
	return fd;
}

static struct vrrp_inst *
find_instance(struct vrrp_sock *s, uint8_t vrid)
{
	struct vrrp_inst *vi;

	for (vi = s->ctx->insts; vi != NULL; vi = vi->next)
		if (vi->sock == s && vi->cfg->vrid == vrid)
			return vi;
	return NULL;
}

/* One datagram: split it, decode it, hand it to the instance. */
static void
dispatch(struct vrrp_sock *s, uint8_t *buf, size_t n, struct msghdr *mh)
{
	struct sockaddr_in6 *from = mh->msg_name;
	struct cmsghdr *c;
	struct in6_pktinfo pi;
	struct vrrp_rx rx;
	struct vrrp_pkt pkt;
	struct vrrp_inst *vi;
	enum vrrp_rx_result r;

	memset(&rx, 0, sizeof(rx));
	if (s->af == AF_INET) {
		r = vrrp_ip4_split(buf, n, &rx);
	} else {
		rx.src.af = rx.dst.af = AF_INET6;
		rx.src.u.v6 = from->sin6_addr;
		rx.ttl = -1;
		rx.data = buf;
		rx.len = n;
		for (c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c)) {
			if (c->cmsg_level != IPPROTO_IPV6)
				continue;
			if (c->cmsg_type == IPV6_HOPLIMIT)
				memcpy(&rx.ttl, CMSG_DATA(c), sizeof(int));
			else if (c->cmsg_type == IPV6_PKTINFO) {
				memcpy(&pi, CMSG_DATA(c), sizeof(pi));
				rx.dst.u.v6 = pi.ipi6_addr;
			}
		}
		r = VRRP_RX_OK;
	}
	if (r == VRRP_RX_OK)
		r = vrrp_pkt_decode(s->af, &rx, &pkt);
	if (r != VRRP_RX_OK) {
		log_debug("VRRP packet on %s dropped: %s", s->ifname,
		    vrrp_rx_result_name(r));
		return;
	}
	vi = find_instance(s, pkt.vrid);
	if (vi == NULL) {
		log_debug("VRRP packet on %s dropped: %s (%u)", s->ifname,
		    vrrp_rx_result_name(VRRP_RX_UNKNOWN_VRID), pkt.vrid);
		return;
	}
	vrrp_inst_receive(vi, &rx, &pkt);
}

void
vrrp_sock_drain(struct vrrp_sock *s)
{
	uint8_t buf[RX_BUF];
	union {
		struct cmsghdr align;
		uint8_t b[256];
	} cbuf;
	struct sockaddr_in6 from;
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr mh;
	ssize_t n;
	int i;

	for (i = 0; i < RX_BURST; i++) {
		memset(&mh, 0, sizeof(mh));
		mh.msg_name = &from;
		mh.msg_namelen = sizeof(from);
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = cbuf.b;
		mh.msg_controllen = sizeof(cbuf.b);
		n = recvmsg(s->fd, &mh, 0);
		if (n < 0) {
			if (errno != EAGAIN && errno != EINTR)
				log_debug("VRRP socket on %s: recvmsg: %s",
				    s->ifname, strerror(errno));
			return;
		}
		if (mh.msg_flags & MSG_TRUNC)
			continue;
		dispatch(s, buf, (size_t)n, &mh);
	}
}

static void
on_readable(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)loop;
	(void)revents;
	vrrp_sock_drain(w->data);
}

struct vrrp_sock *
vrrp_sock_get(struct vrrp_ctx *ctx, int af, const struct vrrp_iface *ifc,
    const struct lvsd_addr *group)
{
	struct vrrp_sock *s;
	int fd;

	for (s = ctx->socks; s != NULL; s = s->next)
		if (s->af == af && s->ifindex == ifc->ifindex)
			break;
	if (s == NULL) {
		fd = open_socket(af, ifc);
		if (fd < 0)
			return NULL;
		s = xcalloc(1, sizeof(*s));
		s->ctx = ctx;
		s->af = af;
		s->ifindex = ifc->ifindex;
		snprintf(s->ifname, sizeof(s->ifname), "%s", ifc->name);
		s->fd = fd;
		ev_io_init(&s->io, on_readable, fd, EV_READ);
		s->io.data = s;
		ev_io_start(ctx->loop, &s->io);
		s->next = ctx->socks;
		ctx->socks = s;
	}
	if (group != NULL && group->af == af)
		(void)join_group(s, group);
	s->refs++;
	return s;
}

void
vrrp_sock_put(struct vrrp_sock *s)
{
	struct vrrp_sock **pp;

	if (s == NULL || --s->refs > 0)
		return;
	for (pp = &s->ctx->socks; *pp != NULL; pp = &(*pp)->next)
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	ev_io_stop(s->ctx->loop, &s->io);
	close(s->fd);
	free(s);
}

bool
vrrp_sock_send(struct vrrp_sock *s, const struct lvsd_addr *src,
    const struct lvsd_addr *dst, uint8_t ttl, const uint8_t *msg, size_t len)
{
	uint8_t pkt[VRRP_IP4_HDR_LEN + VRRP_PKT_MAX];
	union {
		struct cmsghdr align;
		uint8_t b[CMSG_SPACE(sizeof(struct in6_pktinfo)) +
		    CMSG_SPACE(sizeof(int))];
	} cbuf;
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;
	struct in6_pktinfo pi;
	struct iovec iov;
	struct msghdr mh;
	struct cmsghdr *c;
	int hops = ttl;
	ssize_t n;

	memset(&mh, 0, sizeof(mh));
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (s->af == AF_INET) {
		if (len > VRRP_PKT_MAX)
			return false;
		vrrp_ip4_header(pkt, &src->u.v4, &dst->u.v4, ttl, len);
		memcpy(pkt + VRRP_IP4_HDR_LEN, msg, len);
		memset(&sin, 0, sizeof(sin));
		sin.sin_family = AF_INET;
		sin.sin_addr = dst->u.v4;
		iov.iov_base = pkt;
		iov.iov_len = VRRP_IP4_HDR_LEN + len;
		mh.msg_name = &sin;
		mh.msg_namelen = sizeof(sin);
	} else {
		memset(&sin6, 0, sizeof(sin6));
		sin6.sin6_family = AF_INET6;
		sin6.sin6_addr = dst->u.v6;
		sin6.sin6_scope_id = (uint32_t)s->ifindex;
		iov.iov_base = (void *)msg;
		iov.iov_len = len;
		mh.msg_name = &sin6;
		mh.msg_namelen = sizeof(sin6);
		memset(&cbuf, 0, sizeof(cbuf));
		mh.msg_control = cbuf.b;
		mh.msg_controllen = sizeof(cbuf.b);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = IPPROTO_IPV6;
		c->cmsg_type = IPV6_PKTINFO;
		c->cmsg_len = CMSG_LEN(sizeof(pi));
		memset(&pi, 0, sizeof(pi));
		pi.ipi6_addr = src->u.v6;
		pi.ipi6_ifindex = (unsigned)s->ifindex;
		memcpy(CMSG_DATA(c), &pi, sizeof(pi));
		c = CMSG_NXTHDR(&mh, c);
		c->cmsg_level = IPPROTO_IPV6;
		c->cmsg_type = IPV6_HOPLIMIT;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &hops, sizeof(hops));
	}
	n = sendmsg(s->fd, &mh, 0);
	if (n < 0) {
		log_debug("VRRP advert on %s not sent: %s", s->ifname,
		    strerror(errno));
		return false;
	}
	return true;
}
