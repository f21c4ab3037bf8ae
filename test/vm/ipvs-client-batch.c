// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ipvs-client-check pipeline / overrun: many requests in one batch, a dest
 * dump in many parts, and answers lost to a receive-buffer overrun.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "ipvs/client_priv.h"      /* overrun: shrink the buffer */
#include "ipvs-client-check.h"

/* -- pipelining -- */

static void
count_done(void *arg, int err)
{
	unsigned long *n = arg;

	if (err == 0)
		n[0]++;
	else
		n[1]++;
}

struct dest_count {
	int err;
	unsigned long n;
};

static void
count_dest(void *arg, const struct ipvs_service_key *k,
    const struct ipvs_dest *d)
{
	(void)k;
	(void)d;
	((struct dest_count *)arg)->n++;
}

/* One service with n dests: a dest dump in many parts. */
static int
pipeline_dests(struct check *x, int n)
{
	struct ipvs_service s;
	struct ipvs_dest d;
	struct dest_count dc = { 0, 0 };
	unsigned long res[2] = { 0, 0 };
	char a[32];
	int i;

	example_service(&s, "10.2.1.1", 80);
	ipvs_client_add_service(x->c, &s, count_done, res);
	for (i = 0; i < n; i++) {
		snprintf(a, sizeof(a), "192.168.%d.%d", 100 + i / 250,
		    i % 250 + 1);
		example_dest(&d, a, 80);
		ipvs_client_add_dest(x->c, &s.key, &d, count_done, res);
	}
	expect(x, "pipeline: service and dests", ipvs_client_wait(x->c, 60.0),
	    0);
	expect(x, "pipeline: all dests acknowledged", (int)res[0], n + 1);
	expect(x, "dump the dests (many parts)", ipvs_client_sync(x->c,
	    ipvs_client_dump_dests(x->c, &s.key, count_dest, ipvs_sync_done,
	    &dc), &dc.err, 10.0), 0);
	expect(x, "dump: every dest", (int)dc.n, n);
	expect(x, "delete the service", SYNC(x, ipvs_client_del_service(x->c,
	    &s.key, DONE(x))), 0);
	return 0;
}

int
mode_pipeline(struct check *x, int n)
{
	struct ipvs_client_stats st0, st1;
	struct ipvs_service s;
	struct ipvs_table got;
	unsigned long res[2] = { 0, 0 };
	int i;

	example_service(&s, "10.2.0.1", 1);
	ipvs_client_get_stats(x->c, &st0);
	for (i = 0; i < n; i++) {
		s.key.port = (uint16_t)(1 + i);
		if (ipvs_client_add_service(x->c, &s, count_done, res) < 0)
			res[1]++;
	}
	expect(x, "pipeline: all pending", (int)ipvs_client_pending(x->c), n);
	expect(x, "pipeline: wait", ipvs_client_wait(x->c, 60.0), 0);
	ipvs_client_get_stats(x->c, &st1);
	expect(x, "pipeline: one sendmsg", (int)(st1.sendmsgs - st0.sendmsgs),
	    1);
	expect(x, "pipeline: all acknowledged", (int)res[0], n);
	expect(x, "pipeline: no error", (int)res[1], 0);
	expect(x, "pipeline: no overrun", (int)st1.enobufs, 0);
	expect(x, "dump", dump_table(x, &got), 0);
	expect(x, "dump: every service", (int)got.n, n);
	ipvs_table_free(&got);
	res[0] = res[1] = 0;
	for (i = 0; i < n; i++) {
		s.key.port = (uint16_t)(1 + i);
		ipvs_client_del_service(x->c, &s.key, count_done, res);
	}
	expect(x, "pipeline: delete all", ipvs_client_wait(x->c, 60.0), 0);
	expect(x, "pipeline: all deletes acknowledged", (int)res[0], n);
	expect(x, "dump after delete", dump_table(x, &got), 0);
	expect(x, "dump after delete: empty", (int)got.n, 0);
	ipvs_table_free(&got);
	return pipeline_dests(x, n);
}

/* -- receive-buffer overrun -- */

static void
count_err(void *arg, int err)
{
	unsigned long *n = arg;

	if (err == 0)
		n[0]++;
	else if (err == -ENOBUFS)
		n[1]++;
	else
		n[2]++;
}

int
mode_overrun(struct check *x)
{
	struct ipvs_client_stats st;
	struct ipvs_service s;
	struct ipvs_table got;
	unsigned long res[3] = { 0, 0, 0 };
	int i, n = 2000, small = 4096;

	/* White box: a tiny buffer and the full window, so that the ACKs of
	 * one batch cannot all fit. */
	setsockopt(x->c->fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
	x->c->window = IPVS_WINDOW;
	example_service(&s, "10.3.0.1", 1);
	for (i = 0; i < n; i++) {
		s.key.port = (uint16_t)(1 + i);
		ipvs_client_add_service(x->c, &s, count_err, res);
	}
	expect(x, "overrun: wait", ipvs_client_wait(x->c, 60.0), 0);
	ipvs_client_get_stats(x->c, &st);
	printf("overrun: %lu ok, %lu ENOBUFS, %lu other, %lu overruns\n",
	    res[0], res[1], res[2], st.enobufs);
	expect(x, "overrun: every callback ran once",
	    (int)(res[0] + res[1] + res[2]), n);
	expect(x, "overrun: the client saw the overrun", st.enobufs > 0, 1);
	expect(x, "overrun: lost answers reported as ENOBUFS", res[1] > 0, 1);
	expect(x, "overrun: answers that got through are used", res[0] > 0,
	    1);
	expect(x, "overrun: no other error", (int)res[2], 0);
	expect(x, "overrun: client still usable", ipvs_client_ok(x->c), 1);
	/* The kernel did execute them all; only answers were lost. */
	expect(x, "dump after overrun", dump_table(x, &got), 0);
	expect(x, "dump after overrun: every service", (int)got.n, n);
	ipvs_table_free(&got);
	s.key.port = (uint16_t)(n + 1);
	expect(x, "a request after the overrun", SYNC(x,
	    ipvs_client_add_service(x->c, &s, DONE(x))), 0);
	expect(x, "flush", SYNC(x, ipvs_client_flush(x->c, DONE(x))), 0);
	return 0;
}
