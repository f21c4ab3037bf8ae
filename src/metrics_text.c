// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The Prometheus text exposition format (0.0.4) of the status document
 * (doc/lvsctl-json.md): lvsd_ prefix, _total for counters, base units
 * (seconds).  Label values are escaped as the format requires.
 */
#include "config.h"

#include <json-c/json.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "metrics.h"

struct out {
	char *buf;
	size_t len, cap;
};

static void __attribute__((format(printf, 2, 3)))
put(struct out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < o->cap - o->len) {
			o->len += (size_t)n;
			return;
		}
		o->cap = o->cap * 2 + (size_t)(n > 0 ? n : 0) + 256;
		o->buf = realloc(o->buf, o->cap);
		if (o->buf == NULL)
			abort();
	}
}

/* A label value: backslash, double quote and newline escaped. */
static const char *
esc(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; *s != '\0' && n + 3 < size; s++) {
		if (*s == '\\' || *s == '"') {
			buf[n++] = '\\';
			buf[n++] = *s;
		} else if (*s == '\n') {
			buf[n++] = '\\';
			buf[n++] = 'n';
		} else {
			buf[n++] = *s;
		}
	}
	buf[n] = '\0';
	return buf;
}

static struct json_object *
get(struct json_object *o, const char *k)
{
	struct json_object *v = NULL;

	if (o == NULL || !json_object_object_get_ex(o, k, &v))
		return NULL;
	return v;
}

static long long
num(struct json_object *o, const char *k)
{
	return (long long)json_object_get_int64(get(o, k));
}

static const char *
str(struct json_object *o, const char *k)
{
	struct json_object *v = get(o, k);

	return v != NULL ? json_object_get_string(v) : "";
}

static size_t
len(struct json_object *a)
{
	return a != NULL && json_object_is_type(a, json_type_array) ?
	    json_object_array_length(a) : 0;
}

static void
family(struct out *o, const char *name, const char *type, const char *help)
{
	put(o, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void
lvsd_metrics(struct out *o, struct json_object *l)
{
	struct json_object *r = get(l, "reloads"), *es = get(l, "engines"), *e;
	char v[128];
	size_t i;

	family(o, "lvsd_build_info", "gauge", "lvsd version (always 1)");
	put(o, "lvsd_build_info{version=\"%s\"} 1\n",
	    esc(str(l, "version"), v, sizeof(v)));
	family(o, "lvsd_config_generation", "gauge",
	    "Configuration generation running (1 at start, +1 per good reload)");
	put(o, "lvsd_config_generation %lld\n", num(l, "generation"));
	family(o, "lvsd_reloads_total", "counter", "Reloads by result");
	put(o, "lvsd_reloads_total{result=\"ok\"} %lld\n", num(r, "ok"));
	put(o, "lvsd_reloads_total{result=\"failed\"} %lld\n",
	    num(r, "failed"));
	family(o, "lvsd_last_reload_timestamp_seconds", "gauge",
	    "When the last reload ended (0: none yet)");
	put(o, "lvsd_last_reload_timestamp_seconds %.3f\n",
	    (double)num(r, "last_ms") / 1000.0);
	family(o, "lvsd_last_reload_success", "gauge",
	    "1 when the last reload was applied by every engine");
	put(o, "lvsd_last_reload_success %d\n",
	    json_object_get_boolean(get(r, "last_ok")) ? 1 : 0);
	family(o, "lvsd_ipvs_drift_repairs_total", "counter",
	    "Changes the reconciler made to bring the kernel table back");
	put(o, "lvsd_ipvs_drift_repairs_total %lld\n", num(l, "ipvs_repairs"));
	family(o, "lvsd_engine_up", "gauge", "1 when the engine runs");
	for (i = 0; i < len(es); i++) {
		e = json_object_array_get_idx(es, i);
		put(o, "lvsd_engine_up{engine=\"%s\"} %d\n", str(e, "name"),
		    json_object_get_boolean(get(e, "running")) ? 1 : 0);
	}
	family(o, "lvsd_engine_restarts_total", "counter",
	    "Engines restarted after an unplanned exit");
	for (i = 0; i < len(es); i++) {
		e = json_object_array_get_idx(es, i);
		put(o, "lvsd_engine_restarts_total{engine=\"%s\"} %lld\n",
		    str(e, "name"), num(e, "restarts"));
	}
}

/* Per tracked object with a state (up or down; a script before its
 * first result, or disabled, has none). */
static void
tracker_metrics(struct out *o, struct json_object *insts)
{
	struct json_object *vi, *tr, *t;
	char n[160], tn[160], kind[32];
	const char *st;
	size_t i, j;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		if (pass == 0)
			family(o, "lvsd_vrrp_tracker_up", "gauge",
			    "1 when the tracked object is up");
		else
			family(o, "lvsd_vrrp_tracker_priority_delta", "gauge",
			    "What the tracked object adds to the priority");
		for (i = 0; i < len(insts); i++) {
			vi = json_object_array_get_idx(insts, i);
			esc(str(vi, "name"), n, sizeof(n));
			tr = get(vi, "tracked");
			for (j = 0; j < len(tr); j++) {
				t = json_object_array_get_idx(tr, j);
				st = str(t, "state");
				if (strcmp(st, "up") != 0 &&
				    strcmp(st, "down") != 0)
					continue;
				esc(str(t, "name"), tn, sizeof(tn));
				esc(str(t, "kind"), kind, sizeof(kind));
				if (pass == 0)
					put(o, "lvsd_vrrp_tracker_up{instance="
					    "\"%s\",tracker=\"%s\",kind=\"%s\"}"
					    " %d\n", n, tn, kind,
					    strcmp(st, "up") == 0);
				else
					put(o, "lvsd_vrrp_tracker_priority_"
					    "delta{instance=\"%s\",tracker="
					    "\"%s\",kind=\"%s\"} %lld\n", n,
					    tn, kind, num(t, "delta"));
			}
		}
	}
}

static const char *const vrrp_states[] = { "INIT", "BACKUP", "MASTER",
	"FAULT" };

static void
vrrp_metrics(struct out *o, struct json_object *insts)
{
	struct json_object *vi, *errs;
	char n[160], k[96];
	size_t i, s;

#define EACH for (i = 0; i < len(insts) && \
	(vi = json_object_array_get_idx(insts, i), \
	esc(str(vi, "name"), n, sizeof(n)), 1); i++)
	family(o, "lvsd_vrrp_state", "gauge",
	    "1 for the state the instance is in");
	EACH
		for (s = 0; s < 4; s++)
			put(o, "lvsd_vrrp_state{instance=\"%s\",state=\"%s\"} "
			    "%d\n", n, vrrp_states[s],
			    strcmp(str(vi, "state"), vrrp_states[s]) == 0);
	family(o, "lvsd_vrrp_priority", "gauge", "Configured priority");
	EACH
		put(o, "lvsd_vrrp_priority{instance=\"%s\"} %lld\n", n,
		    num(vi, "priority"));
	family(o, "lvsd_vrrp_effective_priority", "gauge",
	    "Priority after tracking weights");
	EACH
		put(o, "lvsd_vrrp_effective_priority{instance=\"%s\"} %lld\n",
		    n, num(vi, "effective_priority"));
	family(o, "lvsd_vrrp_released", "gauge",
	    "1 while lvsctl vrrp release holds the instance");
	EACH
		put(o, "lvsd_vrrp_released{instance=\"%s\"} %d\n", n,
		    json_object_get_boolean(get(vi, "released")) ? 1 : 0);
	family(o, "lvsd_vrrp_transitions_total", "counter", "State changes");
	EACH
		put(o, "lvsd_vrrp_transitions_total{instance=\"%s\"} %lld\n",
		    n, num(vi, "transitions"));
	family(o, "lvsd_vrrp_adverts_sent_total", "counter",
	    "Advertisements sent");
	EACH
		put(o, "lvsd_vrrp_adverts_sent_total{instance=\"%s\"} %lld\n",
		    n, num(vi, "adverts_sent"));
	family(o, "lvsd_vrrp_adverts_received_total", "counter",
	    "Advertisements received and accepted");
	EACH
		put(o, "lvsd_vrrp_adverts_received_total{instance=\"%s\"} "
		    "%lld\n", n, num(vi, "adverts_received"));
	family(o, "lvsd_vrrp_receive_errors_total", "counter",
	    "Advertisements dropped, by reason");
	EACH {
		errs = get(vi, "receive_errors");
		if (errs == NULL)
			continue;
		json_object_object_foreach(errs, key, val)
			put(o, "lvsd_vrrp_receive_errors_total{instance=\"%s\","
			    "reason=\"%s\"} %lld\n", n,
			    esc(key, k, sizeof(k)),
			    (long long)json_object_get_int64(val));
	}
	tracker_metrics(o, insts);
#undef EACH
}

static void
rs_metrics(struct out *o, struct json_object *vss)
{
	static const struct {
		const char *name, *type, *help, *key;
	} fams[] = {
		{ "lvsd_real_server_up", "gauge", "1 when the real server is "
		    "healthy", "health" },
		{ "lvsd_real_server_weight", "gauge", "Weight lvsd wants in "
		    "the kernel (0 when drained)", "weight" },
		{ "lvsd_real_server_drained", "gauge", "1 while lvsctl rs "
		    "drain holds the real server", "drained" },
		{ "lvsd_real_server_active_connections", "gauge", "Active "
		    "connections (kernel)", "active_connections" },
		{ "lvsd_real_server_inactive_connections", "gauge", "Inactive "
		    "connections (kernel)", "inactive_connections" },
	};
	struct json_object *vs, *rss, *rs, *v;
	char vn[160], rn[160];
	size_t f, i, j;

	for (f = 0; f < sizeof(fams) / sizeof(fams[0]); f++) {
		family(o, fams[f].name, fams[f].type, fams[f].help);
		for (i = 0; i < len(vss); i++) {
			vs = json_object_array_get_idx(vss, i);
			rss = get(vs, "real_servers");
			esc(str(vs, "name"), vn, sizeof(vn));
			for (j = 0; j < len(rss); j++) {
				rs = json_object_array_get_idx(rss, j);
				v = get(rs, fams[f].key);
				if (v == NULL)
					continue;      /* not known (kernel) */
				put(o, "%s{virtual_server=\"%s\",real_server="
				    "\"%s\"} %lld\n", fams[f].name, vn,
				    esc(str(rs, "name"), rn, sizeof(rn)),
				    json_object_is_type(v, json_type_string) ?
				    (long long)(strcmp(json_object_get_string(
				    v), "up") == 0) :
				    json_object_is_type(v, json_type_boolean) ?
				    (long long)json_object_get_boolean(v) :
				    (long long)json_object_get_int64(v));
			}
		}
	}
}

/* One object's kernel counters under `labels`; nothing when unknown. */
static void
counter_samples(struct out *o, const char *prefix, const char *what,
    const char *labels, struct json_object *st)
{
	if (st == NULL || !json_object_is_type(st, json_type_object))
		return;
	if (strcmp(what, "connections") == 0) {
		put(o, "%s_connections_total{%s} %lld\n", prefix, labels,
		    num(st, "connections"));
	} else {
		put(o, "%s_%s_total{%s,direction=\"in\"} %lld\n", prefix, what,
		    labels, num(st, strcmp(what, "packets") == 0 ?
		    "in_packets" : "in_bytes"));
		put(o, "%s_%s_total{%s,direction=\"out\"} %lld\n", prefix,
		    what, labels, num(st, strcmp(what, "packets") == 0 ?
		    "out_packets" : "out_bytes"));
	}
}

/* The kernel's IPVS counters per virtual and real server. */
static void
kernel_metrics(struct out *o, struct json_object *vss)
{
	static const char *const whats[] = { "connections", "packets",
		"bytes" };
	static const char *const helps[] = { "Connections scheduled (kernel)",
		"Packets (kernel)", "Bytes (kernel)" };
	struct json_object *vs, *rss, *rs;
	char vn[160], rn[160], labels[400], name[80];
	size_t w, i, j;

	for (w = 0; w < 3; w++) {
		snprintf(name, sizeof(name), "lvsd_virtual_server_%s_total",
		    whats[w]);
		family(o, name, "counter", helps[w]);
		for (i = 0; i < len(vss); i++) {
			vs = json_object_array_get_idx(vss, i);
			snprintf(labels, sizeof(labels),
			    "virtual_server=\"%s\"",
			    esc(str(vs, "name"), vn, sizeof(vn)));
			counter_samples(o, "lvsd_virtual_server", whats[w],
			    labels, get(vs, "kernel_stats"));
		}
		snprintf(name, sizeof(name), "lvsd_real_server_%s_total",
		    whats[w]);
		family(o, name, "counter", helps[w]);
		for (i = 0; i < len(vss); i++) {
			vs = json_object_array_get_idx(vss, i);
			rss = get(vs, "real_servers");
			esc(str(vs, "name"), vn, sizeof(vn));
			for (j = 0; j < len(rss); j++) {
				rs = json_object_array_get_idx(rss, j);
				snprintf(labels, sizeof(labels),
				    "virtual_server=\"%s\",real_server=\"%s\"",
				    vn, esc(str(rs, "name"), rn, sizeof(rn)));
				counter_samples(o, "lvsd_real_server",
				    whats[w], labels, get(rs, "kernel_stats"));
			}
		}
	}
}

/* The checkers of each real server: duration, failures by reason. */
static void
check_metrics(struct out *o, struct json_object *vss)
{
	struct json_object *vs, *rss, *rs, *cks, *ck, *f;
	char vn[160], rn[160], cn[160], k[96];
	size_t pass, i, j, c;

	for (pass = 0; pass < 2; pass++) {
		if (pass == 0)
			family(o, "lvsd_real_server_check_duration_seconds",
			    "gauge", "How long the checker's last run took");
		else
			family(o, "lvsd_real_server_check_failures_total",
			    "counter", "Failed checks, by reason");
		for (i = 0; i < len(vss); i++) {
			vs = json_object_array_get_idx(vss, i);
			rss = get(vs, "real_servers");
			esc(str(vs, "name"), vn, sizeof(vn));
			for (j = 0; j < len(rss); j++) {
				rs = json_object_array_get_idx(rss, j);
				esc(str(rs, "name"), rn, sizeof(rn));
				cks = get(rs, "checks");
				for (c = 0; c < len(cks); c++) {
					ck = json_object_array_get_idx(cks, c);
					esc(str(ck, "checker"), cn, sizeof(cn));
					if (pass == 0) {
						if (strcmp(str(ck, "result"),
						    "none") == 0)
							continue;
						put(o, "lvsd_real_server_check_"
						    "duration_seconds{virtual_"
						    "server=\"%s\",real_server="
						    "\"%s\",checker=\"%s\"} "
						    "%.6f\n", vn, rn, cn,
						    json_object_get_double(get(
						    ck, "latency_ms")) / 1000.0);
						continue;
					}
					f = get(ck, "failures");
					if (f == NULL || !json_object_is_type(f,
					    json_type_object))
						continue;
					json_object_object_foreach(f, key, val)
						put(o, "lvsd_real_server_check_"
						    "failures_total{virtual_"
						    "server=\"%s\",real_server="
						    "\"%s\",checker=\"%s\","
						    "reason=\"%s\"} %lld\n", vn,
						    rn, cn, esc(key, k,
						    sizeof(k)), (long long)
						    json_object_get_int64(val));
				}
			}
		}
	}
}

char *
metrics_render(struct json_object *status, size_t *out_len)
{
	struct out o = { NULL, 0, 4096 };

	o.buf = malloc(o.cap);          /* put() never sees a NULL buffer */
	if (o.buf == NULL)
		abort();
	o.buf[0] = '\0';
	lvsd_metrics(&o, get(status, "lvsd"));
	vrrp_metrics(&o, get(get(status, "vrrp"), "instances"));
	rs_metrics(&o, get(get(status, "check"), "virtual_servers"));
	kernel_metrics(&o, get(get(status, "check"), "virtual_servers"));
	check_metrics(&o, get(get(status, "check"), "virtual_servers"));
	*out_len = o.len;
	return o.buf;
}
