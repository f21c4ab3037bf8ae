// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The datagram checkers: UDP_CHECK, DNS_CHECK and PING_CHECK.  Each sends
 * one datagram and waits up to connect_timeout for the answer.
 *
 * UDP_CHECK sends `payload` (maybe empty).  With require_reply a reply
 * must come, at least min_reply_length and at most max_reply_length long
 * and starting with the given bytes; without it, the check passes unless
 * an ICMP error (port unreachable) comes back, as keepalived's.
 * DNS_CHECK asks `name` (default ".") of `type` (default SOA) and judges
 * the reply (check/dns_codec.h).  PING_CHECK sends an ICMP or ICMPv6 echo
 * on a datagram ("ping") socket, or on a raw socket when the kernel's
 * ping_group_range does not allow the former.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check/dns_codec.h"
#include "check/probe.h"
#include "util.h"

#define PING_PAYLOAD "lvsd-ping-check"

struct dgram_check {
	struct probe *p;
	int fd;
	bool raw;                       /* PING on a raw socket */
	uint16_t id, seq;
	ev_io io;
	ev_timer timer;
};

static void
dg_free(struct dgram_check *d)
{
	ev_io_stop(probe_loop(d->p), &d->io);
	ev_timer_stop(probe_loop(d->p), &d->timer);
	if (d->fd >= 0)
		close(d->fd);
	d->p->state = NULL;
	free(d);
}

static void __attribute__((format(printf, 3, 4)))
dg_done(struct dgram_check *d, bool ok, const char *fmt, ...)
{
	struct probe *p = d->p;
	char why[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	dg_free(d);
	probe_done(p, ok, -1, "%s", why);
}

static void
on_dg_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct dgram_check *d = w->data;
	const struct cfg_checker *ck = d->p->ck;

	(void)loop;
	(void)revents;
	if (ck->type == CHECK_UDP && !ck->require_reply)
		dg_done(d, true, "no reply and no error in %u ms",
		    ck->common.connect_timeout_ms);
	else
		dg_done(d, false, "timeout after %u ms",
		    ck->common.connect_timeout_ms);
}

static void
udp_reply(struct dgram_check *d, const uint8_t *buf, size_t n)
{
	const struct cfg_checker *ck = d->p->ck;

	if (!ck->require_reply) {
		dg_done(d, true, "reply of %zu bytes", n);
		return;
	}
	if (n < ck->min_reply_len) {
		dg_done(d, false, "reply of %zu bytes, shorter than %u", n,
		    ck->min_reply_len);
		return;
	}
	if (ck->max_reply_len != 0 && n > ck->max_reply_len) {
		dg_done(d, false, "reply of %zu bytes, longer than %u", n,
		    ck->max_reply_len);
		return;
	}
	if (n < ck->udp_reply_len || (ck->udp_reply_len > 0 &&
	    memcmp(buf, ck->udp_reply, ck->udp_reply_len) != 0)) {
		dg_done(d, false, "reply does not match require_reply");
		return;
	}
	dg_done(d, true, "reply of %zu bytes", n);
}

static uint16_t
dns_type(const struct cfg_checker *ck)
{
	return ck->dns_type != 0 ? ck->dns_type : 6;    /* SOA */
}

static const char *
dns_name(const struct cfg_checker *ck)
{
	return ck->dns_name != NULL ? ck->dns_name : ".";
}

/* An echo reply for us?  Raw v4 sockets see every ICMP packet. */
static bool
ping_reply_ours(struct dgram_check *d, const uint8_t *buf, size_t n,
    bool *ok)
{
	const uint8_t *icmp = buf;
	uint8_t want = d->p->addr.af == AF_INET6 ? ICMP6_ECHO_REPLY :
	    ICMP_ECHOREPLY;

	if (d->raw && d->p->addr.af == AF_INET) {
		size_t hl;

		if (n < sizeof(struct ip))
			return false;
		hl = (size_t)(buf[0] & 0x0f) * 4;
		if (hl > n)
			return false;
		icmp = buf + hl;
		n -= hl;
	}
	if (n < 8 || icmp[0] != want)
		return false;
	/* A datagram socket's id is the kernel's choice and it filters. */
	if (d->raw && (icmp[4] << 8 | icmp[5]) != d->id)
		return false;
	if ((icmp[6] << 8 | icmp[7]) != d->seq)
		return false;
	*ok = true;
	return true;
}

static void
on_dg_read(struct ev_loop *loop, ev_io *w, int revents)
{
	struct dgram_check *d = w->data;
	const struct cfg_checker *ck = d->p->ck;
	uint8_t buf[2048];
	char reason[200];
	ssize_t n;
	bool ok = false;

	(void)loop;
	(void)revents;
	n = recv(d->fd, buf, sizeof(buf), 0);
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return;
		if (errno == ECONNREFUSED)
			dg_done(d, false, "port unreachable");
		else
			dg_done(d, false, "%s", probe_strerror(errno, reason,
			    sizeof(reason)));
		return;
	}
	switch (ck->type) {
	case CHECK_UDP:
		udp_reply(d, buf, (size_t)n);
		return;
	case CHECK_DNS:
		if (dns_reply_check(buf, (size_t)n, d->id, dns_name(ck),
		    dns_type(ck), reason, sizeof(reason)))
			dg_done(d, true, "%s %s answered", dns_name(ck),
			    dns_type_name(dns_type(ck)));
		else
			dg_done(d, false, "%s", reason);
		return;
	default:
		if (ping_reply_ours(d, buf, (size_t)n, &ok))
			dg_done(d, true, "echo reply");
		return;                 /* someone else's ICMP: wait on */
	}
}

static uint16_t
inet_checksum(const uint8_t *p, size_t n)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		sum += (uint32_t)(p[n - 1] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static bool
ping_send(struct dgram_check *d, int *err)
{
	struct probe *p = d->p;
	bool v6 = p->addr.af == AF_INET6;
	int proto = v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
	uint8_t pkt[8 + sizeof(PING_PAYLOAD)];
	struct sockaddr_storage ss;
	socklen_t sl;
	uint16_t ck;

	d->fd = probe_socket(p, SOCK_DGRAM, proto, err);
	if (d->fd < 0 && (*err == EACCES || *err == EPERM)) {
		d->raw = true;
		d->fd = probe_socket(p, SOCK_RAW, proto, err);
	}
	if (d->fd < 0)
		return false;
	memset(pkt, 0, sizeof(pkt));
	pkt[0] = v6 ? ICMP6_ECHO_REQUEST : ICMP_ECHO;
	pkt[4] = (uint8_t)(d->id >> 8);
	pkt[5] = (uint8_t)d->id;
	pkt[6] = (uint8_t)(d->seq >> 8);
	pkt[7] = (uint8_t)d->seq;
	memcpy(pkt + 8, PING_PAYLOAD, sizeof(PING_PAYLOAD));
	if (!v6) {              /* the kernel sums ICMPv6 and ping sockets */
		ck = inet_checksum(pkt, sizeof(pkt));
		pkt[2] = (uint8_t)(ck >> 8);
		pkt[3] = (uint8_t)ck;
	}
	memset(&ss, 0, sizeof(ss));
	if (v6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = p->addr.u.v6;
		sl = sizeof(*s6);
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;

		s4->sin_family = AF_INET;
		s4->sin_addr = p->addr.u.v4;
		sl = sizeof(*s4);
	}
	if (sendto(d->fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&ss,
	    sl) < 0) {
		*err = errno;
		return false;
	}
	return true;
}

static void
dgram_start(struct probe *p)
{
	struct dgram_check *d = xcalloc(1, sizeof(*d));
	const struct cfg_checker *ck = p->ck;
	char reason[200];
	uint8_t q[DNS_MAX_MSG];
	size_t qlen = 0;
	int err = 0;
	bool sent;

	d->p = p;
	d->fd = -1;
	d->id = (uint16_t)random();
	d->seq = (uint16_t)random();
	p->state = d;
	ev_io_init(&d->io, on_dg_read, -1, EV_READ);
	d->io.data = d;
	ev_timer_init(&d->timer, on_dg_timeout,
	    ck->common.connect_timeout_ms / 1000.0, 0.);
	d->timer.data = d;
	if (ck->type == CHECK_PING) {
		sent = ping_send(d, &err);
	} else {
		if (ck->type == CHECK_DNS) {
			qlen = dns_query_encode(q, sizeof(q), d->id,
			    dns_name(ck), dns_type(ck));
			if (qlen == 0) {
				dg_done(d, false, "'%s' is not a domain name",
				    dns_name(ck));
				return;
			}
		}
		d->fd = probe_socket(p, SOCK_DGRAM, 0, &err);
		sent = d->fd >= 0 && (ck->type == CHECK_DNS ?
		    send(d->fd, q, qlen, 0) :
		    send(d->fd, ck->udp_payload, ck->udp_payload_len, 0)) >= 0;
		if (d->fd >= 0 && !sent)
			err = errno;
	}
	if (!sent && probe_local_error(err)) {
		dg_free(d);
		probe_defer(p, err);
		return;
	}
	if (!sent) {
		dg_done(d, false, "%s", err == ECONNREFUSED ?
		    "port unreachable" : probe_strerror(err, reason,
		    sizeof(reason)));
		return;
	}
	ev_io_set(&d->io, d->fd, EV_READ);
	ev_io_start(probe_loop(p), &d->io);
	ev_timer_start(probe_loop(p), &d->timer);
}

static void
dgram_cancel(struct probe *p)
{
	if (p->state != NULL)
		dg_free(p->state);
}

const struct probe_ops probe_udp_ops = {
	"UDP_CHECK", dgram_start, dgram_cancel,
};
const struct probe_ops probe_dns_ops = {
	"DNS_CHECK", dgram_start, dgram_cancel,
};
const struct probe_ops probe_ping_ops = {
	"PING_CHECK", dgram_start, dgram_cancel,
};
