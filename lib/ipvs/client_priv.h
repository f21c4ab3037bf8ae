/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Inside the IPVS client: shared by client.c (socket, queue, matching)
 * and client_ops.c (one function per request kind).  Not for other users.
 */
#ifndef LVSD_IPVS_CLIENT_PRIV_H
#define LVSD_IPVS_CLIENT_PRIV_H

#include <netlink/socket.h>
#include <stdint.h>

#include "ipvs/client.h"

/* Most requests in flight; ACKs must fit the receive buffer. */
#define IPVS_WINDOW 2048

struct ipvs_req;
struct ipvs_table_dump;

/* One data message of the reply (dump part, GET_INFO answer). */
typedef void (*ipvs_req_msg_fn)(struct ipvs_client *c, struct ipvs_req *r,
    const struct nlmsghdr *nlh);
/* The end: ACK, error or NLMSG_DONE.  r is a copy, already released. */
typedef void (*ipvs_req_done_fn)(struct ipvs_client *c, struct ipvs_req *r,
    int err);

union ipvs_user_cb {
	ipvs_service_fn service;
	ipvs_dest_fn dest;
	ipvs_daemon_fn daemon;
	ipvs_info_fn info;
};

struct ipvs_req {
	uint32_t seq;
	bool used;                      /* in-flight slot taken */
	bool dump;                      /* NLM_F_DUMP */
	bool counted;                   /* one of ipvs_client_pending() */
	int err;                        /* a reply part did not decode */
	size_t off, len;                /* its bytes in the out queue */
	ipvs_req_msg_fn on_msg;
	ipvs_req_done_fn on_done;
	ipvs_done_fn done;              /* the caller's */
	void *arg;
	union ipvs_user_cb cb;
	struct ipvs_service_key key;    /* dest dumps: whose */
	struct ipvs_table_dump *job;    /* whole-table dump it serves */
};

struct ipvs_client {
	struct ev_loop *loop;
	struct nl_sock *sk;
	int fd;
	int family;
	bool ok;
	ev_io rio, wio;
	uint32_t seq;                   /* next sequence number, never 0 */
	size_t window, batch_max;
	/* Not yet sent: queue[qhead..qlen), bytes out[queue[qhead].off..olen). */
	struct ipvs_req *queue;
	size_t qhead, qlen, qcap;
	uint8_t *out;
	size_t olen, ocap;
	/* Sent, waiting for the answer; slot = seq % IPVS_WINDOW. */
	struct ipvs_req inflight[IPVS_WINDOW];
	size_t n_inflight;
	bool dump_running;
	bool dumps_stopped;             /* ipvs_client_stop_dumps() */
	size_t pending;
	uint8_t *rx;                    /* RX_MSGS x RX_SIZE, mapped */
	bool rx_wide;                   /* more than one datagram read */
	struct nl_msg *scratch;         /* service/dest requests built here */
	/* When scratch holds a dest request: its command, its service and
	 * its length up to the dest nest (ipvs_enc_dest_svc); 0: anything
	 * else.  The next dest of that service only replaces the nest. */
	size_t scratch_svc_len;
	uint8_t scratch_cmd;
	struct ipvs_service_key scratch_svc;
	struct ipvs_client_stats stats;
};

/* Queue an encoded request (m may be NULL: -ENOMEM); frees m. */
int ipvs_client_queue(struct ipvs_client *c, struct nl_msg *m,
    const struct ipvs_req *tmpl);
/* The same without taking m (the scratch message). */
int ipvs_client_queue_copy(struct ipvs_client *c, struct nl_msg *m,
    const struct ipvs_req *tmpl);
void ipvs_table_dump_free(struct ipvs_table_dump *job);

#endif
