// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ipvs-push: the kernel's own limit for bench/ipvs-scale, i.e. the fastest
 * way we know to push an IPVS table: every request encoded up front with
 * lib/ipvs's codec (one reused message, a service's nest once for all
 * its dests, as lvsd's client does) into one byte stream, written many
 * requests per sendmsg, ACKs read in bulk (recvmmsg) as they come, with no more
 * requests in flight than the receive buffer holds.
 *
 *   ipvs-push [client] add VS RS        VS services, RS dests each (NEW_*)
 *   ipvs-push [client] weights VS RS W  every dest's weight set to W + index
 *
 * With "client", the same requests go through lib/ipvs's libev client
 * (ipvs/client.h) instead, as lvsd sends them: how close it gets.
 *   ipvs-push client dump    time a whole-table dump (ipvs_client_dump)
 *
 * The table is bench/ipvs-scale's (and bench/gen-lvs-config.py's shape):
 * service v = 10.(v/250).(v%250).1:80 TCP wrr, dest r = 172.16.(r%250).
 * (v%250+1):80 DR, weight r+1.  Prints the time spent and the errors;
 * exit 1 on any error.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "ipvs/client.h"
#include "ipvs/codec.h"

#define WINDOW 4096
#define BATCH (256 << 10)
#define RX_MSGS 64
#define RX_SIZE 8192

struct push {
	struct ipvs_client *client;     /* NULL: raw */
	struct nl_msg *scratch;         /* raw: each request built here */
	unsigned long client_done;
	uint8_t *out;
	size_t olen, ocap;
	size_t *offs;           /* start of each request */
	size_t n, cap;
	int fd;
	unsigned long errors;
	int first_err;
};

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Append a copy of m's request to the stream (m stays ours). */
static void
append_copy(struct push *p, struct nl_msg *m)
{
	struct nlmsghdr *nlh;
	size_t len;

	if (m == NULL) {
		fprintf(stderr, "ipvs-push: cannot encode\n");
		exit(2);
	}
	nlh = nlmsg_hdr(m);
	len = NLMSG_ALIGN(nlh->nlmsg_len);
	if (p->olen + len > p->ocap) {
		p->ocap = (p->ocap + len) * 2;
		p->out = realloc(p->out, p->ocap);
	}
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 1024;
		p->offs = realloc(p->offs, (p->cap + 1) * sizeof(*p->offs));
	}
	if (p->out == NULL || p->offs == NULL)
		exit(2);
	nlh->nlmsg_seq = (uint32_t)p->n + 1;
	memset(p->out + p->olen, 0, len);
	memcpy(p->out + p->olen, nlh, nlh->nlmsg_len);
	p->offs[p->n++] = p->olen;
	p->olen += len;
	p->offs[p->n] = p->olen;
}

/* Encode check: 0 or die. */
static void
encoded(int r)
{
	if (r != 0) {
		fprintf(stderr, "ipvs-push: cannot encode\n");
		exit(2);
	}
}

static void
client_done(void *arg, int err)
{
	struct push *p = arg;

	p->client_done++;
	if (err != 0 && p->errors++ == 0)
		p->first_err = err;
}

static void
queued(struct push *p, int r)
{
	if (r < 0) {
		fprintf(stderr, "ipvs-push: cannot queue: %s\n", strerror(-r));
		exit(2);
	}
	p->n++;
}

static void
table(struct push *p, int family, int vs, int rs, bool weights, int base)
{
	struct ipvs_service s;
	struct ipvs_dest d;
	char a[32];
	size_t svc_len;
	int v, r;

	for (v = 0; v < vs; v++) {
		memset(&s, 0, sizeof(s));
		snprintf(a, sizeof(a), "10.%d.%d.1", v / 250, v % 250);
		addr_from_string(a, &s.key.addr);
		s.key.af = AF_INET;
		s.key.protocol = IPPROTO_TCP;
		s.key.port = 80;
		snprintf(s.sched, sizeof(s.sched), "wrr");
		if (!weights && p->client != NULL)
			queued(p, ipvs_client_add_service(p->client, &s,
			    client_done, p));
		else if (!weights) {
			encoded(ipvs_enc_service(p->scratch, family,
			    IPVS_CMD_NEW_SERVICE, &s.key, &s));
			append_copy(p, p->scratch);
		}
		/* As lvsd's client: the service nest once per service. */
		svc_len = p->client != NULL ? 0 : ipvs_enc_dest_svc(p->scratch,
		    family, weights ? IPVS_CMD_SET_DEST : IPVS_CMD_NEW_DEST,
		    &s.key);
		for (r = 0; r < rs; r++) {
			memset(&d, 0, sizeof(d));
			snprintf(a, sizeof(a), "172.16.%d.%d", r % 250,
			    v % 250 + 1);
			addr_from_string(a, &d.key.addr);
			d.key.port = 80;
			d.fwd = IP_VS_CONN_F_DROUTE;
			d.weight = (uint32_t)(base + r);
			if (p->client != NULL)
				queued(p, weights ? ipvs_client_edit_dest(
				    p->client, &s.key, &d, client_done, p) :
				    ipvs_client_add_dest(p->client, &s.key, &d,
				    client_done, p));
			else {
				encoded(svc_len == 0 ? -1 : ipvs_enc_dest_tail(
				    p->scratch, svc_len, &d.key, &d));
				append_copy(p, p->scratch);
			}
		}
	}
}

/* Read every ACK there is; returns how many requests completed. */
static size_t
read_acks(struct push *p, bool wait)
{
	static uint8_t rx[RX_MSGS][RX_SIZE];
	struct mmsghdr mm[RX_MSGS];
	struct iovec iov[RX_MSGS];
	struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
	size_t done = 0;
	int n, i;

	if (wait && poll(&pfd, 1, 10000) <= 0) {
		fprintf(stderr, "ipvs-push: no answer from the kernel\n");
		exit(1);
	}
	for (;;) {
		memset(mm, 0, sizeof(mm));
		for (i = 0; i < RX_MSGS; i++) {
			iov[i].iov_base = rx[i];
			iov[i].iov_len = RX_SIZE;
			mm[i].msg_hdr.msg_iov = &iov[i];
			mm[i].msg_hdr.msg_iovlen = 1;
		}
		n = recvmmsg(p->fd, mm, RX_MSGS, MSG_DONTWAIT, NULL);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return done;
		if (n < 0) {
			perror("ipvs-push: recvmmsg");
			exit(1);
		}
		for (i = 0; i < n; i++) {
			struct nlmsghdr *nlh = (struct nlmsghdr *)rx[i];
			int rem = (int)mm[i].msg_len;

			for (; nlmsg_ok(nlh, rem); nlh = nlmsg_next(nlh, &rem)) {
				const struct nlmsgerr *e = nlmsg_data(nlh);

				if (nlh->nlmsg_type != NLMSG_ERROR)
					continue;
				done++;
				if (e->error != 0 && p->errors++ == 0)
					p->first_err = e->error;
			}
		}
		if (n < RX_MSGS)
			return done;
	}
}

static void
dump_service(void *arg, const struct ipvs_service *s)
{
	(void)s;
	((unsigned long *)arg)[1]++;
}

static void
dump_dest(void *arg, const struct ipvs_service_key *k,
    const struct ipvs_dest *d)
{
	(void)k;
	(void)d;
	((unsigned long *)arg)[2]++;
}

static void
dump_done(void *arg, int err)
{
	((unsigned long *)arg)[0] = err == 0 ? 1 : 2;
}

/* A whole-table dump through the client: services, then each one's dests. */
static int
client_dump(void)
{
	struct ev_loop *loop = ev_default_loop(0);
	struct ipvs_client *c;
	unsigned long res[3] = { 0, 0, 0 };
	double t0;
	int err;

	c = ipvs_client_open(loop, &err);
	if (c == NULL) {
		fprintf(stderr, "ipvs-push: %s\n", ipvs_client_strerror(err));
		return 1;
	}
	t0 = now_s();
	if (ipvs_client_dump(c, dump_service, dump_dest, dump_done, res) < 0 ||
	    ipvs_client_wait(c, 120.0) < 0 || res[0] != 1) {
		fprintf(stderr, "ipvs-push: dump failed\n");
		return 1;
	}
	printf("ipvs-push client dump: %lu services, %lu dests in %.3f s\n",
	    res[1], res[2], now_s() - t0);
	ipvs_client_close(c);
	return 0;
}

static int
run_client(struct push *p, int vs, int rs, bool weights, int base,
    double *t_encode, double *t_send)
{
	struct ev_loop *loop = ev_default_loop(0);
	double t0, t1;
	int err;

	p->client = ipvs_client_open(loop, &err);
	if (p->client == NULL) {
		fprintf(stderr, "ipvs-push: %s\n", ipvs_client_strerror(err));
		return 1;
	}
	t0 = now_s();
	table(p, 0, vs, rs, weights, base);
	t1 = now_s();
	if (ipvs_client_wait(p->client, 120.0) < 0 || p->client_done != p->n) {
		fprintf(stderr, "ipvs-push: client did not finish\n");
		return 1;
	}
	*t_encode = t1 - t0;
	*t_send = now_s() - t1;
	ipvs_client_close(p->client);
	return 0;
}

int
main(int argc, char **argv)
{
	struct push p;
	struct nl_sock *sk;
	size_t sent = 0, acked = 0;
	int family, vs, rs, v, one = 1;
	bool weights, client = false;
	double t0, t1, t2;

	if (argc > 1 && strcmp(argv[1], "client") == 0) {
		client = true;
		argc--;
		argv++;
	}
	if (client && argc > 1 && strcmp(argv[1], "dump") == 0)
		return client_dump();
	if (argc < 4 || (strcmp(argv[1], "add") != 0 &&
	    strcmp(argv[1], "weights") != 0) ||
	    (strcmp(argv[1], "weights") == 0 && argc < 5)) {
		fprintf(stderr, "usage: ipvs-push [client] add VS RS | "
		    "weights VS RS W\n");
		return 2;
	}
	weights = strcmp(argv[1], "weights") == 0;
	vs = atoi(argv[2]);
	rs = atoi(argv[3]);
	memset(&p, 0, sizeof(p));
	if (client) {
		if (run_client(&p, vs, rs, weights, weights ? atoi(argv[4]) : 1,
		    &t0, &t1) != 0)
			return 1;
		printf("ipvs-push client %s: %zu requests, %.3f s to queue, "
		    "%.3f s to send and acknowledge, %lu errors\n", argv[1],
		    p.n, t0, t1, p.errors);
		return p.errors != 0;
	}
	sk = nl_socket_alloc();
	if (sk == NULL || genl_connect(sk) < 0 ||
	    (family = genl_ctrl_resolve(sk, IPVS_GENL_NAME)) < 0) {
		fprintf(stderr, "ipvs-push: the kernel has no IPVS\n");
		return 1;
	}
	p.fd = nl_socket_get_fd(sk);
	v = 32 << 20;
	setsockopt(p.fd, SOL_SOCKET, SO_RCVBUFFORCE, &v, sizeof(v));
	v = 4 << 20;
	setsockopt(p.fd, SOL_SOCKET, SO_SNDBUFFORCE, &v, sizeof(v));
	setsockopt(p.fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));

	t0 = now_s();
	p.scratch = ipvs_req_alloc();
	if (p.scratch == NULL)
		return 2;
	table(&p, family, vs, rs, weights, weights ? atoi(argv[4]) : 1);
	t1 = now_s();
	while (acked < p.n) {
		size_t end = sent;

		while (end < p.n && end - acked < WINDOW &&
		    p.offs[end + 1] - p.offs[sent] <= BATCH)
			end++;
		if (end > sent) {
			if (send(p.fd, p.out + p.offs[sent],
			    p.offs[end] - p.offs[sent], 0) < 0) {
				perror("ipvs-push: send");
				return 1;
			}
			sent = end;
		}
		acked += read_acks(&p, sent - acked >= WINDOW || sent == p.n);
	}
	t2 = now_s();
	printf("ipvs-push %s: %zu requests, %.3f s to encode, %.3f s to "
	    "send and acknowledge, %lu errors", argv[1], p.n, t1 - t0,
	    t2 - t1, p.errors);
	if (p.errors != 0)
		printf(" (first: %s)", strerror(-p.first_err));
	printf("\n");
	nl_socket_free(sk);
	nlmsg_free(p.scratch);
	free(p.out);
	free(p.offs);
	return p.errors != 0;
}
