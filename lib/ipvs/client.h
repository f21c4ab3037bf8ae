/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A non-blocking IPVS client: one libnl generic-netlink socket driven by a
 * libev loop (the socket is an ev_io).
 *
 * Every call queues a request and returns at once.  Queued requests are
 * written from the loop, many per sendmsg (a batch), and the kernel's
 * ACKs/errors are matched back by sequence number to each request's
 * callback, with the kernel's exact errno (ESRCH and ENOENT stay apart,
 * unlike libnl's error codes).  Requests reach the kernel, which executes
 * them, in queue order; a dump is sent only when no other dump is running
 * on the socket (the kernel allows one per socket), and requests queued
 * after a dump that has to wait, wait with it.  Answers to plain requests
 * come in queue order; a dump completes when its last part is read, which
 * can be after requests queued behind it.
 *
 * The socket belongs to the network namespace that is current when
 * ipvs_client_open() runs; every request acts on that namespace's table.
 *
 * Callbacks run from the loop (never from inside the call that queued the
 * request) and may queue more requests; they must not close the client.
 *
 * Errors a callback can see besides the kernel's own (-EEXIST, -ESRCH,
 * -ENOENT, -EINVAL, -ERANGE, -ENODEV, -EPERM, ...):
 *   -ENOBUFS  the socket's receive buffer overflowed and the kernel
 *             dropped some answers.  The client reads every answer still
 *             queued (those requests complete normally); the requests left
 *             unanswered complete with -ENOBUFS: their outcome is unknown
 *             (dump the table to learn it).  The client then moves to a
 *             fresh socket and later requests go on normally.  It sizes
 *             its buffers and limits requests in flight so that this
 *             should not happen.
 *   -EIO      the socket failed (not EAGAIN/EINTR/ENOBUFS): every request
 *             queued or in flight completes with it; the client is dead
 *             (ipvs_client_ok() is false) and must be reopened.
 *   -EINVAL   also for a reply part that does not decode (the request
 *             completes with it once the kernel has finished answering).
 */
#ifndef LVSD_IPVS_CLIENT_H
#define LVSD_IPVS_CLIENT_H

#include <ev.h>
#include <stdbool.h>
#include <stddef.h>

#include "ipvs/codec.h"
#include "ipvs/ipvs.h"

struct ipvs_client;

/* err: 0, or -errno exactly as the kernel (or the client, see above) said. */
typedef void (*ipvs_done_fn)(void *arg, int err);
typedef void (*ipvs_service_fn)(void *arg, const struct ipvs_service *s);
typedef void (*ipvs_dest_fn)(void *arg, const struct ipvs_service_key *svc,
    const struct ipvs_dest *d);
typedef void (*ipvs_daemon_fn)(void *arg, const struct ipvs_daemon *d);
typedef void (*ipvs_info_fn)(void *arg, const struct ipvs_info *info);

/*
 * Connect in the current network namespace and resolve the family "IPVS"
 * (which makes the kernel load ip_vs when it can).  This one step blocks
 * (a single round trip).  NULL on failure with *err:
 *   -EPROTONOSUPPORT  the kernel has no IPVS (family not found);
 *   -EPERM            not allowed;
 *   -ENOMEM, or another -errno from creating the socket.
 * ipvs_client_strerror() gives the one line to print.
 */
struct ipvs_client *ipvs_client_open(struct ev_loop *loop, int *err);
/* Drops queued and in-flight requests WITHOUT calling their callbacks. */
void ipvs_client_close(struct ipvs_client *c);
/* False once the socket has failed (see -EIO above). */
bool ipvs_client_ok(const struct ipvs_client *c);
/* strerror() plus the IPVS-specific meanings ("kernel has no IPVS ..."). */
const char *ipvs_client_strerror(int err);

/*
 * Queue one request.  Each returns 0 (the callback will run exactly once;
 * done may be NULL) or, with no callback: -EINVAL (an object the kernel
 * cannot express: a family other than AF_INET/AF_INET6, an address service
 * whose address family differs from its af), -ENOMEM, or -EIO (client
 * dead).
 */
int ipvs_client_add_service(struct ipvs_client *c,
    const struct ipvs_service *s, ipvs_done_fn done, void *arg);
int ipvs_client_edit_service(struct ipvs_client *c,
    const struct ipvs_service *s, ipvs_done_fn done, void *arg);
int ipvs_client_del_service(struct ipvs_client *c,
    const struct ipvs_service_key *k, ipvs_done_fn done, void *arg);
int ipvs_client_add_dest(struct ipvs_client *c,
    const struct ipvs_service_key *svc, const struct ipvs_dest *d,
    ipvs_done_fn done, void *arg);
int ipvs_client_edit_dest(struct ipvs_client *c,
    const struct ipvs_service_key *svc, const struct ipvs_dest *d,
    ipvs_done_fn done, void *arg);
int ipvs_client_del_dest(struct ipvs_client *c,
    const struct ipvs_service_key *svc, const struct ipvs_dest_key *d,
    ipvs_done_fn done, void *arg);
int ipvs_client_start_daemon(struct ipvs_client *c,
    const struct ipvs_daemon *d, ipvs_done_fn done, void *arg);
/* state: IP_VS_STATE_MASTER or IP_VS_STATE_BACKUP */
int ipvs_client_stop_daemon(struct ipvs_client *c, uint32_t state,
    ipvs_done_fn done, void *arg);
int ipvs_client_set_timeouts(struct ipvs_client *c,
    const struct ipvs_timeouts *t, ipvs_done_fn done, void *arg);
int ipvs_client_flush(struct ipvs_client *c, ipvs_done_fn done, void *arg);
/* on_info runs once (before done(0)) when the kernel answers. */
int ipvs_client_get_info(struct ipvs_client *c, ipvs_info_fn on_info,
    ipvs_done_fn done, void *arg);

/*
 * The whole table: dump the services, then for each service report it with
 * on_service and then its destinations with on_dest, before the next
 * service; then done(arg, 0).  A service deleted meanwhile shows with no
 * destinations.  On an error, done(arg, -errno) and no more callbacks.
 * on_service / on_dest may be NULL.
 */
int ipvs_client_dump(struct ipvs_client *c, ipvs_service_fn on_service,
    ipvs_dest_fn on_dest, ipvs_done_fn done, void *arg);
/*
 * For a daemon that stops: whole-table dumps under way end after the
 * request in flight with done(arg, -ECANCELED), not one dest dump per
 * service later (1,000 round trips at 1,000 services), and new ones are
 * refused with -ECANCELED.  Other requests are not affected.
 */
void ipvs_client_stop_dumps(struct ipvs_client *c);
/* The destinations of one service only. */
int ipvs_client_dump_dests(struct ipvs_client *c,
    const struct ipvs_service_key *svc, ipvs_dest_fn on_dest,
    ipvs_done_fn done, void *arg);
/* The running sync daemons (0 to 2: master, backup). */
int ipvs_client_dump_daemons(struct ipvs_client *c, ipvs_daemon_fn on_daemon,
    ipvs_done_fn done, void *arg);

/* Requests queued or in flight whose callback has not run yet. */
size_t ipvs_client_pending(const struct ipvs_client *c);
/*
 * Run the loop (ev_run ONCE at a time, so other watchers run too) until
 * nothing is pending or timeout_s passes.  For stop paths, tools and tests;
 * not from a callback.  0, -ETIMEDOUT, or -EIO if the socket failed.
 */
int ipvs_client_wait(struct ipvs_client *c, double timeout_s);

/* Counters for logs and benchmarks. */
struct ipvs_client_stats {
	unsigned long requests;         /* requests completed */
	unsigned long errors;           /* ... with err != 0 */
	unsigned long sendmsgs;         /* batches written */
	unsigned long enobufs;          /* receive-buffer overruns */
};
void ipvs_client_get_stats(const struct ipvs_client *c,
    struct ipvs_client_stats *st);

/*
 * Synchronous convenience for tools and tests, built on the above:
 *	int err;
 *	r = ipvs_client_sync(c, ipvs_client_add_service(c, &s,
 *	    ipvs_sync_done, &err), &err, 5.0);
 * ipvs_sync_done stores the result in *(int *)arg; ipvs_client_sync runs
 * the loop until that one request is answered and returns its result (or
 * `queued` when that is < 0, or -ETIMEDOUT).
 */
void ipvs_sync_done(void *arg, int err);
int ipvs_client_sync(struct ipvs_client *c, int queued, int *err,
    double timeout_s);

#endif
