// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lvsctl and the check engine: each virtual server and real server as
 * JSON (doc/lvsctl-json.md) from the desired state the reconciler builds
 * (health verdicts and drains applied) and the kernel table it last read
 * (connections); and the drain set the parent sends.
 */
#include "config.h"

#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "check/check_ctl.h"
#include "check/checkers.h"
#include "check/probe.h"
#include "check/ipvs_owner.h"
#include "engine.h"
#include "ipc/msg.h"
#include "ipvs/desired.h"
#include "ipvs/plan.h"
#include "net/addr.h"

/* The real server's destination in the desired table, and the kernel's. */
struct rs_seen {
	const struct desired_dest *want;
	const struct ipvs_dest *have;
	uint64_t active, inactive;
	struct ipvs_counters stats;
};

static void
add_counters(struct ipvs_counters *to, const struct ipvs_counters *c)
{
	to->conns += c->conns;
	to->inpkts += c->inpkts;
	to->outpkts += c->outpkts;
	to->inbytes += c->inbytes;
	to->outbytes += c->outbytes;
}

static struct json_object *
counters_json(const struct ipvs_counters *c)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "connections",
	    json_object_new_int64((int64_t)c->conns));
	json_object_object_add(o, "in_packets",
	    json_object_new_int64((int64_t)c->inpkts));
	json_object_object_add(o, "out_packets",
	    json_object_new_int64((int64_t)c->outpkts));
	json_object_object_add(o, "in_bytes",
	    json_object_new_int64((int64_t)c->inbytes));
	json_object_object_add(o, "out_bytes",
	    json_object_new_int64((int64_t)c->outbytes));
	return o;
}

static void
find_rs(const struct desired_table *t, const struct kernel_table *known,
    const struct cfg_real_server *rs, struct rs_seen *out)
{
	const struct kernel_service *ks;
	size_t i, j, k;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < t->n_svcs; i++) {
		for (j = 0; j < t->svcs[i].n_dests; j++) {
			const struct desired_dest *dd = &t->svcs[i].dests[j];

			if (dd->rs != rs || dd->sorry)
				continue;
			out->want = dd;
			ks = known != NULL ? kernel_table_find(known,
			    &t->svcs[i].s.key) : NULL;
			for (k = 0; ks != NULL && k < ks->n_dests; k++) {
				if (ipvs_dest_key_cmp(&ks->dests[k].key,
				    &dd->d.key) != 0)
					continue;
				out->have = &ks->dests[k];
				out->active += ks->dests[k].active_conns;
				out->inactive += ks->dests[k].inact_conns;
				add_counters(&out->stats, &ks->dests[k].stats);
			}
		}
	}
}

struct checks_out {
	struct json_object *arr;
	const struct probe *latest;     /* the last result of all */
};

static void
add_check(void *arg, const struct probe *p)
{
	struct checks_out *out = arg;
	struct json_object *o = json_object_new_object();
	struct json_object *fails = json_object_new_object();
	char name[100];
	size_t i;

	json_object_object_add(o, "checker", json_object_new_string(
	    probe_name(p, name, sizeof(name))));
	json_object_object_add(o, "result", json_object_new_string(
	    !p->st.has_result ? "none" : p->st.last_ok ? "ok" : "failed"));
	json_object_object_add(o, "reason", json_object_new_string(
	    p->st.has_result && p->reason != NULL ? p->reason : ""));
	json_object_object_add(o, "latency_ms",
	    json_object_new_double(p->st.last_ms));
	json_object_object_add(o, "time_ms",
	    json_object_new_int64(p->st.last_wall_ms));
	for (i = 0; i < p->st.n_fail; i++)
		json_object_object_add(fails, p->st.fail[i].reason,
		    json_object_new_int64((int64_t)p->st.fail[i].n));
	if (p->st.fail_other > 0)
		json_object_object_add(fails, "other",
		    json_object_new_int64((int64_t)p->st.fail_other));
	json_object_object_add(o, "failures", fails);
	json_object_array_add(out->arr, o);
	if (p->st.has_result && (out->latest == NULL ||
	    p->st.last_wall_ms >= out->latest->st.last_wall_ms))
		out->latest = p;
}

static struct json_object *
rs_json(const struct ipvs_owner *o, struct checkers *c,
    const struct cfg_virtual_server *vs,
    const struct cfg_real_server *rs, const struct desired_table *t,
    const struct kernel_table *known)
{
	struct checks_out checks = { json_object_new_array(), NULL };
	struct json_object *last;
	struct json_object *r = json_object_new_object();
	const struct health_view *hv = ipvs_owner_view(o);
	struct rs_verdict vd = { true, false, -1 };
	struct rs_seen seen;
	char name[80];

	hv->rs_verdict(hv->arg, vs, rs, &vd);
	find_rs(t, known, rs, &seen);
	addr_port_to_string(&rs->addr, rs->port, name, sizeof(name));
	json_object_object_add(r, "name", json_object_new_string(name));
	json_object_object_add(r, "health", json_object_new_string(
	    vd.up ? "up" : "down"));
	json_object_object_add(r, "configured_weight",
	    json_object_new_int64(rs->weight));
	json_object_object_add(r, "weight", json_object_new_int64(
	    seen.want != NULL ? (int64_t)seen.want->d.weight : 0));
	json_object_object_add(r, "drained", json_object_new_boolean(
	    ipvs_owner_is_drained(o, vs, rs)));
	checkers_each_probe(c, vs, rs, add_check, &checks);
	last = NULL;
	if (checks.latest != NULL) {
		size_t n = json_object_array_length(checks.arr), i;

		for (i = 0; i < n && last == NULL; i++) {
			struct json_object *ck = json_object_array_get_idx(
			    checks.arr, i), *tm;

			if (json_object_object_get_ex(ck, "time_ms", &tm) &&
			    json_object_get_int64(tm) ==
			    checks.latest->st.last_wall_ms)
				last = ck;
		}
	}
	json_object_object_add(r, "last_check", last != NULL ?
	    json_object_get(last) : NULL);
	json_object_object_add(r, "checks", checks.arr);
	json_object_object_add(r, "in_kernel",
	    json_object_new_boolean(seen.have != NULL));
	json_object_object_add(r, "kernel_weight", seen.have != NULL ?
	    json_object_new_int64(seen.have->weight) : NULL);
	json_object_object_add(r, "active_connections", seen.have != NULL ?
	    json_object_new_int64((int64_t)seen.active) : NULL);
	json_object_object_add(r, "inactive_connections", seen.have != NULL ?
	    json_object_new_int64((int64_t)seen.inactive) : NULL);
	json_object_object_add(r, "kernel_stats", seen.have != NULL ?
	    counters_json(&seen.stats) : NULL);
	return r;
}

/* The virtual server's kernel services added up; null when none is known. */
static struct json_object *
vs_counters(const struct desired_table *t, const struct kernel_table *known)
{
	const struct kernel_service *ks;
	struct ipvs_counters sum;
	bool any = false;
	size_t i;

	memset(&sum, 0, sizeof(sum));
	for (i = 0; known != NULL && i < t->n_svcs; i++) {
		ks = kernel_table_find(known, &t->svcs[i].s.key);
		if (ks == NULL)
			continue;
		add_counters(&sum, &ks->s.stats);
		any = true;
	}
	return any ? counters_json(&sum) : NULL;
}

struct json_object *
check_ctl_status(struct engine *e, const struct ipvs_owner *o,
    struct checkers *c)
{
	const struct lvsd_config *cfg = e->running;
	const struct kernel_table *known = ipvs_owner_known(o);
	struct json_object *out = json_object_new_object();
	struct json_object *arr = json_object_new_array();
	struct json_object *v, *rss;
	const struct cfg_virtual_server *vs;
	struct desired_table t;
	char key[160];
	size_t i, j;

	memset(&t, 0, sizeof(t));
	for (i = 0; i < cfg->n_virtual_servers; i++) {
		vs = &cfg->virtual_servers[i];
		desired_build(&t, cfg, vs, ipvs_owner_view(o));
		v = json_object_new_object();
		rss = json_object_new_array();
		config_vs_key(vs, key, sizeof(key));
		json_object_object_add(v, "name", json_object_new_string(key));
		json_object_object_add(v, "scheduler", json_object_new_string(
		    vs->sched[0] != '\0' ? vs->sched : "wlc"));
		for (j = 0; j < vs->n_rs; j++)
			json_object_array_add(rss,
			    rs_json(o, c, vs, &vs->rs[j], &t, known));
		json_object_object_add(v, "real_servers", rss);
		json_object_object_add(v, "kernel_stats",
		    vs_counters(&t, known));
		json_object_array_add(arr, v);
		desired_free(&t);
	}
	json_object_object_add(out, "virtual_servers", arr);
	json_object_object_add(out, "kernel_table_known",
	    json_object_new_boolean(known != NULL));
	return out;
}

/* Is "VS\tRS" (config_vs_key and "addr:port") in the configuration? */
static bool
pair_known(const struct lvsd_config *cfg, const char *pair, size_t len)
{
	const struct cfg_virtual_server *vs;
	char key[320], rs[80];
	size_t i, j, n;

	for (i = 0; cfg != NULL && i < cfg->n_virtual_servers; i++) {
		vs = &cfg->virtual_servers[i];
		config_vs_key(vs, key, sizeof(key));
		n = strlen(key);
		for (j = 0; j < vs->n_rs; j++) {
			addr_port_to_string(&vs->rs[j].addr, vs->rs[j].port,
			    rs, sizeof(rs));
			snprintf(key + n, sizeof(key) - n, "\t%s", rs);
			if (strlen(key) == len && memcmp(key, pair, len) == 0)
				return true;
		}
	}
	return false;
}

int
check_ctl_command(struct engine *e, struct ipvs_owner *o, uint16_t type,
    const char *arg, size_t len, char *err, size_t errlen)
{
	const char *nl, *tab;

	if (type != IPC_CMD_RS_DRAIN_SET) {
		snprintf(err, errlen, "unknown command");
		return -1;
	}
	/* "?VS\tRS\n" first: the pair lvsctl names must exist. */
	if (len > 0 && arg[0] == '?') {
		nl = memchr(arg, '\n', len);
		if (nl == NULL)
			nl = arg + len;
		if (!pair_known(e->running, arg + 1, (size_t)(nl - arg - 1))) {
			tab = memchr(arg, '\t', (size_t)(nl - arg));
			if (tab == NULL)
				tab = nl;
			snprintf(err, errlen, "no real server %.*s in virtual "
			    "server %.*s", (int)(nl - tab - (tab < nl)),
			    tab + (tab < nl), (int)(tab - arg - 1), arg + 1);
			return -1;
		}
		len -= (size_t)(nl - arg) + (nl < arg + len);
		arg = nl + 1;
	}
	ipvs_owner_set_drained(o, arg, len);
	return 0;
}
