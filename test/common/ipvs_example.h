/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Test helpers for lib/ipvs: a small in-memory table and the example table
 * with one service or dest of every kind (the same rules as
 * test/vm/scenarios/ipvs-client.rules), shared by the unit tests and the
 * real-kernel check program.
 */
#ifndef LVSD_TEST_IPVS_EXAMPLE_H
#define LVSD_TEST_IPVS_EXAMPLE_H

#include <stdio.h>

#include "ipvs/ipvs.h"

#define IPVS_EXAMPLE_DESTS 8

struct ipvs_table_entry {
	struct ipvs_service svc;
	struct ipvs_dest dests[IPVS_EXAMPLE_DESTS];
	size_t n;
};

struct ipvs_table {
	struct ipvs_table_entry *e;
	size_t n, cap;
};

void ipvs_table_init(struct ipvs_table *t);
void ipvs_table_free(struct ipvs_table *t);
struct ipvs_table_entry *ipvs_table_add_service(struct ipvs_table *t,
    const struct ipvs_service *s);
/* To the service with that key; false if there is none or it is full. */
bool ipvs_table_add_dest(struct ipvs_table *t,
    const struct ipvs_service_key *k, const struct ipvs_dest *d);
/* Same services and dests in any order (ipvs_*_equal); differences are
 * printed to out (may be NULL).  0 when equal, else how many differ. */
int ipvs_table_compare(const struct ipvs_table *want,
    const struct ipvs_table *got, FILE *out);
void ipvs_table_example(struct ipvs_table *t);

#endif
