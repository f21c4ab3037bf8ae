/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs-client-check's parts (see ipvs-client-check.c). */
#ifndef LVSD_TEST_IPVS_CLIENT_CHECK_H
#define LVSD_TEST_IPVS_CLIENT_CHECK_H

#include <stdio.h>

/* Print the raw replies of every dump of the current namespace; 0 or 1. */
int ipvs_hex_dump(FILE *out);

#endif
