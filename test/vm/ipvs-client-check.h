/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs-client-check's parts (see ipvs-client-check.c). */
#ifndef LVSD_TEST_IPVS_CLIENT_CHECK_H
#define LVSD_TEST_IPVS_CLIENT_CHECK_H

#include <ev.h>
#include <stdio.h>

#include "ipvs/client.h"
#include "ipvs_example.h"

struct check {
	struct ev_loop *loop;
	struct ipvs_client *c;
	int err;
	int failures;
};

/* "ok: what" or "FAIL: what: ..." (counted). */
void expect(struct check *x, const char *what, int got, int want);
#define SYNC(x, call) ipvs_client_sync((x)->c, (call), &(x)->err, 10.0)
#define DONE(x) ipvs_sync_done, &(x)->err

int dump_table(struct check *x, struct ipvs_table *t);
void example_service(struct ipvs_service *s, const char *addr,
    uint16_t port);
void example_dest(struct ipvs_dest *d, const char *addr, uint16_t port);
int mode_pipeline(struct check *x, int n);
int mode_overrun(struct check *x);

/* Print the raw replies of every dump of the current namespace; 0 or 1. */
int ipvs_hex_dump(FILE *out);

#endif
