// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * What each lvsctl request does in the parent: status (merged from the
 * engines), reload and check (with the diagnostics), the event stream, the
 * drain set and the VRRP release/resume commands relayed to the engines.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config/config.h"
#include "ctl_json.h"
#include "ctl_server.h"
#include "ctl_server_priv.h"
#include "engine.h"
#include "ipc/msg.h"
#include "log.h"
#include "net/addr.h"
#include "parent_ctx.h"
#include "util.h"

/* A refused client gets the same answer to everything. */
static bool
refused(struct ctl_client *c, const struct ipc_msg *msg)
{
	if (!c->refused)
		return false;
	ctl_answer(c, msg->id, ctl_answer_new(false, "permission denied"));
	return true;
}

static bool
engine_reachable(const struct engine_child *e)
{
	return engine_child_running(e) && ipc_channel_is_open(&e->channel);
}

/* -- status --------------------------------------------------------------- */

static struct json_object *
drain_list(const struct ctl_server *s)
{
	struct json_object *a = json_object_new_array();
	struct json_object *d;
	size_t i;

	for (i = 0; i < s->n_drains; i++) {
		d = json_object_new_object();
		json_object_object_add(d, "vs",
		    json_object_new_string(s->drains[i].vs));
		json_object_object_add(d, "rs",
		    json_object_new_string(s->drains[i].rs));
		json_object_array_add(a, d);
	}
	return a;
}

static struct json_object *
parent_status(const struct ctl_server *s)
{
	const struct parent_ctx *p = s->p;
	struct json_object *o = json_object_new_object();
	struct json_object *engines = json_object_new_array();
	struct json_object *reloads = json_object_new_object();
	const struct engine_child *e;
	struct json_object *eo;
	int k;

	json_object_object_add(o, "version",
	    json_object_new_string(PACKAGE_VERSION));
	json_object_object_add(o, "pid", json_object_new_int(getpid()));
	json_object_object_add(o, "config",
	    json_object_new_string(p->opts->config_path));
	json_object_object_add(o, "generation",
	    json_object_new_int64(p->generation));
	json_object_object_add(reloads, "ok",
	    json_object_new_int64(p->reloads_ok));
	json_object_object_add(reloads, "failed",
	    json_object_new_int64(p->reloads_failed));
	json_object_object_add(reloads, "last_ms",
	    json_object_new_int64(p->last_reload_ms));
	json_object_object_add(reloads, "last_ok",
	    json_object_new_boolean(p->last_reload_ok));
	json_object_object_add(o, "reloads", reloads);
	json_object_object_add(o, "ipvs_repairs",
	    json_object_new_int64((int64_t)p->ipvs_repairs));
	for (k = 0; k < N_ENGINES; k++) {
		e = &p->engines[k];
		eo = json_object_new_object();
		json_object_object_add(eo, "name",
		    json_object_new_string(e->role->name));
		json_object_object_add(eo, "wanted",
		    json_object_new_boolean(e->wanted));
		json_object_object_add(eo, "running",
		    json_object_new_boolean(engine_child_running(e)));
		json_object_object_add(eo, "pid",
		    json_object_new_int(engine_child_running(e) ?
		    (int)e->pid : 0));
		json_object_object_add(eo, "restarts",
		    json_object_new_int64(e->restarts));
		json_object_array_add(engines, eo);
	}
	json_object_object_add(o, "engines", engines);
	return o;
}

static struct ctl_request *
status_request(struct ctl_server *s, struct ctl_client *c, uint32_t id,
    void (*done)(void *, struct json_object *), void *arg)
{
	struct ctl_request *r;
	int k;

	r = ctl_request_new(s, c, IPC_CTL_STATUS, id);
	r->done = done;
	r->done_arg = arg;
	json_object_object_add(r->answer, "lvsd", parent_status(s));
	json_object_object_add(r->answer, "drained", drain_list(s));
	for (k = 0; k < N_ENGINES; k++)
		if (engine_reachable(&s->p->engines[k]) &&
		    ipc_channel_send(&s->p->engines[k].channel,
		    IPC_STATUS_QUERY, r->id, NULL, 0) == 0)
			r->waiting[k] = true;
	ctl_request_wait(r);
	return r;
}

static int
on_status(void *ctx, const struct ipc_msg *msg)
{
	struct ctl_client *c = ctx;

	if (!refused(c, msg))
		status_request(c->srv, c, msg->id, NULL, NULL);
	return 0;
}

void
ctl_collect_status(struct ctl_server *s,
    void (*done)(void *arg, struct json_object *answer), void *arg)
{
	status_request(s, NULL, 0, done, arg);
}

void
ctl_cancel_collect(struct ctl_server *s, void *arg)
{
	struct ctl_request *r;

	for (r = s != NULL ? s->requests : NULL; r != NULL; r = r->next)
		if (r->done_arg == arg)
			r->done = NULL;
}

/* -- reload and check ----------------------------------------------------- */

static int
on_reload(void *ctx, const struct ipc_msg *msg)
{
	struct ctl_client *c = ctx;
	struct ctl_server *s = c->srv;
	struct ctl_request *r;

	if (refused(c, msg))
		return 0;
	if (s->p->stopping) {
		ctl_answer(c, msg->id, ctl_answer_new(false,
		    "lvsd is shutting down"));
		return 0;
	}
	r = ctl_request_new(s, c, msg->type, msg->id);
	/* The attempt that will carry this request's reload: the next one
	 * (now, or queued behind the push in flight). */
	r->reload_seq = s->p->reload_seq + 1;
	log_info("lvsctl: reload requested");
	parent_request_reload(s->p);
	return 0;
}

void
ctl_reload_done(struct ctl_server *s, uint32_t seq, bool ok)
{
	struct ctl_request *r, *next;
	char why[96];

	if (s == NULL)
		return;
	for (r = s->requests; r != NULL; r = next) {
		next = r->next;
		if (r->type != IPC_CTL_RELOAD || r->reload_seq > seq)
			continue;
		if (!ok) {
			snprintf(why, sizeof(why), s->p->last_load_ok ?
			    "not every engine applied generation %u" :
			    "configuration invalid; keeping generation %u",
			    s->p->generation);
			json_object_object_add(r->answer, "ok",
			    json_object_new_boolean(false));
			json_object_object_add(r->answer, "error",
			    json_object_new_string(why));
		}
		json_object_object_add(r->answer, "generation",
		    json_object_new_int64(s->p->generation));
		json_object_object_add(r->answer, "diagnostics",
		    json_object_get(s->p->load_diags));
		ctl_request_finish(r);
	}
}

static int
on_check(void *ctx, const struct ipc_msg *msg)
{
	struct ctl_client *c = ctx;
	struct json_object *diags = json_object_new_array();
	struct json_object *a;
	char *path;
	bool ok;

	if (refused(c, msg)) {
		json_object_put(diags);
		return 0;
	}
	path = msg->len > 0 ? strndup((const char *)msg->data, msg->len) :
	    xstrdup(c->srv->p->opts->config_path);
	ok = parent_check_file(c->srv->p, path, diags);
	a = ctl_answer_new(ok, ok ? NULL : "configuration invalid");
	json_object_object_add(a, "file", json_object_new_string(path));
	json_object_object_add(a, "diagnostics", diags);
	ctl_answer(c, msg->id, a);
	free(path);
	return 0;
}

/* -- events --------------------------------------------------------------- */

static const char *
event_kind(uint16_t type)
{
	switch (type) {
	case IPC_EVT_VRRP_STATE:
		return "vrrp_state";
	case IPC_EVT_RS_STATE:
		return "rs_state";
	case IPC_EVT_VS_STATE:
		return "vs_state";
	case IPC_EVT_IPVS_REPAIR:
		return "ipvs_repair";
	}
	return "unknown";
}

static struct json_object *
state_value(uint16_t type, uint32_t state)
{
	if (type == IPC_EVT_VRRP_STATE)
		return json_object_new_string(ipc_vrrp_state_name(state));
	return json_object_new_int64(state);
}

void
ctl_engine_event(struct ctl_server *s, struct engine_child *e,
    uint16_t type, const struct ipc_event *ev)
{
	struct json_object *o;
	struct ctl_client *c;

	if (type == IPC_EVT_IPVS_REPAIR)
		e->parent->ipvs_repairs += ev->head.state;
	if (s == NULL)
		return;
	o = json_object_new_object();
	json_object_object_add(o, "time_ms",
	    json_object_new_int64(ev->head.wall_ms));
	json_object_object_add(o, "engine",
	    json_object_new_string(e->role->name));
	json_object_object_add(o, "kind",
	    json_object_new_string(event_kind(type)));
	json_object_object_add(o, "object",
	    json_object_new_string(ev->object));
	json_object_object_add(o, "state", state_value(type, ev->head.state));
	json_object_object_add(o, "prev_state",
	    state_value(type, ev->head.prev_state));
	json_object_object_add(o, "reason",
	    json_object_new_string_len(ev->reason, (int)ev->reason_len));
	if (s->history == NULL)
		s->history = json_object_new_array();
	if (json_object_array_length(s->history) >= CTL_EVENT_HISTORY)
		json_object_array_del_idx(s->history, 0, 1);
	json_object_array_add(s->history, json_object_get(o));
	for (c = s->clients; c != NULL; c = c->next)
		if (c->events && !c->closed)
			ctl_json_send(&c->ch, IPC_CTL_EVENT, IPC_CTL_EVENT, 0,
			    o);
	json_object_put(o);
}

static int
on_events(void *ctx, const struct ipc_msg *msg)
{
	struct ctl_client *c = ctx;
	struct json_object *a;

	if (refused(c, msg))
		return 0;
	a = ctl_answer_new(true, NULL);
	json_object_object_add(a, "history", c->srv->history != NULL ?
	    json_object_get(c->srv->history) : json_object_new_array());
	ctl_answer(c, msg->id, a);
	c->events = true;
	return 0;
}

/* -- drain ---------------------------------------------------------------- */

static ssize_t
drain_index(const struct ctl_server *s, const char *vs, const char *rs)
{
	size_t i;

	for (i = 0; i < s->n_drains; i++)
		if (strcmp(s->drains[i].vs, vs) == 0 &&
		    strcmp(s->drains[i].rs, rs) == 0)
			return (ssize_t)i;
	return -1;
}

/* Queue the whole set to the check engine; true when it will answer.
 * `check`: a "VS\tRS" the engine must find in its configuration first
 * (it refuses the set otherwise), or NULL. */
static bool
send_drain_set(struct ctl_server *s, uint32_t id, const char *check)
{
	struct engine_child *e = &s->p->engines[ENGINE_CHECK];
	char *buf;
	size_t i, len = 0, cap = 1;
	int rc;

	if (!engine_reachable(e))
		return false;
	if (check != NULL)
		cap += strlen(check) + 2;
	for (i = 0; i < s->n_drains; i++)
		cap += strlen(s->drains[i].vs) + strlen(s->drains[i].rs) + 2;
	buf = xmalloc(cap);
	if (check != NULL)
		len += (size_t)snprintf(buf, cap, "?%s\n", check);
	for (i = 0; i < s->n_drains; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s\t%s\n",
		    s->drains[i].vs, s->drains[i].rs);
	rc = len > IPC_MAX_PAYLOAD ? -1 : ipc_channel_send(&e->channel,
	    IPC_CMD_RS_DRAIN_SET, id, buf, len);
	free(buf);
	return rc == 0;
}

void
ctl_engine_configured(struct ctl_server *s, struct engine_child *e)
{
	if (s != NULL && e == &s->p->engines[ENGINE_CHECK])
		send_drain_set(s, 0, NULL);
}

void
ctl_drain_free(struct ctl_server *s)
{
	size_t i;

	for (i = 0; i < s->n_drains; i++) {
		free(s->drains[i].vs);
		free(s->drains[i].rs);
	}
	free(s->drains);
	s->drains = NULL;
	s->n_drains = 0;
	json_object_put(s->history);
	s->history = NULL;
}

static void
drain_add(struct ctl_server *s, const char *vs, const char *rs)
{
	s->drains = xrealloc(s->drains, (s->n_drains + 1) * sizeof(*s->drains));
	s->drains[s->n_drains].vs = xstrdup(vs);
	s->drains[s->n_drains].rs = xstrdup(rs);
	s->n_drains++;
}

static void
drain_del(struct ctl_server *s, size_t at)
{
	free(s->drains[at].vs);
	free(s->drains[at].rs);
	s->drains[at] = s->drains[--s->n_drains];
}

/* The check engine refused the pair (or did not answer): undo. */
static void
drain_finish(struct ctl_request *r)
{
	struct ctl_server *s = r->srv;
	struct json_object *ok = NULL;
	ssize_t at;

	json_object_object_get_ex(r->answer, "ok", &ok);
	if (json_object_get_boolean(ok)) {
		log_info("lvsctl: real server %s in %s %s", r->drain_rs,
		    r->drain_vs, r->type == IPC_CTL_RS_DRAIN ?
		    "drained (weight 0)" : "enabled");
	} else {
		at = drain_index(s, r->drain_vs, r->drain_rs);
		if (r->type == IPC_CTL_RS_DRAIN && r->drain_changed && at >= 0)
			drain_del(s, (size_t)at);
		else if (r->type == IPC_CTL_RS_ENABLE && r->drain_changed &&
		    at < 0)
			drain_add(s, r->drain_vs, r->drain_rs);
	}
	json_object_object_add(r->answer, "drained", drain_list(s));
	free(r->drain_vs);
	free(r->drain_rs);
}

static int
on_drain(void *ctx, const struct ipc_msg *msg)
{
	struct ctl_client *c = ctx;
	struct ctl_server *s = c->srv;
	bool drain = msg->type == IPC_CTL_RS_DRAIN;
	char *in_vs, *in_rs, *pair;
	struct ctl_request *r;
	size_t len;
	ssize_t at;

	if (refused(c, msg))
		return 0;
	/* "VS\0RS", not terminated: copy and terminate. */
	in_vs = xmalloc(msg->len + 1);
	memcpy(in_vs, msg->data, msg->len);
	in_vs[msg->len] = '\0';
	in_rs = in_vs + strlen(in_vs) + 1;
	if (in_rs > in_vs + msg->len || *in_rs == '\0' ||
	    strpbrk(in_vs, "\t\n") != NULL || strpbrk(in_rs, "\t\n") != NULL) {
		ctl_answer(c, msg->id, ctl_answer_new(false,
		    "expected a virtual server and a real server"));
		free(in_vs);
		return 0;
	}
	if (!engine_reachable(&s->p->engines[ENGINE_CHECK])) {
		ctl_answer(c, msg->id, ctl_answer_new(false,
		    "the check engine is not running"));
		free(in_vs);
		return 0;
	}
	r = ctl_request_new(s, c, msg->type, msg->id);
	r->finish = drain_finish;
	/* "192.0.2.1:80" means TCP, as lvsctl shows it: ".../tcp". */
	len = strlen(in_vs) + 5;
	r->drain_vs = xmalloc(len);
	snprintf(r->drain_vs, len, "%s%s", in_vs,
	    strchr(in_vs, '/') != NULL ? "" : "/tcp");
	r->drain_rs = xstrdup(in_rs);
	free(in_vs);
	at = drain_index(s, r->drain_vs, r->drain_rs);
	r->drain_changed = drain ? at < 0 : at >= 0;
	if (drain && at < 0)
		drain_add(s, r->drain_vs, r->drain_rs);
	else if (!drain && at >= 0)
		drain_del(s, (size_t)at);
	len = strlen(r->drain_vs) + strlen(r->drain_rs) + 2;
	pair = xmalloc(len);
	snprintf(pair, len, "%s\t%s", r->drain_vs, r->drain_rs);
	r->waiting[ENGINE_CHECK] = send_drain_set(s, r->id, pair);
	free(pair);
	if (!r->waiting[ENGINE_CHECK]) {
		json_object_object_add(r->answer, "ok",
		    json_object_new_boolean(false));
		json_object_object_add(r->answer, "error",
		    json_object_new_string("cannot reach the check engine"));
	}
	ctl_request_wait(r);
	return 0;
}

/* -- vrrp release / resume ------------------------------------------------ */

static int
on_vrrp(void *ctx, const struct ipc_msg *msg)
{
	struct ctl_client *c = ctx;
	struct ctl_server *s = c->srv;
	struct engine_child *e = &s->p->engines[ENGINE_VRRP];
	char name[256];
	struct ctl_request *r;

	if (refused(c, msg))
		return 0;
	snprintf(name, sizeof(name), "%.*s", (int)msg->len,
	    (const char *)msg->data);
	/* The engine knows its instances and answers for unknown ones. */
	if (!engine_reachable(e)) {
		ctl_answer(c, msg->id, ctl_answer_new(false,
		    "the vrrp engine is not running"));
		return 0;
	}
	r = ctl_request_new(s, c, msg->type, msg->id);
	r->waiting[ENGINE_VRRP] = ipc_channel_send(&e->channel,
	    msg->type == IPC_CTL_VRRP_RELEASE ? IPC_CMD_VRRP_RELEASE :
	    IPC_CMD_VRRP_RESUME, r->id, name, strlen(name)) == 0;
	log_info("lvsctl: vrrp %s %s", msg->type == IPC_CTL_VRRP_RELEASE ?
	    "release" : "resume", name);
	ctl_request_wait(r);
	return 0;
}

const struct ipc_handler ctl_handlers[] = {
	{ IPC_CTL_STATUS, 0, 0, on_status },
	{ IPC_CTL_RELOAD, 0, 0, on_reload },
	{ IPC_CTL_CHECK, 0, IPC_MAX_PATH, on_check },
	{ IPC_CTL_EVENTS, 0, 0, on_events },
	{ IPC_CTL_RS_DRAIN, 3, 512, on_drain },
	{ IPC_CTL_RS_ENABLE, 3, 512, on_drain },
	{ IPC_CTL_VRRP_RELEASE, 1, 255, on_vrrp },
	{ IPC_CTL_VRRP_RESUME, 1, 255, on_vrrp },
};
const size_t ctl_n_handlers = sizeof(ctl_handlers) / sizeof(ctl_handlers[0]);
