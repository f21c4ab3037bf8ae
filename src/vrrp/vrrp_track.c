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
	bool has_result;                /* false: "init", never ran */
	int last_status;                /* exit status, -1: did not exit */
	char last_text[64];             /* the last result, for lvsctl */
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
	s->has_result = true;
	s->last_status = r->outcome == SCRIPT_EXITED ? r->status : -1;
	script_result_text(r, s->last_text, sizeof(s->last_text));
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
		s->last_status = -1;
		old = find_prev_script(prev, sc);
		if (old != NULL) {
			s->st = old->st;
			s->has_result = old->has_result;
			s->last_status = old->last_status;
			memcpy(s->last_text, old->last_text,
			    sizeof(s->last_text));
		}
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

/* Where a computation tells lvsctl about each tracker (NULL: nobody). */
struct track_report {
	vrrp_tracker_fn *fn;
	void *arg;
};

static void
report(const struct track_report *rep, struct vrrp_tracker_view *tv,
    struct track_effect e)
{
	if (rep == NULL)
		return;
	tv->fault = e.fault;
	tv->delta = e.delta;
	rep->fn(rep->arg, tv);
}

/* One tracker; in a sync group weights do not apply (keepalived without
 * sync_group_tracking_weight): every failure is a fault. */
static void
add(struct track_sum *sum, struct vrrp_track_value *v,
    const struct track_report *rep, struct vrrp_tracker_view *tv,
    bool no_weight, const char *what)
{
	struct track_effect e = track_effect(no_weight ? 0 : tv->weight,
	    tv->reverse, tv->up);

	if (e.fault)
		note_fault(v, &sum->faults, what, tv->name);
	sum->delta += e.delta;
	report(rep, tv, e);
}

static void
add_scripts(struct vrrp_tracking *t, struct track_sum *sum,
    struct vrrp_track_value *v, const struct track_report *rep,
    const struct cfg_track_script *ts, size_t n, bool no_weight)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct tracked_script *s = tracked(t, ts[i].script);
		struct vrrp_tracker_view tv = {
			.kind = "script", .name = ts[i].name,
			.weight = ts[i].has_weight ? ts[i].weight :
			    ts[i].script->weight,
			.reverse = ts[i].has_weight ? ts[i].reverse :
			    ts[i].script->weight_reverse,
			.weight_applied = !no_weight,
			.rise = ts[i].script->rise, .fall = ts[i].script->fall,
			.last_status = -1,
		};

		if (s == NULL || s->disabled) {
			/* It no longer counts (keepalived disables it). */
			tv.state = "disabled";
			report(rep, &tv, (struct track_effect){ false, 0 });
			continue;
		}
		tv.up = s->st.up;
		tv.state = !s->has_result ? "init" : s->st.up ? "up" : "down";
		tv.streak = s->st.streak;
		tv.last_status = s->last_status;
		tv.last_result = s->has_result ? s->last_text : NULL;
		add(sum, v, rep, &tv, no_weight, "vrrp_script");
	}
}

static void
add_interfaces(struct vrrp_tracking *t, struct track_sum *sum,
    struct vrrp_track_value *v, const struct track_report *rep,
    const struct cfg_track_if *ti, size_t n, bool no_weight)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct vrrp_tracker_view tv = {
			.kind = "interface", .name = ti[i].ifname,
			.weight = ti[i].weight, .reverse = ti[i].reverse,
			.weight_applied = !no_weight,
			.up = link_watch_is_up(&t->links, ti[i].ifname),
		};

		tv.state = tv.up ? "up" : "down";
		add(sum, v, rep, &tv, no_weight, "interface");
	}
}

static void
add_refs(struct vrrp_tracking *t, struct track_sum *sum,
    struct vrrp_track_value *v, const struct track_report *rep,
    const struct cfg_track_ref *r, size_t n, bool no_weight)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct vrrp_tracker_view tv = {
			.name = r[i].name, .weight = r[i].weight,
			.reverse = r[i].reverse, .weight_applied = !no_weight,
		};
		struct track_effect e;

		if (r[i].file != NULL) {
			tv.kind = "file";
			tv.value = file_watches_value(&t->files, r[i].file);
			e = track_file_effect(tv.value,
			    no_weight ? 0 : r[i].weight, r[i].reverse);
			/* A file is "down" when it holds a fault. */
			tv.up = !e.fault;
			tv.state = tv.up ? "up" : "down";
			if (e.fault)
				note_fault(v, &sum->faults, "track_file",
				    r[i].name);
			sum->delta += e.delta;
			report(rep, &tv, e);
		} else if (r[i].process != NULL) {
			tv.kind = "process";
			tv.up = process_watches_up(&t->procs, r[i].process);
			tv.state = tv.up ? "up" : "down";
			tv.count = process_watches_count(&t->procs,
			    r[i].process);
			tv.quorum = r[i].process->quorum;
			tv.quorum_max = r[i].process->quorum_max;
			add(sum, v, rep, &tv, no_weight, "track_process");
		}
	}
}

static struct vrrp_track_value
compute_instance(struct vrrp_tracking *t, const struct cfg_vrrp_instance *vi,
    const struct track_report *rep)
{
	struct vrrp_track_value v = { 0 };
	struct track_sum sum = { 0, 0 };
	bool in_group = vi->sync_group != NULL;

	/* The instance's own interface is the engine's (vrrp/link.c). */
	add_interfaces(t, &sum, &v, rep, vi->track_interfaces,
	    vi->n_track_interfaces, in_group);
	add_scripts(t, &sum, &v, rep, vi->track_scripts, vi->n_track_scripts,
	    in_group);
	add_refs(t, &sum, &v, rep, vi->track_files, vi->n_track_files,
	    in_group);
	add_refs(t, &sum, &v, rep, vi->track_processes, vi->n_track_processes,
	    in_group);
	v.priority = track_priority(vi->priority, sum.delta);
	v.fault = sum.faults > 0;
	return v;
}

static struct vrrp_track_value
compute_group(struct vrrp_tracking *t, const struct cfg_sync_group *sg,
    const struct track_report *rep)
{
	struct vrrp_track_value v = { 0 };
	struct track_sum sum = { 0, 0 };

	add_interfaces(t, &sum, &v, rep, sg->track_interfaces,
	    sg->n_track_interfaces, true);
	add_scripts(t, &sum, &v, rep, sg->track_scripts, sg->n_track_scripts,
	    true);
	add_refs(t, &sum, &v, rep, sg->track_files, sg->n_track_files, true);
	add_refs(t, &sum, &v, rep, sg->track_processes, sg->n_track_processes,
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
		struct vrrp_track_value v = compute_instance(t, vi, NULL);
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
		struct vrrp_track_value v = compute_group(t, sg, NULL);

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

/* lvsctl: each tracker of instance or sync group `name`, as the last
 * computation saw it (recomputed now: the watches are the truth). */
bool
vrrp_tracking_report(struct vrrp_tracking *t, bool group, const char *name,
    vrrp_tracker_fn *fn, void *arg)
{
	const struct lvsd_config *cfg = t->cfg;
	struct track_report rep = { fn, arg };
	size_t i;

	if (cfg == NULL)
		return false;
	if (!group) {
		for (i = 0; i < cfg->n_vrrp_instances; i++)
			if (strcmp(cfg->vrrp_instances[i].name, name) == 0) {
				compute_instance(t, &cfg->vrrp_instances[i],
				    &rep);
				return true;
			}
		return false;
	}
	for (i = 0; i < cfg->n_sync_groups; i++)
		if (strcmp(cfg->sync_groups[i].name, name) == 0) {
			compute_group(t, &cfg->sync_groups[i], &rep);
			return true;
		}
	return false;
}
