/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * TCP_CHECK half_open: a SYN from a raw socket instead of a connection
 * (lib/check/tcp_syn.h has the wire format).  One raw socket per address
 * family and a small pool of reserved source ports, owned by the
 * checkers and created on first use.
 */
#ifndef LVSD_CHECK_PROBE_TCP_SYN_H
#define LVSD_CHECK_PROBE_TCP_SYN_H

#include <stdbool.h>

struct probe;
struct syn_engine;

/*
 * Start a half-open check of p (it ends with probe_done).  False when a
 * SYN cannot do this check (bind_if, bind_port, fwmark, no raw socket):
 * the caller connects instead.
 */
bool tcp_syn_start(struct probe *p, struct syn_engine **se);
/* Abandon p's check in flight, if it is a half-open one. */
bool tcp_syn_cancel(struct probe *p);
void syn_engine_free(struct syn_engine *se);

#endif
