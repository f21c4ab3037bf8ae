/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The IPVS reconciler of the check engine: it owns the kernel IPVS table of
 * the engine's network namespace and keeps it equal to desired state (the
 * configuration with the checkers' verdicts applied, ipvs/desired.h).
 *
 * It reconciles (dump, plan, apply; ipvs/plan.h) at start, on every reload,
 * when a virtual server is marked dirty, and every
 * `ipvs_reconcile_interval` (global_defs).  It never flushes: start and
 * restart adopt what the kernel has.
 *
 * Life cycle, all on the engine's loop:
 *
 *   check_apply(prev, cfg)  -> ipvs_owner_apply(o, cfg)   (creates o lazily)
 *   a verdict changes       -> ipvs_owner_service_dirty(o, vs)
 *   STOP / SIGTERM          -> ipvs_owner_stop(o), ipvs_owner_free(o)
 */
#ifndef LVSD_CHECK_IPVS_OWNER_H
#define LVSD_CHECK_IPVS_OWNER_H

#include <stdbool.h>

#include "check/health.h"
#include "config/config.h"

struct engine;
struct ipvs_owner;

/*
 * A reconciler for engine `e`.  Opens nothing yet: the netlink client is
 * opened by the first ipvs_owner_apply() whose configuration has virtual
 * servers (a VRRP-only configuration never touches IPVS).
 */
struct ipvs_owner *ipvs_owner_new(struct engine *e);

/*
 * Where verdicts come from (the checkers).  NULL or never called: every
 * real server is up with its configured weight and no sorry server is
 * used.  `hv` must outlive the owner (or be replaced).
 */
void ipvs_owner_set_health(struct ipvs_owner *o,
    const struct health_view *hv);

/*
 * Make the kernel follow `cfg` (a start or a reload): a full reconcile.
 * `cfg` must stay valid until the next call (the engine's running config).
 * Returns false when IPVS cannot be used at all (logged once, one line).
 */
bool ipvs_owner_apply(struct ipvs_owner *o, const struct lvsd_config *cfg);

/*
 * A verdict of `vs` (an object of the configuration last given to
 * ipvs_owner_apply) changed: reconcile the kernel services that virtual
 * server produces, and only those, soon (coalesced on the loop).  Safe to
 * call many times in a row and before the first apply (then ignored).
 */
void ipvs_owner_service_dirty(struct ipvs_owner *o,
    const struct cfg_virtual_server *vs);

/*
 * Stop: unless `keep` (-I, --dont-release-ipvs), remove every service
 * lvsd installed.  Synchronous (bounded), since the process exits next.
 */
void ipvs_owner_stop(struct ipvs_owner *o, bool keep);

void ipvs_owner_free(struct ipvs_owner *o);

#endif
