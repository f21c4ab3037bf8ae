// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The text forms of lvsctl's answers: what an operator reads at 3 a.m.,
 * from the same JSON document --json prints.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "lvsctl/lvsctl.h"

static struct json_object *
get(struct json_object *o, const char *key)
{
	struct json_object *v = NULL;

	if (o == NULL || !json_object_object_get_ex(o, key, &v))
		return NULL;
	return v;
}

static const char *
str(struct json_object *o, const char *key, const char *dflt)
{
	struct json_object *v = get(o, key);

	return v != NULL ? json_object_get_string(v) : dflt;
}

static int64_t
num(struct json_object *o, const char *key)
{
	struct json_object *v = get(o, key);

	return v != NULL ? json_object_get_int64(v) : 0;
}

static bool
flag(struct json_object *o, const char *key)
{
	struct json_object *v = get(o, key);

	return v != NULL && json_object_get_boolean(v);
}

static size_t
len(struct json_object *arr)
{
	return arr != NULL && json_object_is_type(arr, json_type_array) ?
	    json_object_array_length(arr) : 0;
}

static struct json_object *
at(struct json_object *arr, size_t i)
{
	return json_object_array_get_idx(arr, i);
}

/* "2026-11-30 22:51:03" local time, or "-". */
static const char *
when(int64_t ms, char *buf, size_t size)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (ms <= 0 || localtime_r(&t, &tm) == NULL)
		return "-";
	strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
	return buf;
}

static void
render_lvsd(FILE *out, struct json_object *l)
{
	struct json_object *r = get(l, "reloads"), *engines = get(l, "engines");
	struct json_object *e;
	char t[32];
	size_t i;

	fprintf(out, "lvsd %s, pid %lld, generation %lld, %s\n",
	    str(l, "version", "?"), (long long)num(l, "pid"),
	    (long long)num(l, "generation"), str(l, "config", "?"));
	fprintf(out, "reloads: %lld ok, %lld failed; last %s%s\n",
	    (long long)num(r, "ok"), (long long)num(r, "failed"),
	    when(num(r, "last_ms"), t, sizeof(t)), num(r, "last_ms") == 0 ?
	    "" : flag(r, "last_ok") ? " (ok)" : " (FAILED)");
	fprintf(out, "engines:");
	for (i = 0; i < len(engines); i++) {
		e = at(engines, i);
		if (flag(e, "running"))
			fprintf(out, "%s %s pid %lld (restarts %lld)",
			    i ? ";" : "", str(e, "name", "?"),
			    (long long)num(e, "pid"),
			    (long long)num(e, "restarts"));
		else
			fprintf(out, "%s %s %s", i ? ";" : "",
			    str(e, "name", "?"), flag(e, "wanted") ?
			    "NOT RUNNING" : "not needed");
	}
	fprintf(out, "\n");
}

static void
join(FILE *out, struct json_object *arr, const char *none)
{
	size_t i;

	if (len(arr) == 0)
		fprintf(out, "%s", none);
	for (i = 0; i < len(arr); i++)
		fprintf(out, "%s%s", i ? ", " : "",
		    json_object_get_string(at(arr, i)));
}

/* One tracked object: its state and what its weight does (a document
 * from before the states were added has kind, name and weight only). */
static void
render_tracker(FILE *out, struct json_object *t)
{
	const char *kind = str(t, "kind", "?");

	fprintf(out, "    tracked: %s %s", kind, str(t, "name", "?"));
	if (get(t, "state") == NULL) {
		fprintf(out, " (weight %lld)\n", (long long)num(t, "weight"));
		return;
	}
	fprintf(out, " %s", str(t, "state", "?"));
	if (strcmp(kind, "file") == 0)
		fprintf(out, ", value %lld", (long long)num(t, "value"));
	else if (strcmp(kind, "process") == 0) {
		fprintf(out, ", %lld running (quorum %lld..", (long long)num(t,
		    "count"), (long long)num(t, "quorum"));
		if (num(t, "quorum_max") > 0)
			fprintf(out, "%lld", (long long)num(t, "quorum_max"));
		fprintf(out, ")");
	}
	fprintf(out, ", weight %lld%s", (long long)num(t, "weight"),
	    flag(t, "reverse") ? " reverse" : "");
	if (!flag(t, "weight_applied"))
		fprintf(out, " (not applied in a sync group)");
	if (flag(t, "fault"))
		fprintf(out, " -> FAULT");
	else
		fprintf(out, " -> %+lld", (long long)num(t, "delta"));
	if (strcmp(kind, "script") == 0) {
		bool up = strcmp(str(t, "state", ""), "down") != 0;

		/* streak: results in a row against the current state. */
		fprintf(out, "; %lld/%lld %s toward %s", (long long)num(t,
		    "streak"), (long long)num(t, up ? "fall" : "rise"),
		    up ? "failures" : "successes", up ? "down" : "up");
		if (get(t, "last_result") != NULL)
			fprintf(out, "; last: %s", str(t, "last_result", "?"));
	}
	fprintf(out, "\n");
}

static void
render_instance(FILE *out, struct json_object *vi)
{
	struct json_object *tr = get(vi, "tracked"), *errs;
	char tb[32];
	size_t i;

	fprintf(out, "%-12s %-7s prio %3lld eff %3lld  since %s  master %s\n",
	    str(vi, "name", "?"), str(vi, "state", "?"),
	    (long long)num(vi, "priority"),
	    (long long)num(vi, "effective_priority"),
	    when(num(vi, "since_ms"), tb, sizeof(tb)),
	    flag(vi, "master_is_self") ? "this node" :
	    str(vi, "master", "unknown"));
	fprintf(out, "    %s vrid %lld, VIPs: ", str(vi, "interface", "?"),
	    (long long)num(vi, "vrid"));
	join(out, get(vi, "vips"), "none");
	fprintf(out, "\n");
	for (i = 0; i < len(tr); i++)
		render_tracker(out, at(tr, i));
	if (flag(get(vi, "tracking"), "fault"))
		fprintf(out, "    tracking: FAULT (%s is down)\n",
		    str(get(vi, "tracking"), "failed", "?"));
	else if (get(vi, "tracking") != NULL)
		fprintf(out, "    tracking: no fault (weights give priority "
		    "%lld)\n", (long long)num(vi, "effective_priority"));
	if (len(get(vi, "faults")) > 0) {
		fprintf(out, "    FAULT held by: ");
		join(out, get(vi, "faults"), "");
		fprintf(out, "\n");
	}
	if (flag(vi, "released"))
		fprintf(out, "    RELEASED by lvsctl: `lvsctl vrrp resume %s` "
		    "to undo\n", str(vi, "name", "?"));
	errs = get(vi, "receive_errors");
	fprintf(out, "    adverts sent %lld, received %lld, transitions %lld",
	    (long long)num(vi, "adverts_sent"),
	    (long long)num(vi, "adverts_received"),
	    (long long)num(vi, "transitions"));
	if (errs != NULL && json_object_object_length(errs) > 0) {
		fprintf(out, "; dropped:");
		json_object_object_foreach(errs, k, v)
			fprintf(out, " %s %lld", k,
			    (long long)json_object_get_int64(v));
	}
	fprintf(out, "\n");
}

static void
render_vrrp(FILE *out, struct json_object *vrrp)
{
	struct json_object *insts = get(vrrp, "instances");
	size_t i;

	if (vrrp == NULL) {
		fprintf(out, "VRRP: no vrrp engine\n");
		return;
	}
	fprintf(out, "VRRP instances: %zu\n", len(insts));
	for (i = 0; i < len(insts); i++)
		render_instance(out, at(insts, i));
}

static void
render_rs(FILE *out, struct json_object *rs, const char *prefix)
{
	struct json_object *lc = get(rs, "last_check");
	char w[64];

	if (flag(rs, "drained"))
		snprintf(w, sizeof(w), "%lld DRAINED (conf %lld)",
		    (long long)num(rs, "weight"),
		    (long long)num(rs, "configured_weight"));
	else
		snprintf(w, sizeof(w), "%lld", (long long)num(rs, "weight"));
	fprintf(out, "%s%-22s %-5s weight %-22s", prefix,
	    str(rs, "name", "?"), str(rs, "health", "?"), w);
	if (get(rs, "active_connections") != NULL)
		fprintf(out, " conns %lld/%lld (total %lld)",
		    (long long)num(rs, "active_connections"),
		    (long long)num(rs, "inactive_connections"),
		    (long long)num(get(rs, "kernel_stats"), "connections"));
	else
		fprintf(out, " conns -");
	if (lc != NULL)
		fprintf(out, "  last check %s%s%s%s, %.1f ms", str(lc, "result",
		    "?"), *str(lc, "reason", "") ? " (" : "",
		    str(lc, "reason", ""), *str(lc, "reason", "") ? ")" : "",
		    json_object_get_double(get(lc, "latency_ms")));
	else
		fprintf(out, "  last check -");
	fprintf(out, "\n");
}

static void
render_vs(FILE *out, struct json_object *check, bool flat)
{
	struct json_object *vss = get(check, "virtual_servers"), *vs, *rss;
	char prefix[200];
	size_t i, j;

	if (check == NULL) {
		fprintf(out, "Virtual servers: no check engine\n");
		return;
	}
	if (!flat)
		fprintf(out, "Virtual servers: %zu (conns: active/inactive "
		    "from the kernel%s)\n", len(vss),
		    flag(check, "kernel_table_known") ? "" :
		    ", not read yet");
	for (i = 0; i < len(vss); i++) {
		vs = at(vss, i);
		rss = get(vs, "real_servers");
		if (!flat)
			fprintf(out, "%s  scheduler %s\n",
			    str(vs, "name", "?"), str(vs, "scheduler", "?"));
		snprintf(prefix, sizeof(prefix), flat ? "%-24s " : "    ",
		    str(vs, "name", "?"));
		for (j = 0; j < len(rss); j++)
			render_rs(out, at(rss, j), prefix);
	}
}

static void
render_sync(FILE *out, struct json_object *vrrp)
{
	struct json_object *gs = get(vrrp, "sync_groups"), *insts, *m;
	size_t i, j, k;
	const char *state;

	insts = get(vrrp, "instances");
	fprintf(out, "Sync groups: %zu\n", len(gs));
	for (i = 0; i < len(gs); i++) {
		fprintf(out, "%s:", str(at(gs, i), "name", "?"));
		m = get(at(gs, i), "members");
		for (j = 0; j < len(m); j++) {
			state = "?";
			for (k = 0; k < len(insts); k++)
				if (strcmp(str(at(insts, k), "name", ""),
				    json_object_get_string(at(m, j))) == 0)
					state = str(at(insts, k), "state", "?");
			fprintf(out, " %s %s", json_object_get_string(at(m, j)),
			    state);
		}
		fprintf(out, "\n");
		m = get(at(gs, i), "tracked");
		for (j = 0; j < len(m); j++)
			render_tracker(out, at(m, j));
	}
}

void
render_status(FILE *out, struct json_object *a, enum lvsctl_view view)
{
	struct json_object *vrrp = get(a, "vrrp"), *check = get(a, "check");

	switch (view) {
	case VIEW_ALL:
		render_lvsd(out, get(a, "lvsd"));
		fprintf(out, "\n");
		render_vrrp(out, vrrp);
		fprintf(out, "\n");
		render_vs(out, check, false);
		break;
	case VIEW_VRRP:
		render_vrrp(out, vrrp);
		break;
	case VIEW_VS:
		render_vs(out, check, false);
		break;
	case VIEW_RS:
		render_vs(out, check, true);
		break;
	case VIEW_SYNC:
		render_sync(out, vrrp);
		break;
	}
}

void
render_event(FILE *out, struct json_object *ev)
{
	char t[32];

	fprintf(out, "%s %s %s: %s -> %s%s%s%s\n",
	    when(num(ev, "time_ms"), t, sizeof(t)), str(ev, "kind", "?"),
	    str(ev, "object", "?"), str(ev, "prev_state", "?"),
	    str(ev, "state", "?"), *str(ev, "reason", "") ? " (" : "",
	    str(ev, "reason", ""), *str(ev, "reason", "") ? ")" : "");
}

void
render_diagnostics(FILE *out, struct json_object *a)
{
	struct json_object *d = get(a, "diagnostics");
	size_t i;

	for (i = 0; i < len(d); i++)
		fprintf(out, "%s\n", json_object_get_string(at(d, i)));
	if (get(a, "generation") != NULL && flag(a, "ok"))
		fprintf(out, "generation %lld running\n",
		    (long long)num(a, "generation"));
	if (get(a, "drained") != NULL && flag(a, "ok")) {
		struct json_object *dr = get(a, "drained");

		fprintf(out, "drained: %s", len(dr) ? "" : "none");
		for (i = 0; i < len(dr); i++)
			fprintf(out, "%s%s in %s", i ? ", " : "",
			    str(at(dr, i), "rs", "?"),
			    str(at(dr, i), "vs", "?"));
		fprintf(out, "\n");
	}
}
