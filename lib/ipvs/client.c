// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The non-blocking IPVS client (see client.h).
 *
 * Requests are encoded at once into one contiguous byte queue (no nl_msg
 * kept per request, so 10,000 queued objects cost about 150 bytes each)
 * with their sequence number already set.  The write watcher sends a
 * prefix of the queue per sendmsg; the kernel handles the whole batch
 * inside that call and queues one ACK per request, which recvmmsg reads
 * many at a time.  An in-flight table indexed by seq % WINDOW matches
 * replies to requests; WINDOW also bounds what the ACKs can occupy in the
 * receive buffer, which is raised so that a full window never overflows it.
 */
#include "config.h"

#include <errno.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/socket.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>

#include "ipvs/client.h"
#include "ipvs/client_priv.h"

#define RCVBUF (8 << 20)        /* the kernel doubles it */
#define SNDBUF (2 << 20)
#define BATCH_MAX (256 << 10)   /* bytes per sendmsg */
#define RX_MSGS 32              /* datagrams per recvmmsg */
#define RX_SIZE (16 << 10)      /* also caps the size of a dump part */
#define RX_BYTES ((size_t)RX_MSGS * RX_SIZE)
#define QUEUE_KEEP (64u << 10)  /* an emptied send queue over it is freed */

static void client_read_cb(struct ev_loop *loop, ev_io *w, int revents);
static void client_write_cb(struct ev_loop *loop, ev_io *w, int revents);

/* -- socket -- */

static int
set_bufs(struct nl_sock *sk)
{
	int fd = nl_socket_get_fd(sk), v, one = 1;

	v = RCVBUF;
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof(v)) < 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &v, sizeof(v));
	v = SNDBUF;
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &v, sizeof(v)) < 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	/* Error ACKs without a copy of our request. */
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	return fd;
}

/* What the buffers we got allow: requests in flight and bytes per batch. */
static void
size_limits(struct ipvs_client *c)
{
	int v = 0;
	socklen_t len = sizeof(v);

	c->window = IPVS_WINDOW;
	if (getsockopt(c->fd, SOL_SOCKET, SO_RCVBUF, &v, &len) == 0 &&
	    v / 1024 < (int)c->window)
		c->window = v > 2048 ? (size_t)v / 1024 : 2; /* ~1 KiB per ACK */
	c->batch_max = BATCH_MAX;
	len = sizeof(v);
	if (getsockopt(c->fd, SOL_SOCKET, SO_SNDBUF, &v, &len) == 0 &&
	    (size_t)v / 2 < c->batch_max)
		c->batch_max = (size_t)v / 2;
}

static int
sock_open(struct nl_sock **out)
{
	struct nl_sock *sk = nl_socket_alloc();
	int e;

	if (sk == NULL)
		return -ENOMEM;
	if (genl_connect(sk) < 0) {
		e = errno != 0 ? -errno : -EIO;
		nl_socket_free(sk);
		return e;
	}
	if (nl_socket_set_nonblocking(sk) < 0) {
		nl_socket_free(sk);
		return -EIO;
	}
	*out = sk;
	return 0;
}

static void
watchers_start(struct ipvs_client *c)
{
	c->fd = set_bufs(c->sk);
	size_limits(c);
	ev_io_init(&c->rio, client_read_cb, c->fd, EV_READ);
	ev_io_init(&c->wio, client_write_cb, c->fd, EV_WRITE);
	c->rio.data = c->wio.data = c;
	ev_io_start(c->loop, &c->rio);
}

static void
watchers_stop(struct ipvs_client *c)
{
	ev_io_stop(c->loop, &c->rio);
	ev_io_stop(c->loop, &c->wio);
}

struct ipvs_client *
ipvs_client_open(struct ev_loop *loop, int *err)
{
	struct ipvs_client *c = calloc(1, sizeof(*c));
	int e;

	if (c == NULL) {
		*err = -ENOMEM;
		return NULL;
	}
	c->loop = loop;
	/* Mapped, so that its pages can be given back (rx_release). */
	c->rx = mmap(NULL, RX_BYTES, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (c->rx == MAP_FAILED)
		c->rx = NULL;
	c->scratch = ipvs_req_alloc();
	if (c->rx == NULL || c->scratch == NULL) {
		nlmsg_free(c->scratch);
		if (c->rx != NULL)
			munmap(c->rx, RX_BYTES);
		free(c);
		*err = -ENOMEM;
		return NULL;
	}
	e = sock_open(&c->sk);
	if (e == 0) {
		/* The one blocking round trip; may load ip_vs. */
		c->family = genl_ctrl_resolve(c->sk, IPVS_GENL_NAME);
		if (c->family < 0) {
			e = c->family == -NLE_OBJ_NOTFOUND ? -EPROTONOSUPPORT :
			    c->family == -NLE_PERM ? -EPERM : -EIO;
			nl_socket_free(c->sk);
		}
	}
	if (e != 0) {
		nlmsg_free(c->scratch);
		munmap(c->rx, RX_BYTES);
		free(c);
		*err = e;
		return NULL;
	}
	c->seq = 1;
	c->ok = true;
	watchers_start(c);
	*err = 0;
	return c;
}

/* A fresh socket after an overrun: no stale replies, no dump running. */
static int
sock_replace(struct ipvs_client *c)
{
	struct nl_sock *sk;
	int e = sock_open(&sk);

	if (e < 0)
		return e;
	watchers_stop(c);
	nl_socket_free(c->sk);
	c->sk = sk;
	watchers_start(c);
	return 0;
}

void
ipvs_client_close(struct ipvs_client *c)
{
	size_t i;

	if (c == NULL)
		return;
	watchers_stop(c);
	nl_socket_free(c->sk);
	for (i = c->qhead; i < c->qlen; i++)
		ipvs_table_dump_free(c->queue[i].job);
	for (i = 0; i < IPVS_WINDOW; i++)
		if (c->inflight[i].used)
			ipvs_table_dump_free(c->inflight[i].job);
	free(c->queue);
	free(c->out);
	munmap(c->rx, RX_BYTES);
	nlmsg_free(c->scratch);
	free(c);
}

bool
ipvs_client_ok(const struct ipvs_client *c)
{
	return c->ok;
}

const char *
ipvs_client_strerror(int err)
{
	switch (err) {
	case -EPROTONOSUPPORT:
		return "the kernel has no IPVS (generic netlink family "
		    "\"IPVS\" not found; module ip_vs not available)";
	case -ESRCH:
		return "no such virtual service";
	case -ENOENT:
		return "no such real server, scheduler or persistence engine";
	case -EEXIST:
		return "already exists";
	case -ENOBUFS:
		return "netlink receive buffer overrun (outcome unknown)";
	default:
		return strerror(-err);
	}
}

size_t
ipvs_client_pending(const struct ipvs_client *c)
{
	return c->pending;
}

void
ipvs_client_get_stats(const struct ipvs_client *c,
    struct ipvs_client_stats *st)
{
	*st = c->stats;
}

/* -- completion -- */

/* Run a request's completion and release it. */
static void
req_finish(struct ipvs_client *c, struct ipvs_req *r, int err)
{
	struct ipvs_req done = *r;

	r->used = false;
	if (err == 0)
		err = done.err;
	if (done.counted) {
		c->pending--;
		c->stats.requests++;
		if (err != 0)
			c->stats.errors++;
	}
	if (done.on_done != NULL)
		done.on_done(c, &done, err);
}

/* The request waiting for `seq`, or NULL (late reply of a failed one). */
static struct ipvs_req *
inflight_find(struct ipvs_client *c, uint32_t seq)
{
	struct ipvs_req *r = &c->inflight[seq % IPVS_WINDOW];

	return r->used && r->seq == seq ? r : NULL;
}

static void
fail_inflight(struct ipvs_client *c, int err)
{
	size_t i;

	c->dump_running = false;
	for (i = 0; i < IPVS_WINDOW; i++)
		if (c->inflight[i].used) {
			c->n_inflight--;
			req_finish(c, &c->inflight[i], err);
		}
}

static void
fail_all(struct ipvs_client *c, int err)
{
	c->ok = false;
	watchers_stop(c);
	fail_inflight(c, err);
	while (c->qhead < c->qlen) {
		struct ipvs_req r = c->queue[c->qhead++];

		req_finish(c, &r, err);
	}
	c->qhead = c->qlen = c->olen = 0;
}

/* -- receive -- */

static void
handle_msg(struct ipvs_client *c, const struct nlmsghdr *nlh)
{
	struct ipvs_req *r = inflight_find(c, nlh->nlmsg_seq);
	int err = 0;

	if (r == NULL)
		return;
	if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE) {
		if (nlh->nlmsg_type == NLMSG_ERROR) {
			const struct nlmsgerr *e = NLMSG_DATA(nlh);

			if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(e->error)))
				err = -EIO;
			else
				err = e->error;
		} else if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) {
			memcpy(&err, NLMSG_DATA(nlh), sizeof(int));
		}
		if (r->dump)
			c->dump_running = false;
		c->n_inflight--;
		req_finish(c, r, err);
		return;
	}
	if (nlh->nlmsg_type < NLMSG_MIN_TYPE)
		return;
	if (r->on_msg != NULL)
		r->on_msg(c, r, nlh);
}

static void
handle_datagram(struct ipvs_client *c, void *buf, size_t len)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	int rem = (int)len;

	for (; nlmsg_ok(nlh, rem); nlh = nlmsg_next(nlh, &rem))
		handle_msg(c, nlh);
}

/* A dump or a burst of answers filled the receive buffer (512 KiB):
 * once nothing is outstanding, give its pages back; between rounds the
 * answers are single ACKs that touch one page. */
static void
rx_release(struct ipvs_client *c)
{
	if (!c->rx_wide || c->n_inflight > 0 || c->dump_running ||
	    c->qhead < c->qlen)
		return;
	madvise(c->rx, RX_BYTES, MADV_DONTNEED);
	c->rx_wide = false;
}

static void
client_read_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct ipvs_client *c = w->data;
	struct mmsghdr mm[RX_MSGS];
	struct iovec iov[RX_MSGS];
	int n, i, rounds, reset = 0;

	(void)loop;
	(void)revents;
	/* Bounded, so a long dump does not starve the rest of the loop;
	 * after an overrun, drain: every answer still queued is used. */
	for (rounds = 0; c->ok && (rounds < 64 || reset != 0); rounds++) {
		memset(mm, 0, sizeof(mm));
		for (i = 0; i < RX_MSGS; i++) {
			iov[i].iov_base = c->rx + (size_t)i * RX_SIZE;
			iov[i].iov_len = RX_SIZE;
			mm[i].msg_hdr.msg_iov = &iov[i];
			mm[i].msg_hdr.msg_iovlen = 1;
		}
		n = recvmmsg(c->fd, mm, RX_MSGS, MSG_DONTWAIT, NULL);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
		    errno == EINTR))
			break;
		if (n < 0 && errno == ENOBUFS) {
			reset = -ENOBUFS;
			continue;
		}
		if (n < 0) {
			fail_all(c, -EIO);
			return;
		}
		if (n > 1)
			c->rx_wide = true;
		for (i = 0; i < n && c->ok; i++) {
			/* Cannot happen with RX_SIZE: treat as lost. */
			if (mm[i].msg_hdr.msg_flags & MSG_TRUNC) {
				reset = reset != 0 ? reset : -EMSGSIZE;
				continue;
			}
			handle_datagram(c, iov[i].iov_base, mm[i].msg_len);
		}
		if (reset == 0 && n < RX_MSGS)
			break;
	}
	if (reset != 0 && c->ok) {
		/* The kernel runs a batch inside send(), so a request still
		 * unanswered after the drain had its answer dropped: its
		 * outcome is unknown.  A new socket starts clean. */
		c->stats.enobufs++;
		fail_inflight(c, reset);
		if (c->ok && sock_replace(c) < 0)
			fail_all(c, -EIO);
	}
	if (c->ok && c->qhead < c->qlen)
		ev_io_start(c->loop, &c->wio);
	rx_release(c);
}

/* -- send -- */

static void
queue_compact(struct ipvs_client *c)
{
	size_t off;

	if (c->qhead == c->qlen) {
		c->qhead = c->qlen = 0;
		c->olen = 0;
		/* A start's or reload's thousands of requests grew these
		 * (4 MB at 10,000 destinations): give them back. */
		if (c->ocap > QUEUE_KEEP) {
			free(c->out);
			free(c->queue);
			c->out = NULL;
			c->queue = NULL;
			c->ocap = c->qcap = 0;
		}
		return;
	}
	if (c->qhead < c->qlen / 2 && c->qhead < 1024)
		return;
	off = c->queue[c->qhead].off;
	memmove(c->out, c->out + off, c->olen - off);
	c->olen -= off;
	memmove(c->queue, c->queue + c->qhead,
	    (c->qlen - c->qhead) * sizeof(*c->queue));
	c->qlen -= c->qhead;
	c->qhead = 0;
	for (size_t i = 0; i < c->qlen; i++)
		c->queue[i].off -= off;
}

static void
client_write_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct ipvs_client *c = w->data;
	size_t i, end, bytes = 0, start;
	bool dump = c->dump_running;
	ssize_t n;

	(void)revents;
	if (c->qhead == c->qlen) {
		ev_io_stop(loop, w);
		return;
	}
	start = c->queue[c->qhead].off;
	for (end = c->qhead; end < c->qlen; end++) {
		struct ipvs_req *r = &c->queue[end];

		if (c->n_inflight + (end - c->qhead) >= c->window ||
		    c->inflight[r->seq % IPVS_WINDOW].used ||
		    (r->dump && dump) ||
		    (bytes != 0 && bytes + r->len > c->batch_max))
			break;
		dump = dump || r->dump;
		bytes += r->len;
	}
	if (end == c->qhead) {
		/* Wait for replies; the read side restarts us. */
		ev_io_stop(loop, w);
		return;
	}
	n = send(c->fd, c->out + start, bytes, MSG_DONTWAIT);
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR || errno == ENOBUFS)
			return;
		if (errno == EMSGSIZE && c->batch_max > 4096) {
			c->batch_max /= 2;
			return;
		}
		fail_all(c, -EIO);
		return;
	}
	c->stats.sendmsgs++;
	for (i = c->qhead; i < end; i++) {
		struct ipvs_req *r = &c->queue[i];

		c->inflight[r->seq % IPVS_WINDOW] = *r;
		c->inflight[r->seq % IPVS_WINDOW].used = true;
		if (r->dump)
			c->dump_running = true;
		c->n_inflight++;
	}
	c->qhead = end;
	queue_compact(c);
	if (c->qhead == c->qlen)
		ev_io_stop(loop, w);
}

/* Append a copy of an encoded request; m stays the caller's. */
int
ipvs_client_queue_copy(struct ipvs_client *c, struct nl_msg *m,
    const struct ipvs_req *tmpl)
{
	struct nlmsghdr *nlh;
	struct ipvs_req *r;
	size_t len;

	if (!c->ok)
		return -EIO;
	if (m == NULL)
		return -ENOMEM;
	nlh = nlmsg_hdr(m);
	len = NLMSG_ALIGN(nlh->nlmsg_len);
	if (c->qlen == c->qcap) {
		size_t cap = c->qcap ? c->qcap * 2 : 64;
		void *q = realloc(c->queue, cap * sizeof(*c->queue));

		if (q == NULL)
			return -ENOMEM;
		c->queue = q;
		c->qcap = cap;
	}
	if (c->olen + len > c->ocap) {
		size_t cap = c->ocap ? c->ocap * 2 : 8192;
		void *o;

		while (cap < c->olen + len)
			cap *= 2;
		if ((o = realloc(c->out, cap)) == NULL)
			return -ENOMEM;
		c->out = o;
		c->ocap = cap;
	}
	nlh->nlmsg_seq = c->seq++;
	if (c->seq == 0)
		c->seq = 1;
	memset(c->out + c->olen, 0, len);
	memcpy(c->out + c->olen, nlh, nlh->nlmsg_len);
	r = &c->queue[c->qlen++];
	*r = *tmpl;
	r->seq = nlh->nlmsg_seq;
	r->off = c->olen;
	r->len = len;
	r->dump = (nlh->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
	r->err = 0;
	c->olen += len;
	if (r->counted)
		c->pending++;
	ev_io_start(c->loop, &c->wio);
	return 0;
}

/* Append an encoded request; takes ownership of m (freed here). */
int
ipvs_client_queue(struct ipvs_client *c, struct nl_msg *m,
    const struct ipvs_req *tmpl)
{
	int e = ipvs_client_queue_copy(c, m, tmpl);

	nlmsg_free(m);
	return e;
}

static void
wait_timer_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	*(bool *)w->data = true;
}

static int
run_until(struct ipvs_client *c, const int *flag, int unset, double timeout_s)
{
	ev_timer t;
	bool expired = false;

	ev_timer_init(&t, wait_timer_cb, timeout_s, 0.);
	t.data = &expired;
	ev_timer_start(c->loop, &t);
	while (!expired && c->ok &&
	    (flag != NULL ? *flag == unset : c->pending != 0))
		ev_run(c->loop, EVRUN_ONCE);
	ev_timer_stop(c->loop, &t);
	if (flag != NULL ? *flag == unset : c->pending != 0)
		return c->ok ? -ETIMEDOUT : -EIO;
	return 0;
}

int
ipvs_client_wait(struct ipvs_client *c, double timeout_s)
{
	return run_until(c, NULL, 0, timeout_s);
}

/* Not an errno: marks "no answer yet". */
#define SYNC_UNSET 1

void
ipvs_sync_done(void *arg, int err)
{
	*(int *)arg = err;
}

int
ipvs_client_sync(struct ipvs_client *c, int queued, int *err,
    double timeout_s)
{
	int r;

	if (queued < 0)
		return queued;
	*err = SYNC_UNSET;
	r = run_until(c, err, SYNC_UNSET, timeout_s);
	return r < 0 ? r : *err;
}
