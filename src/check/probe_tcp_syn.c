// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * TCP_CHECK half_open: the SYN goes out of a raw socket, the SYN-ACK or
 * RST comes back to it, and our kernel resets the SYN-ACK by itself (no
 * socket owns the 4-tuple), so a check costs a few packets and no socket
 * on either side.  The source ports are a pool reserved by bind()ing
 * plain TCP sockets that never listen or connect: the kernel gives them
 * to no connect(), and a segment to one finds no socket.
 */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check/probe.h"
#include "check/probe_tcp_syn.h"
#include "check/tcp_syn.h"
#include "log.h"
#include "util.h"

#define SYN_PORTS 16u           /* same target in flight at once, at most */
#define SYN_BUCKETS 4096u       /* checks in flight, hashed */
#define SYN_SOCKBUF (4 << 20)   /* bursts of thousands of SYNs, answers */
#define SYN_FIRST_RTO 1.0       /* the kernel's initial SYN timeout */

struct syn_family {
	int af;
	int raw;                        /* -1: not yet; -2: cannot be */
	ev_io io;
	struct syn_engine *se;
	int held[SYN_PORTS];            /* the bound sockets holding ports */
	uint16_t ports[SYN_PORTS];
	unsigned next;                  /* round robin over ports */
};

struct syn_check {
	struct probe *p;
	struct syn_family *fam;
	struct syn_check *next;         /* in its bucket */
	uint16_t sport;
	uint32_t isn;
	struct lvsd_addr src;           /* IPv4: the checksummed source */
	ev_timer rtx, timeout;
	double rto;
	bool restarted;                 /* after a route change at timeout */
};

struct syn_engine {
	struct ev_loop *loop;
	uint32_t isn[256];              /* random ISNs, filled in batches */
	size_t n_isn;                   /* left in isn[] */
	struct syn_family fam[2];       /* IPv4, IPv6 */
	struct syn_check *bucket[SYN_BUCKETS];
};

static unsigned
bucket_of(const struct lvsd_addr *dst, uint16_t dport, uint16_t sport)
{
	const uint8_t *b = (const uint8_t *)&dst->u;
	size_t n = dst->af == AF_INET6 ? 16 : 4;
	uint32_t h = 2166136261u ^ ((uint32_t)dport << 16 | sport);

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 16777619u;
	return h % SYN_BUCKETS;
}

static struct syn_check **
find_slot(struct syn_engine *se, const struct lvsd_addr *dst, uint16_t dport,
    uint16_t sport)
{
	struct syn_check **sc = &se->bucket[bucket_of(dst, dport, sport)];

	for (; *sc != NULL; sc = &(*sc)->next)
		if ((*sc)->sport == sport && (*sc)->p->port == dport &&
		    addr_equal(&(*sc)->p->addr, dst))
			break;
	return sc;
}

/* -- sockets ----------------------------------------------------------------- */

static void on_raw_readable(struct ev_loop *loop, ev_io *w, int revents);
static void family_read(struct syn_family *f, int max);

static void
family_close(struct syn_family *f, struct ev_loop *loop)
{
	if (f->raw >= 0) {
		ev_ref(loop);
		ev_io_stop(loop, &f->io);
		close(f->raw);
	}
	for (size_t i = 0; i < SYN_PORTS; i++)
		if (f->held[i] >= 0)
			close(f->held[i]);
}

/* Reserve a source port: bound, never listening or connecting. */
static int
hold_port(int af, uint16_t *port)
{
	struct sockaddr_storage ss = { .ss_family = (sa_family_t)af };
	socklen_t sl = af == AF_INET6 ? sizeof(struct sockaddr_in6) :
	    sizeof(struct sockaddr_in);
	int fd = socket(af, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&ss, sl) != 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sl) != 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(af == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port :
	    ((struct sockaddr_in *)&ss)->sin_port);
	return fd;
}

static bool
family_open(struct syn_family *f, struct ev_loop *loop)
{
	struct sock_filter prog[TCP_SYN_FILTER_LEN(SYN_PORTS)];
	struct sock_fprog fp = { .filter = prog };
	int buf = SYN_SOCKBUF, off = 16;

	for (size_t i = 0; i < SYN_PORTS; i++)
		f->held[i] = -1;
	f->raw = socket(f->af, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    IPPROTO_TCP);
	if (f->raw < 0) {
		log_warn("TCP_CHECK half_open: no raw %s socket (%s): checks "
		    "connect instead", f->af == AF_INET6 ? "IPv6" : "IPv4",
		    strerror(errno));
		f->raw = -2;
		return false;
	}
	for (size_t i = 0; i < SYN_PORTS; i++)
		if ((f->held[i] = hold_port(f->af, &f->ports[i])) < 0)
			goto fail;
	fp.len = (unsigned short)tcp_syn_filter(f->af, f->ports, SYN_PORTS,
	    prog, sizeof(prog) / sizeof(prog[0]));
	if (setsockopt(f->raw, SOL_SOCKET, SO_ATTACH_FILTER, &fp,
	    sizeof(fp)) != 0)
		goto fail;
	if (f->af == AF_INET6 && setsockopt(f->raw, IPPROTO_IPV6,
	    IPV6_CHECKSUM, &off, sizeof(off)) != 0)
		goto fail;
	if (setsockopt(f->raw, SOL_SOCKET, SO_RCVBUFFORCE, &buf,
	    sizeof(buf)) != 0)
		setsockopt(f->raw, SOL_SOCKET, SO_RCVBUF, &buf, sizeof(buf));
	if (setsockopt(f->raw, SOL_SOCKET, SO_SNDBUFFORCE, &buf,
	    sizeof(buf)) != 0)
		setsockopt(f->raw, SOL_SOCKET, SO_SNDBUF, &buf, sizeof(buf));
	ev_io_init(&f->io, on_raw_readable, f->raw, EV_READ);
	f->io.data = f;
	ev_io_start(loop, &f->io);
	ev_unref(loop);         /* it alone must not keep the loop running */
	return true;
fail:
	log_warn("TCP_CHECK half_open: %s socket setup failed (%s): checks "
	    "connect instead", f->af == AF_INET6 ? "IPv6" : "IPv4",
	    strerror(errno));
	for (size_t i = 0; i < SYN_PORTS; i++)
		if (f->held[i] >= 0)
			close(f->held[i]);
	for (size_t i = 0; i < SYN_PORTS; i++)
		f->held[i] = -1;
	close(f->raw);
	f->raw = -2;
	return false;
}

static struct syn_family *
family_get(struct syn_engine **sep, struct probe *p)
{
	struct syn_engine *se = *sep;
	struct syn_family *f;

	if (se == NULL) {
		se = *sep = xcalloc(1, sizeof(*se));
		se->loop = probe_loop(p);
		se->fam[0].af = AF_INET;
		se->fam[1].af = AF_INET6;
		for (size_t i = 0; i < 2; i++) {
			se->fam[i].raw = -1;
			se->fam[i].se = se;
			for (size_t j = 0; j < SYN_PORTS; j++)
				se->fam[i].held[j] = -1;
		}
	}
	f = &se->fam[p->addr.af == AF_INET6];
	if (f->raw == -1)
		family_open(f, se->loop);
	return f->raw >= 0 ? f : NULL;
}

void
syn_engine_free(struct syn_engine *se)
{
	if (se == NULL)
		return;
	for (size_t i = 0; i < 2; i++)
		family_close(&se->fam[i], se->loop);
	free(se);
}

/*
 * The IPv4 source the kernel would use towards the target now (a UDP
 * connect() routes without sending).  0 or an errno.
 */
static int
learn_source(const struct probe *p, struct lvsd_addr *src)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
	    .sin_port = htons(p->port), .sin_addr = p->addr.u.v4 };
	socklen_t sl = sizeof(sin);
	int fd, err = 0;

	if (p->ck->common.bindto.af == AF_INET) {
		*src = p->ck->common.bindto;
		return 0;
	}
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return errno;
	if (connect(fd, (struct sockaddr *)&sin, sizeof(sin)) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sin, &sl) != 0)
		err = errno;
	close(fd);
	if (err == 0) {
		src->af = AF_INET;
		src->u.v4 = sin.sin_addr;
	}
	return err;
}

/* Unpredictable to an off-path sender of forged SYN-ACKs; one system
 * call per 256 checks. */
static uint32_t
random_isn(struct syn_engine *se)
{
	if (se->n_isn == 0) {
		ssize_t n = getrandom(se->isn, sizeof(se->isn), GRND_NONBLOCK);

		se->n_isn = n > 0 ? (size_t)n / sizeof(se->isn[0]) : 0;
		if (se->n_isn == 0)
			return (uint32_t)random() ^ (uint32_t)(ev_now(se->loop) *
			    1e6);
	}
	return se->isn[--se->n_isn];
}

/* -- one check ---------------------------------------------------------------- */

static void
syn_finish(struct syn_check *sc)
{
	struct probe *p = sc->p;
	struct syn_engine *se = sc->fam->se;
	struct syn_check **slot = find_slot(se, &p->addr, p->port, sc->sport);

	if (*slot == sc)
		*slot = sc->next;
	ev_timer_stop(probe_loop(p), &sc->rtx);
	ev_timer_stop(probe_loop(p), &sc->timeout);
	p->state = NULL;
	p->syn_in_flight = false;
	free(sc);
}

/* 0, or an errno of sendmsg.  The source is given so that it is the one
 * in the checksum (IPv4), or the one bindto names. */
static int
send_syn(struct syn_check *sc)
{
	struct probe *p = sc->p;
	const struct lvsd_addr *bindto = &p->ck->common.bindto;
	struct tcp_syn s = {
		.src = sc->src, .dst = p->addr, .sport = sc->sport,
		.dport = p->port, .isn = sc->isn,
		.tsval = (uint32_t)(ev_now(probe_loop(p)) * 1000.),
		.mss = p->addr.af == AF_INET6 ? 1440 : 1460,
	};
	uint8_t seg[TCP_SYN_LEN];
	struct sockaddr_storage ss;
	struct iovec iov = { .iov_base = seg, .iov_len = sizeof(seg) };
	union {
		char buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
		struct cmsghdr align;
	} ctl;
	struct msghdr mh = { .msg_name = &ss, .msg_iov = &iov,
	    .msg_iovlen = 1 };
	struct cmsghdr *cm = (struct cmsghdr *)ctl.buf;

	memset(&ss, 0, sizeof(ss));
	memset(&ctl, 0, sizeof(ctl));
	tcp_syn_build(&s, seg);
	if (p->addr.af == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = p->addr.u.v6;
		mh.msg_namelen = sizeof(*s6);
		if (bindto->af == AF_INET6) {
			struct in6_pktinfo pi = { .ipi6_addr = bindto->u.v6 };

			cm->cmsg_level = IPPROTO_IPV6;
			cm->cmsg_type = IPV6_PKTINFO;
			cm->cmsg_len = CMSG_LEN(sizeof(pi));
			memcpy(CMSG_DATA(cm), &pi, sizeof(pi));
			mh.msg_control = ctl.buf;
			mh.msg_controllen = CMSG_SPACE(sizeof(pi));
		}
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
		struct in_pktinfo pi = { .ipi_spec_dst = sc->src.u.v4 };

		s4->sin_family = AF_INET;
		s4->sin_addr = p->addr.u.v4;
		mh.msg_namelen = sizeof(*s4);
		cm->cmsg_level = IPPROTO_IP;
		cm->cmsg_type = IP_PKTINFO;
		cm->cmsg_len = CMSG_LEN(sizeof(pi));
		memcpy(CMSG_DATA(cm), &pi, sizeof(pi));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = CMSG_SPACE(sizeof(pi));
	}
	return sendmsg(sc->fam->raw, &mh, 0) < 0 ? errno : 0;
}

/* The check ended without an answer: err, or ETIMEDOUT. */
static void
syn_fail(struct syn_check *sc, int err)
{
	struct probe *p = sc->p;

	syn_finish(sc);
	/* A full send buffer is this machine's problem, not the server's. */
	probe_connect_failed(p, err == EAGAIN ? ENOBUFS : err);
}

/* IPv4: a route change since the source was learned makes the SYN go
 * out with a source the server answers to in vain; learn it again.
 * True when it changed. */
static bool
relearn_source(struct syn_check *sc)
{
	struct lvsd_addr now;

	if (sc->p->addr.af != AF_INET || learn_source(sc->p, &now) != 0 ||
	    addr_equal(&now, &sc->src))
		return false;
	sc->src = sc->p->u.syn_src = now;
	return true;
}

static void
on_syn_rtx(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct syn_check *sc = w->data;
	int err;

	(void)revents;
	relearn_source(sc);
	if ((err = send_syn(sc)) != 0 && !probe_local_error(err) &&
	    err != EAGAIN) {
		syn_fail(sc, err);
		return;
	}
	sc->rto *= 2;
	ev_timer_set(w, sc->rto, 0.);
	ev_timer_start(loop, w);
}

static void
on_syn_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct syn_check *sc = w->data;
	int err;

	(void)revents;
	/* libev runs expired timers before the I/O of the same iteration,
	 * and a busy engine reads at most 1,024 answers a turn: the answer
	 * may be waiting already.  Read them all before calling it a
	 * timeout (the check is over if p->state no longer points at it). */
	{
		struct probe *p = sc->p;

		family_read(sc->fam, 1 << 16);
		if (p->state != sc)
			return;
	}
	/* Not a failure yet if the source was stale: once more. */
	if (!sc->restarted && relearn_source(sc)) {
		sc->restarted = true;
		if ((err = send_syn(sc)) != 0) {
			syn_fail(sc, err);
			return;
		}
		sc->rto = SYN_FIRST_RTO;
		ev_timer_stop(loop, &sc->rtx);
		ev_timer_set(&sc->rtx, sc->rto, 0.);
		ev_timer_start(loop, &sc->rtx);
		ev_timer_start(loop, w);
		return;
	}
	syn_fail(sc, ETIMEDOUT);
}

/* Read and judge at most `max` answers waiting on f's raw socket. */
static void
family_read(struct syn_family *f, int max)
{
	uint8_t pkt[256];

	for (int i = 0; i < max; i++) {
		struct sockaddr_storage ss;
		socklen_t sl = sizeof(ss);
		struct tcp_syn_reply r;
		struct lvsd_addr from = { .af = f->af };
		struct syn_check **slot, *sc;
		struct probe *p;
		enum tcp_syn_answer a;
		ssize_t n = recvfrom(f->raw, pkt, sizeof(pkt), MSG_TRUNC,
		    (struct sockaddr *)&ss, &sl);

		if (n < 0)
			break;
		if ((size_t)n > sizeof(pkt))
			n = sizeof(pkt);
		if (f->af == AF_INET6) {
			from.u.v6 = ((struct sockaddr_in6 *)&ss)->sin6_addr;
			if (!tcp_syn_decode6(pkt, (size_t)n, &from, &r))
				continue;
		} else if (!tcp_syn_decode4(pkt, (size_t)n, &r))
			continue;
		slot = find_slot(f->se, &r.from, r.sport, r.dport);
		if ((sc = *slot) == NULL ||
		    (a = tcp_syn_judge(&r, sc->isn)) == TCP_SYN_IGNORE)
			continue;
		p = sc->p;
		syn_finish(sc);
		if (a == TCP_SYN_OPEN)
			probe_done(p, true, -1, "SYN-ACK received");
		else
			probe_done(p, false, -1, "connection refused");
	}
}

static void
on_raw_readable(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)loop;
	(void)revents;
	/* Bounded: the loop must serve the rest too. */
	family_read(w->data, 1024);
}

bool
tcp_syn_start(struct probe *p, struct syn_engine **sep)
{
	const struct cfg_check_common *m = &p->ck->common;
	struct syn_family *f;
	struct syn_check *sc, **slot = NULL;
	int err;

	/* What a raw SYN cannot honour: the full connect does it. */
	if (m->bind_if != NULL || m->fwmark != 0 || m->bind_port != 0 ||
	    (p->addr.af != AF_INET && p->addr.af != AF_INET6) ||
	    (f = family_get(sep, p)) == NULL)
		return false;
	/* A source port no check in flight to this target uses. */
	for (unsigned i = 0; i < SYN_PORTS; i++) {
		uint16_t port = f->ports[(f->next + i) % SYN_PORTS];

		slot = find_slot(f->se, &p->addr, p->port, port);
		if (*slot == NULL) {
			f->next = (f->next + i + 1) % SYN_PORTS;
			sc = xcalloc(1, sizeof(*sc));
			sc->sport = port;
			break;
		}
		slot = NULL;
	}
	if (slot == NULL)
		return false;
	sc->p = p;
	sc->fam = f;
	sc->isn = random_isn(f->se);
	*slot = sc;
	p->state = sc;
	p->syn_in_flight = true;
	ev_timer_init(&sc->rtx, on_syn_rtx, SYN_FIRST_RTO, 0.);
	sc->rtx.data = sc;
	ev_timer_init(&sc->timeout, on_syn_timeout,
	    m->connect_timeout_ms / 1000.0, 0.);
	sc->timeout.data = sc;
	sc->rto = SYN_FIRST_RTO;
	if (p->addr.af == AF_INET) {
		/* The cached source, unless the last check failed: then it
		 * may be stale, and this check must not fail for it. */
		if (p->u.syn_src.af != AF_INET || !p->st.last_ok ||
		    m->bindto.af == AF_INET) {
			if ((err = learn_source(p, &p->u.syn_src)) != 0) {
				p->u.syn_src.af = 0;
				syn_fail(sc, err);
				return true;
			}
		}
		sc->src = p->u.syn_src;
	}
	if ((err = send_syn(sc)) != 0) {
		syn_fail(sc, err);
		return true;
	}
	ev_timer_start(probe_loop(p), &sc->rtx);
	ev_timer_start(probe_loop(p), &sc->timeout);
	return true;
}

bool
tcp_syn_cancel(struct probe *p)
{
	if (!p->syn_in_flight || p->state == NULL)
		return false;
	syn_finish(p->state);
	return true;
}
