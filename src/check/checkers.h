/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The health checkers of the check engine: every checker of every real
 * server runs on the engine's loop (scripts are the only processes), and
 * the verdicts are offered to the IPVS reconciler as a health_view.
 *
 *   c = checkers_new(e, changed, arg);      changed(arg, vs) on a verdict
 *   hv = checkers_view(c);                  change of vs (reconcile it)
 *   checkers_apply(c, cfg);                 start and every reload, before
 *                                           the reconciler sees cfg
 *   checkers_stop(c);                       the engine stops (omega)
 *   checkers_free(c);                       kill scripts, close all
 *
 * Identical checks (same target, same definition) in several virtual
 * servers run once and feed each.  A reload keeps the state of every
 * check whose definition did not change.
 */
#ifndef LVSD_CHECK_CHECKERS_H
#define LVSD_CHECK_CHECKERS_H

#include "check/health.h"
#include "config/config.h"

struct engine;
struct checkers;

typedef void (*checkers_changed_fn)(void *arg,
    const struct cfg_virtual_server *vs);

struct checkers *checkers_new(struct engine *e, checkers_changed_fn changed,
    void *arg);
const struct health_view *checkers_view(struct checkers *c);
void checkers_apply(struct checkers *c, const struct lvsd_config *cfg);
/* The engine is stopping: for virtual servers with `omega`, run the
 * notify_down of every live real server and quorum_down, left running. */
void checkers_stop(struct checkers *c);
void checkers_free(struct checkers *c);

/* lvsctl: each checker of real server `rs` of `vs` (probe.h, its `st`). */
struct probe;
void checkers_each_probe(struct checkers *c,
    const struct cfg_virtual_server *vs, const struct cfg_real_server *rs,
    void (*fn)(void *arg, const struct probe *p), void *arg);

#endif
