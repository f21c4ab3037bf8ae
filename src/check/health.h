/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The contract between the health checkers and the IPVS reconciler, both
 * in the check engine.
 *
 * The checkers own the verdicts; the reconciler owns the kernel table.
 * When the reconciler builds desired state for a virtual server it asks
 * the checkers, through struct health_view, for each real server's verdict
 * and whether the sorry server is active.  When a verdict changes, the
 * checkers call ipvs_owner_service_dirty() (ipvs_owner.h) for that virtual
 * server so that only it is reconciled again.
 *
 * Without a health_view (or a NULL callback) every real server is up with
 * its configured weight and no sorry server is used: that is also the rule
 * for a real server that has no checker.
 */
#ifndef LVSD_CHECK_HEALTH_H
#define LVSD_CHECK_HEALTH_H

#include <stdbool.h>
#include <stdint.h>

#include "config/config.h"

struct rs_verdict {
	bool up;                        /* in the pool */
	bool inhibit;                   /* down, but kept with weight 0 */
	bool undecided;                 /* not up, no verdict yet (engine
	                                 * start): the kernel's entry stays
	                                 * as it is, none is added */
	int64_t weight;                 /* -1: the configured weight;
	                                 * else a checker's (misc_dynamic) */
};

struct health_view {
	void *arg;
	void (*rs_verdict)(void *arg, const struct cfg_virtual_server *vs,
	    const struct cfg_real_server *rs, struct rs_verdict *out);
	bool (*sorry_active)(void *arg, const struct cfg_virtual_server *vs);
};

#endif
