// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * TCP_CHECK (a connect within connect_timeout) and the socket helpers the
 * other network probes share.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check/probe.h"
#include "check/probe_tcp_syn.h"
#include "util.h"

const char *
probe_strerror(int err, char *buf, size_t len)
{
	snprintf(buf, len, "%s", strerror(err));
	if (buf[0] != '\0' && !(buf[1] != '\0' && isupper((unsigned char)buf[1])))
		buf[0] = (char)tolower((unsigned char)buf[0]);
	return buf;
}

static socklen_t
to_sockaddr(const struct lvsd_addr *a, uint16_t port,
    struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (a->af == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = a->u.v6;
		s6->sin6_port = htons(port);
		return sizeof(*s6);
	}
	struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

	s4->sin_family = AF_INET;
	s4->sin_addr = a->u.v4;
	s4->sin_port = htons(port);
	return sizeof(*s4);
}

int
probe_socket(struct probe *p, int type, int proto, int *err)
{
	const struct cfg_check_common *m = &p->ck->common;
	struct sockaddr_storage ss;
	socklen_t sl;
	int fd, one = 1;
	bool icmp = proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6;

	fd = socket(p->addr.af, type | SOCK_NONBLOCK | SOCK_CLOEXEC, proto);
	if (fd < 0) {
		*err = errno;
		return -1;
	}
	if (m->fwmark != 0 && setsockopt(fd, SOL_SOCKET, SO_MARK, &m->fwmark,
	    sizeof(m->fwmark)) != 0)
		goto fail;
	if (m->bind_if != NULL && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE,
	    m->bind_if, (socklen_t)strlen(m->bind_if)) != 0)
		goto fail;
	if (m->bindto.af == p->addr.af || (m->bind_port != 0 && !icmp)) {
		struct lvsd_addr any = { .af = p->addr.af };

		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		sl = to_sockaddr(m->bindto.af == p->addr.af ? &m->bindto : &any,
		    icmp ? 0 : m->bind_port, &ss);
		if (bind(fd, (struct sockaddr *)&ss, sl) != 0)
			goto fail;
	}
	if (icmp)
		return fd;
	sl = to_sockaddr(&p->addr, p->port, &ss);
	if (connect(fd, (struct sockaddr *)&ss, sl) != 0 &&
	    errno != EINPROGRESS)
		goto fail;
	return fd;
fail:
	*err = errno;
	close(fd);
	return -1;
}

/* -- connecting ------------------------------------------------------------- */

static void
tc_finish(struct tcp_connect *tc, int err)
{
	ev_io_stop(probe_loop(tc->p), &tc->io);
	ev_timer_stop(probe_loop(tc->p), &tc->timer);
	if (err != 0 && tc->fd >= 0) {
		close(tc->fd);
		tc->fd = -1;
	}
	tc->done(tc, err);
}

static void
on_tc_writable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct tcp_connect *tc = w->data;
	int err = 0;
	socklen_t len = sizeof(err);

	(void)loop;
	(void)revents;
	if (getsockopt(tc->fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
		err = errno;
	tc_finish(tc, err);
}

static void
on_tc_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct tcp_connect *tc = w->data;
	struct pollfd pfd = { .fd = tc->fd, .events = POLLOUT };

	(void)loop;
	(void)revents;
	/* A busy loop can see the timer before the connect's own event:
	 * a socket that is writable by now did connect (or failed). */
	if (poll(&pfd, 1, 0) == 1) {
		on_tc_writable(loop, &tc->io, EV_WRITE);
		return;
	}
	tc_finish(tc, ETIMEDOUT);
}

void
tcp_connect_start(struct tcp_connect *tc, struct probe *p,
    void (*done)(struct tcp_connect *tc, int err))
{
	int err = 0;

	tc->p = p;
	tc->done = done;
	ev_init(&tc->io, on_tc_writable);
	tc->io.data = tc;
	ev_timer_init(&tc->timer, on_tc_timeout,
	    p->ck->common.connect_timeout_ms / 1000.0, 0.);
	tc->timer.data = tc;
	tc->fd = probe_socket(p, SOCK_STREAM, 0, &err);
	if (tc->fd < 0) {
		done(tc, err);
		return;
	}
	ev_io_set(&tc->io, tc->fd, EV_WRITE);
	ev_io_start(probe_loop(p), &tc->io);
	ev_timer_start(probe_loop(p), &tc->timer);
}

void
tcp_connect_cancel(struct tcp_connect *tc)
{
	ev_io_stop(probe_loop(tc->p), &tc->io);
	ev_timer_stop(probe_loop(tc->p), &tc->timer);
	if (tc->fd >= 0)
		close(tc->fd);
	tc->fd = -1;
}

/* -- TCP_CHECK -------------------------------------------------------------- */

void
probe_connect_failed(struct probe *p, int err)
{
	char buf[128];

	if (probe_local_error(err))
		probe_defer(p, err);
	else if (err == ETIMEDOUT)
		probe_done(p, false, -1, "timeout after %u ms",
		    p->ck->common.connect_timeout_ms);
	else
		probe_done(p, false, -1, "%s", probe_strerror(err, buf,
		    sizeof(buf)));
}

static void
tcp_check_done(struct tcp_connect *tc, int err)
{
	struct probe *p = tc->p;

	if (err == 0) {
		/* Abort instead of a FIN exchange: the server sees a reset,
		 * and neither side keeps a TIME-WAIT socket per check
		 * (HAProxy's TCP checks close the same way). */
		struct linger lg = { .l_onoff = 1, .l_linger = 0 };

		setsockopt(tc->fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(tc->fd);
	}
	free(tc);
	p->state = NULL;
	if (err == 0)
		probe_done(p, true, -1, "connected");
	else
		probe_connect_failed(p, err);
}

static void
tcp_check_start(struct probe *p)
{
	struct tcp_connect *tc;

	if (p->ck->half_open > 0 && tcp_syn_start(p, checkers_syn(p->c)))
		return;
	tc = xcalloc(1, sizeof(*tc));
	p->state = tc;
	tcp_connect_start(tc, p, tcp_check_done);
}

static void
tcp_check_cancel(struct probe *p)
{
	struct tcp_connect *tc = p->state;

	if (tcp_syn_cancel(p))
		return;
	if (tc != NULL) {
		tcp_connect_cancel(tc);
		free(tc);
		p->state = NULL;
	}
}

const struct probe_ops probe_tcp_ops = {
	.name = "TCP_CHECK",
	.start = tcp_check_start,
	.cancel = tcp_check_cancel,
};
