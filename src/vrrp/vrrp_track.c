// SPDX-License-Identifier: GPL-2.0-or-later
/* The vrrp engine's trackers (vrrp_track.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "log.h"
#include "util.h"
#include "vrrp/track.h"
#include "vrrp/vrrp_track.h"

struct tracked_script {
	struct vrrp_tracking *t;
	const struct cfg_vrrp_script *cfg;
	struct track_script_state st;
	struct script_queue q;
	struct script_identity who;
	bool has_who;
	bool disabled;                  /* cannot run: no user, no file,
					 * refused by script security */
	ev_timer tick;
};

static void schedule_recompute(struct vrrp_tracking *t);

/* -- vrrp_script ------------------------------------------------------------ */

static void
on_script_done(void *arg, const struct script_result *r)
{
	struct tracked_script *s = arg;
	char text[64];

	if (r->outcome == SCRIPT_NOT_RUN) {
		/* keepalived disables a script it cannot (or may not) run:
		 * it no longer counts for the instances that track it. */
		log_err("vrrp_script %s: disabled until the next reload",
		    s->cfg->name);
		s->disabled = true;
		ev_timer_stop(s->t->loop, &s->tick);
		schedule_recompute(s->t);
		return;
	}
	if (!track_script_result(&s->st, script_result_ok(r)))
		return;
	log_info("vrrp_script %s %s (%s)", s->cfg->name,
	    s->st.up ? "succeeded" : "failed",
	    script_result_text(r, text, sizeof(text)));
	schedule_recompute(s->t);
}

static void
on_script_tick(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct tracked_script *s = w->data;
	double timeout;

	(void)loop;
	(void)revents;
	/* A run still going is not doubled: its result comes first. */
	if (s->disabled || script_queue_busy(&s->q))
		return;
	timeout = (s->cfg->timeout_ms ? s->cfg->timeout_ms :
	    s->cfg->interval_ms) / 1000.0;
	script_queue_push(&s->q, s->cfg->script, NULL, 0,
	    s->has_who ? &s->who : NULL, timeout, on_script_done, s);
}

static bool
script_is_tracked(const struct lvsd_config *cfg,
    const struct cfg_vrrp_script *sc)
{
	size_t i, j;

	for (i = 0; i < cfg->n_vrrp_instances; i++)
		for (j = 0; j < cfg->vrrp_instances[i].n_track_scripts; j++)
			if (cfg->vrrp_instances[i].track_scripts[j].script ==
			    sc)
				return true;
	for (i = 0; i < cfg->n_sync_groups; i++)
		for (j = 0; j < cfg->sync_groups[i].n_track_scripts; j++)
			if (cfg->sync_groups[i].track_scripts[j].script == sc)
				return true;
	return false;
}

static const struct tracked_script *
find_prev_script(const struct vrrp_tracking *prev,
    const struct cfg_vrrp_script *sc)
{
	size_t i;

	if (prev == NULL)
		return NULL;
	for (i = 0; i < prev->n_vs; i++) {
		const struct cfg_vrrp_script *o = prev->vs[i].cfg;

		if (strcmp(o->name, sc->name) == 0 &&
		    strcmp(o->script, sc->script) == 0 &&
		    o->rise == sc->rise && o->fall == sc->fall &&
		    o->init_fail == sc->init_fail)
			return &prev->vs[i];
	}
	return NULL;
}

static void
scripts_start(struct vrrp_tracking *t, const struct vrrp_tracking *prev)
{
	const struct lvsd_config *cfg = t->cfg;
	size_t i;

	t->vs = xcalloc(cfg->n_vrrp_scripts + 1, sizeof(*t->vs));
	for (i = 0; i < cfg->n_vrrp_scripts; i++) {
		const struct cfg_vrrp_script *sc = &cfg->vrrp_scripts[i];
		const struct tracked_script *old;
		struct tracked_script *s;
		char owner[96];

		/* keepalived runs only the scripts something tracks. */
		if (!script_is_tracked(cfg, sc))
			continue;
		s = &t->vs[t->n_vs++];
		s->t = t;
		s->cfg = sc;
		track_script_init(&s->st, sc->rise, sc->fall, sc->init_fail);
		old = find_prev_script(prev, sc);
		if (old != NULL)
			s->st = old->st;
		if (sc->user != NULL) {
			s->has_who = true;
			s->disabled = !script_identity_lookup(sc->user,
			    sc->group, &s->who);
			if (s->disabled)
				log_err("vrrp_script %s: not run: its user does "
				    "not exist", sc->name);
		}
		snprintf(owner, sizeof(owner), "vrrp_script %s", sc->name);
		script_queue_init(&s->q, t->scripts, owner);
		ev_timer_init(&s->tick, on_script_tick, 0,
		    sc->interval_ms / 1000.0);
		s->tick.data = s;
		ev_timer_start(t->loop, &s->tick);
	}
}

static const struct tracked_script *
tracked(const struct vrrp_tracking *t, const struct cfg_vrrp_script *sc)
{
	size_t i;

	for (i = 0; i < t->n_vs; i++)
		if (t->vs[i].cfg == sc)
			return &t->vs[i];
	return NULL;
}

/* -- computing ---------------------------------------------------------------- */

static void
note_fault(struct vrrp_track_value *v, unsigned *faults, const char *what,
    const char *name)
{
	if ((*faults)++ == 0)
		snprintf(v->why, sizeof(v->why), "%s %s", what, name);
}

/* One tracker; in a sync group weights do not apply (keepalived without
 * sync_group_tracking_weight): every failure is a fault. */
static void
add(struct track_sum *sum, struct vrrp_track_value *v, int32_t weight,
    bool reverse, bool up, bool no_weight, const char *what,
    const char *name)
{
	struct track_effect e = track_effect(no_weight ? 0 : weight, reverse,
	    up);

	if (e.fault)
		note_fault(v, &sum->faults, what, name);
	sum->delta += e.delta;
}

static void
add_scripts(struct vrrp_tracking *t, struct track_sum *sum,
    struct vrrp_track_value *v, const struct cfg_track_script *ts, size_t n,
    bool no_weight)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct tracked_script *s = tracked(t, ts[i].script);
		int32_t w = ts[i].has_weight ? ts[i].weight :
		    ts[i].script->weight;
		bool rev = ts[i].has_weight ? ts[i].reverse :
		    ts[i].script->weight_reverse;

		if (s == NULL || s->disabled)
			continue;
		add(sum, v, w, rev, s->st.up, no_weight, "vrrp_script",
		    ts[i].name);
	}
}

static void
add_interfaces(struct vrrp_tracking *t, struct track_sum *sum,
    struct vrrp_track_value *v, const struct cfg_track_if *ti, size_t n,
    bool no_weight)
{
	size_t i;

	for (i = 0; i < n; i++)
		add(sum, v, ti[i].weight, ti[i].reverse,
		    link_watch_is_up(&t->links, ti[i].ifname), no_weight,
		    "interface", ti[i].ifname);
}

static void
add_refs(struct vrrp_tracking *t, struct track_sum *sum,
    struct vrrp_track_value *v, const struct cfg_track_ref *r, size_t n,
    bool no_weight)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct track_effect e;

		if (r[i].file != NULL) {
			e = track_file_effect(file_watches_value(&t->files,
			    r[i].file), no_weight ? 0 : r[i].weight,
			    r[i].reverse);
			if (e.fault)
				note_fault(v, &sum->faults, "track_file",
				    r[i].name);
			sum->delta += e.delta;
		} else if (r[i].process != NULL)
			add(sum, v, r[i].weight, r[i].reverse,
			    process_watches_up(&t->procs, r[i].process),
			    no_weight, "track_process", r[i].name);
	}
}

static struct vrrp_track_value
compute_instance(struct vrrp_tracking *t, const struct cfg_vrrp_instance *vi)
{
	struct vrrp_track_value v = { 0 };
	struct track_sum sum = { 0, 0 };
	bool in_group = vi->sync_group != NULL;

	/* The instance's own interface is the engine's (vrrp/link.c). */
	add_interfaces(t, &sum, &v, vi->track_interfaces,
	    vi->n_track_interfaces, in_group);
	add_scripts(t, &sum, &v, vi->track_scripts, vi->n_track_scripts,
	    in_group);
	add_refs(t, &sum, &v, vi->track_files, vi->n_track_files, in_group);
	add_refs(t, &sum, &v, vi->track_processes, vi->n_track_processes,
	    in_group);
	v.priority = track_priority(vi->priority, sum.delta);
	v.fault = sum.faults > 0;
	return v;
}

static struct vrrp_track_value
compute_group(struct vrrp_tracking *t, const struct cfg_sync_group *sg)
{
	struct vrrp_track_value v = { 0 };
	struct track_sum sum = { 0, 0 };

	add_interfaces(t, &sum, &v, sg->track_interfaces,
	    sg->n_track_interfaces, true);
	add_scripts(t, &sum, &v, sg->track_scripts, sg->n_track_scripts,
	    true);
	add_refs(t, &sum, &v, sg->track_files, sg->n_track_files, true);
	add_refs(t, &sum, &v, sg->track_processes, sg->n_track_processes,
	    true);
	v.fault = sum.faults > 0;
	return v;
}

static void
recompute(struct vrrp_tracking *t, bool call_hooks)
{
	const struct lvsd_config *cfg = t->cfg;
	size_t i;

	for (i = 0; i < cfg->n_vrrp_instances; i++) {
		const struct cfg_vrrp_instance *vi = &cfg->vrrp_instances[i];
		struct vrrp_track_value v = compute_instance(t, vi);
		struct vrrp_track_value *old = &t->inst[i];

		if (v.priority == old->priority && v.fault == old->fault)
			continue;
		if (v.fault && !old->fault)
			log_info("(%s) entering FAULT: %s is down", vi->name,
			    v.why);
		else if (!v.fault && old->fault)
			log_info("(%s) its trackers are all up again",
			    vi->name);
		if (v.priority != old->priority)
			log_info("(%s) effective priority %u (configured %u)",
			    vi->name, v.priority, vi->priority);
		*old = v;
		if (call_hooks && t->hooks.instance != NULL)
			t->hooks.instance(t->arg, i, v.priority, v.fault);
	}
	for (i = 0; i < cfg->n_sync_groups; i++) {
		const struct cfg_sync_group *sg = &cfg->sync_groups[i];
		struct vrrp_track_value v = compute_group(t, sg);

		if (v.fault == t->grp[i].fault)
			continue;
		log_info("sync group %s: %s", sg->name, v.fault ?
		    "a tracker is down: FAULT" : "its trackers are up again");
		t->grp[i] = v;
		if (call_hooks && t->hooks.group != NULL)
			t->hooks.group(t->arg, i, v.fault);
	}
}

static void
on_recompute(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	recompute(w->data, true);
}

static void
schedule_recompute(struct vrrp_tracking *t)
{
	if (!ev_is_active(&t->recompute))
		ev_timer_start(t->loop, &t->recompute);
}

/* A link, a track file or a process count changed. */
static void
on_links_changed(void *arg)
{
	schedule_recompute(arg);
}

bool
vrrp_tracking_start(struct vrrp_tracking *t, struct ev_loop *loop,
    struct script_ctx *scripts, const struct lvsd_config *cfg,
    const struct vrrp_tracking *prev, const struct vrrp_track_hooks *hooks,
    void *arg)
{
	size_t i;

	memset(t, 0, sizeof(*t));
	t->loop = loop;
	t->scripts = scripts;
	t->cfg = cfg;
	t->hooks = *hooks;
	t->arg = arg;
	ev_timer_init(&t->recompute, on_recompute, 0, 0);
	t->recompute.data = t;
	t->inst = xcalloc(cfg->n_vrrp_instances + 1, sizeof(*t->inst));
	t->grp = xcalloc(cfg->n_sync_groups + 1, sizeof(*t->grp));
	for (i = 0; i < cfg->n_vrrp_instances; i++)
		t->inst[i].priority = cfg->vrrp_instances[i].priority;
	if (!link_watch_start(&t->links, loop, on_links_changed, t)) {
		free(t->inst);
		free(t->grp);
		return false;
	}
	t->links_on = true;
	file_watches_start(&t->files, loop, cfg, on_links_changed, t);
	process_watches_start(&t->procs, loop, cfg, on_links_changed, t);
	scripts_start(t, prev);
	recompute(t, false);
	return true;
}

void
vrrp_tracking_stop(struct vrrp_tracking *t)
{
	size_t i;

	if (t->loop == NULL)
		return;
	for (i = 0; i < t->n_vs; i++) {
		ev_timer_stop(t->loop, &t->vs[i].tick);
		script_queue_clear(&t->vs[i].q);
	}
	ev_timer_stop(t->loop, &t->recompute);
	if (t->links_on)
		link_watch_stop(&t->links);
	file_watches_stop(&t->files);
	process_watches_stop(&t->procs);
	free(t->vs);
	free(t->inst);
	free(t->grp);
	memset(t, 0, sizeof(*t));
}

const struct vrrp_track_value *
vrrp_tracking_instance(const struct vrrp_tracking *t, size_t idx)
{
	return &t->inst[idx];
}

const struct vrrp_track_value *
vrrp_tracking_group(const struct vrrp_tracking *t, size_t idx)
{
	return &t->grp[idx];
}
