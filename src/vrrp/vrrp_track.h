/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The vrrp engine's trackers: interfaces (rtnetlink), vrrp_scripts (run
 * every interval through the script runner), track files (inotify) and
 * processes (/proc), and what they mean for each
 * instance (effective priority, FAULT) and each sync group (FAULT), with
 * the rules of lib/vrrp/track.h.
 *
 * The values of every instance are recomputed from all trackers whenever
 * one changes; the hooks are called for what actually changed.  A reload
 * builds a new tracking next to the old one (script results carry over
 * for scripts whose command, rise and fall did not change) and the engine
 * reads the values with vrrp_tracking_instance() / _group().
 */
#ifndef LVSD_VRRP_TRACK_ENGINE_H
#define LVSD_VRRP_TRACK_ENGINE_H

#include <ev.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "script.h"
#include "vrrp/link_watch.h"
#include "vrrp/track_watch.h"

struct lvsd_config;
struct tracked_script;

struct vrrp_track_hooks {
	/* Instance `idx` of cfg->vrrp_instances: new effective priority
	 * and fault (its own trackers). */
	void (*instance)(void *arg, size_t idx, uint8_t priority, bool fault);
	/* Sync group `idx` of cfg->sync_groups: its trackers failed or
	 * recovered. */
	void (*group)(void *arg, size_t idx, bool fault);
};

struct vrrp_track_value {
	uint8_t priority;
	bool fault;
	char why[128];                  /* the first failed tracker */
};

/* One tracker as lvsctl shows it (valid during the callback only). */
struct vrrp_tracker_view {
	const char *kind;               /* interface script file process */
	const char *name;
	const char *state;              /* up down; scripts also init
					 * (no result yet) and disabled */
	bool up;
	bool fault;                     /* it holds the FAULT */
	int32_t weight;                 /* configured */
	bool reverse;
	bool weight_applied;            /* false in a sync group */
	int64_t delta;                  /* what it adds to the priority */
	uint32_t rise, fall, streak;    /* script: results against `up` */
	int last_status;                /* script: exit status, -1 none */
	const char *last_result;        /* script: NULL before a result */
	int64_t value;                  /* file */
	uint32_t count, quorum, quorum_max; /* process */
};

typedef void vrrp_tracker_fn(void *arg, const struct vrrp_tracker_view *v);

struct vrrp_tracking {
	struct ev_loop *loop;
	struct script_ctx *scripts;
	const struct lvsd_config *cfg;
	struct vrrp_track_hooks hooks;
	void *arg;
	struct link_watch links;
	bool links_on;
	struct file_watches files;
	struct process_watches procs;
	struct tracked_script *vs;      /* one per tracked vrrp_script */
	size_t n_vs;
	struct vrrp_track_value *inst;  /* per instance */
	struct vrrp_track_value *grp;   /* per sync group (fault only) */
	ev_timer recompute;             /* coalesces bursts of changes */
};

/*
 * Start tracking for `cfg` (it must outlive the tracking).  `prev` (may be
 * NULL) is the tracking being replaced at a reload: script results carry
 * over, then the caller stops it.  false (after logging) when rtnetlink
 * cannot be opened.
 */
bool vrrp_tracking_start(struct vrrp_tracking *t, struct ev_loop *loop,
    struct script_ctx *scripts, const struct lvsd_config *cfg,
    const struct vrrp_tracking *prev, const struct vrrp_track_hooks *hooks,
    void *arg);
void vrrp_tracking_stop(struct vrrp_tracking *t);

const struct vrrp_track_value *vrrp_tracking_instance(
    const struct vrrp_tracking *t, size_t idx);
const struct vrrp_track_value *vrrp_tracking_group(
    const struct vrrp_tracking *t, size_t idx);

/* Call `fn` for each tracker of instance (group false) or sync group
 * `name`, in configuration order; false when there is no such one. */
bool vrrp_tracking_report(struct vrrp_tracking *t, bool group,
    const char *name, vrrp_tracker_fn *fn, void *arg);

#endif
