// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Object-by-object difference of two configurations.  Both sides are keyed,
 * sorted and merged, so a reload of thousands of virtual servers costs
 * O(n log n), not the quadratic scan that made keepalived's reloads slow.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/diff.h"
#include "config/parser.h"
#include "util.h"

/* -- canonical renderings ------------------------------------------------------ */

static void
put_addr(FILE *f, const char *label, const struct lvsd_addr *a)
{
	char buf[INET6_ADDRSTRLEN];

	addr_to_string(a, buf, sizeof(buf));
	fprintf(f, " %s=%s", label, buf);
}

static void
put_str(FILE *f, const char *label, const char *s)
{
	fprintf(f, " %s=%s", label, s ? s : "-");
}

static void
put_common(FILE *f, const struct cfg_check_common *c)
{
	put_addr(f, "connect_ip", &c->connect_ip);
	put_addr(f, "bindto", &c->bindto);
	put_str(f, "bind_if", c->bind_if);
	fprintf(f, " ports=%u/%u timeout=%u retry=%u dbr=%u warmup=%u "
	    "loop=%u mark=%u alpha=%d logall=%d", c->connect_port,
	    c->bind_port, c->connect_timeout_ms, c->retry,
	    c->delay_before_retry_ms, c->warmup_ms, c->delay_loop_ms,
	    c->fwmark, c->alpha, c->log_all_failures);
}

static void
put_track(FILE *f, const struct cfg_track_if *ti, size_t nti,
    const struct cfg_track_script *ts, size_t nts)
{
	for (size_t i = 0; i < nti; i++)
		fprintf(f, " track_if=%s/%d/%d", ti[i].ifname, ti[i].weight,
		    ti[i].reverse);
	for (size_t i = 0; i < nts; i++) {
		const struct cfg_vrrp_script *s = ts[i].script;

		fprintf(f, " track_script=%s/%d/%d", ts[i].name, ts[i].weight,
		    ts[i].reverse);
		/* A script's own settings matter to whoever tracks it. */
		if (s != NULL)
			fprintf(f, "{%s %u %u %u %u %s %s %d}", s->script,
			    s->interval_ms, s->timeout_ms, s->rise, s->fall,
			    s->user ? s->user : "-", s->group ? s->group : "-",
			    s->init_fail);
	}
}

/* track_file / track_process references, with the objects' settings. */
static void
put_track_refs(FILE *f, const struct cfg_track_ref *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(f, " track_ref=%s/%d/%d", r[i].name, r[i].weight,
		    r[i].reverse);
		if (r[i].file != NULL)
			fprintf(f, "{%s %d %d %d}", r[i].file->path,
			    r[i].file->init_file, r[i].file->init_value,
			    r[i].file->init_overwrite);
		if (r[i].process != NULL) {
			const struct cfg_track_process *tp = r[i].process;

			fprintf(f, "{%s %d %d %u %u %u %u", tp->process,
			    tp->param_match, tp->full_command, tp->quorum,
			    tp->quorum_max, tp->fork_delay_ms,
			    tp->terminate_delay_ms);
			for (size_t j = 0; j < tp->n_params; j++)
				fprintf(f, " %s", tp->params[j]);
			fputc('}', f);
		}
	}
}

static void
put_notify(FILE *f, const struct cfg_notify *n)
{
	put_str(f, "n_master", n->master);
	put_str(f, "n_backup", n->backup);
	put_str(f, "n_fault", n->fault);
	put_str(f, "n_stop", n->stop);
	put_str(f, "notify", n->any);
}

static void
put_vips(FILE *f, const char *label, const struct cfg_vip *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		put_addr(f, label, &v[i].prefix.addr);
		fprintf(f, "/%u scope=%d", v[i].prefix.len, v[i].scope);
		put_addr(f, "brd", &v[i].brd);
		put_str(f, "dev", v[i].dev);
		put_str(f, "label", v[i].label);
	}
}

static void
put_routes(FILE *f, const struct cfg_route *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		put_addr(f, "route", &r[i].dst.addr);
		fprintf(f, "/%u m=%u t=%u s=%d p=%d ty=%d", r[i].dst.len,
		    r[i].metric, r[i].table, r[i].scope, r[i].protocol,
		    r[i].type);
		put_addr(f, "via", &r[i].via);
		put_addr(f, "src", &r[i].src);
		put_str(f, "dev", r[i].dev);
	}
}

static void
put_rules(FILE *f, const struct cfg_rule *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		put_addr(f, "rule", &r[i].from.addr);
		put_addr(f, "to", &r[i].to.addr);
		fprintf(f, "/%u/%u af=%d t=%u p=%d/%u fw=%d/%u/%u",
		    r[i].from.len, r[i].to.len, r[i].family, r[i].table,
		    r[i].has_priority, r[i].priority, r[i].has_fwmark,
		    r[i].fwmark, r[i].fwmask);
		put_str(f, "iif", r[i].iif);
		put_str(f, "oif", r[i].oif);
	}
}

typedef void (*render_fn)(FILE *f, const void *obj);

static char *
render(render_fn fn, const void *obj)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (f == NULL)
		abort();
	fn(f, obj);
	fclose(f);
	return buf;
}

static void
render_instance(FILE *f, const void *obj)
{
	const struct cfg_vrrp_instance *vi = obj;

	fprintf(f, "%s master=%d vrid=%u prio=%u adv=%u v=%u af=%d auth=%d/%s "
	    "nopreempt=%d pdelay=%u accept=%d dtp=%d garp=%u/%u/%u/%u/%u/%u",
	    vi->name, vi->initial_master, vi->vrid, vi->priority,
	    vi->advert_int_ms, vi->version, vi->family, vi->auth_type,
	    vi->auth_pass, vi->nopreempt, vi->preempt_delay_ms, vi->accept,
	    vi->dont_track_primary, vi->garp_master_delay_ms,
	    vi->garp_master_repeat, vi->garp_master_refresh_ms,
	    vi->garp_master_refresh_repeat, vi->garp_lower_prio_delay_ms,
	    vi->garp_lower_prio_repeat);
	fprintf(f, " uttl=%u cus=%d ufnp=%d promote=%d hpsa=%d lpna=%d",
	    vi->unicast_ttl, vi->check_unicast_src, vi->unicast_fault_no_peer,
	    vi->promote_secondaries, vi->higher_prio_send_advert,
	    vi->lower_prio_no_advert);
	put_str(f, "if", vi->interface);
	put_vips(f, "vip", vi->vips, vi->n_vips);
	put_vips(f, "xvip", vi->vips_excluded, vi->n_vips_excluded);
	put_routes(f, vi->vroutes, vi->n_vroutes);
	put_rules(f, vi->vrules, vi->n_vrules);
	put_addr(f, "mcast_src", &vi->mcast_src_ip);
	put_addr(f, "ucast_src", &vi->unicast_src_ip);
	for (size_t i = 0; i < vi->n_unicast_peers; i++)
		put_addr(f, "peer", &vi->unicast_peers[i]);
	put_track(f, vi->track_interfaces, vi->n_track_interfaces,
	    vi->track_scripts, vi->n_track_scripts);
	put_track_refs(f, vi->track_files, vi->n_track_files);
	put_track_refs(f, vi->track_processes, vi->n_track_processes);
	put_notify(f, &vi->notify);
	put_str(f, "group", vi->sync_group ? vi->sync_group->name : NULL);
	if (vi->use_vmac)
		put_str(f, "vmac", vi->vmac_name ? vi->vmac_name : "");
}

static void
render_sync_group(FILE *f, const void *obj)
{
	const struct cfg_sync_group *sg = obj;

	fprintf(f, "%s global=%d", sg->name, sg->global_tracking);
	for (size_t i = 0; i < sg->n_members; i++)
		put_str(f, "member", sg->member_names[i]);
	put_track(f, sg->track_interfaces, sg->n_track_interfaces,
	    sg->track_scripts, sg->n_track_scripts);
	put_track_refs(f, sg->track_files, sg->n_track_files);
	put_track_refs(f, sg->track_processes, sg->n_track_processes);
	put_notify(f, &sg->notify);
}

static void
render_checker(FILE *f, const struct cfg_checker *c)
{
	fprintf(f, " [check type=%d", c->type);
	put_common(f, &c->common);
	fprintf(f, " fast=%d half_open=%d", c->fast_recovery, c->half_open);
	/* Only the type's own fields: the others share their memory. */
	switch (c->type) {
	case CHECK_HTTP:
	case CHECK_SSL:
		for (size_t u = 0; u < c->n_urls; u++) {
			const struct cfg_http_url *url = &c->urls[u];

			put_str(f, "path", url->path);
			put_str(f, "digest", url->digest);
			put_str(f, "vhost", url->virtualhost);
			fprintf(f, " status=");
			for (size_t b = 0; b < sizeof(url->status_ok); b++)
				fprintf(f, "%02x", url->status_ok[b]);
			fprintf(f, " regex=%s/%d", url->regex ? url->regex :
			    "-", url->regex_no_match);
		}
		put_str(f, "vhost", c->virtualhost);
		put_str(f, "proto", c->http_protocol);
		fprintf(f, " sni=%d verify=%d", c->enable_sni, c->verify_cert);
		put_str(f, "sni_name", c->sni_name);
		put_str(f, "verify_name", c->verify_name);
		break;
	case CHECK_MISC:
		put_str(f, "misc", c->misc_path);
		fprintf(f, " misc_timeout=%u dynamic=%d", c->misc_timeout_ms,
		    c->misc_dynamic);
		put_str(f, "user", c->user);
		put_str(f, "group", c->group);
		break;
	case CHECK_UDP:
		fprintf(f, " udp=");
		for (size_t i = 0; i < c->udp_payload_len; i++)
			fprintf(f, "%02x", c->udp_payload[i]);
		fprintf(f, "/%d/", c->require_reply);
		for (size_t i = 0; i < c->udp_reply_len; i++)
			fprintf(f, "%02x", c->udp_reply[i]);
		fprintf(f, "/%u/%u", c->min_reply_len, c->max_reply_len);
		break;
	case CHECK_DNS:
		fprintf(f, " dns=%u", c->dns_type);
		put_str(f, "dns_name", c->dns_name);
		break;
	case CHECK_FILE:
		put_str(f, "file", c->track_file);
		fprintf(f, " fweight=%d/%d", c->file_weight, c->file_reverse);
		break;
	default:
		break;
	}
	fputc(']', f);
}

static void
render_rs(FILE *f, const void *obj)
{
	const struct cfg_real_server *rs = obj;

	put_addr(f, "addr", &rs->addr);
	fprintf(f, " port=%u weight=%u fwd=%d thresh=%u/%u inhibit=%d",
	    rs->port, rs->weight, rs->fwd, rs->uthreshold, rs->lthreshold,
	    rs->inhibit_on_failure);
	put_str(f, "up", rs->notify_up);
	put_str(f, "down", rs->notify_down);
	put_str(f, "vhost", rs->virtualhost);
	fprintf(f, " tun=%u/%u/%u", rs->tun.type, rs->tun.port, rs->tun.flags);
	put_common(f, &rs->common);
	for (size_t i = 0; i < rs->n_checkers; i++)
		render_checker(f, &rs->checkers[i]);
}

/* A virtual server's own settings; its real servers are diffed apart. */
static void
render_vs(FILE *f, const void *obj)
{
	const struct cfg_virtual_server *vs = obj;

	fprintf(f, "sched=%s fwd=%d persist=%u/%u quorum=%u/%u omega=%d "
	    "inhibit=%d ha_suspend=%d ops=%d", vs->sched, vs->fwd,
	    vs->persistence_timeout, vs->persistence_granularity, vs->quorum,
	    vs->hysteresis, vs->omega, vs->inhibit_on_failure, vs->ha_suspend,
	    vs->ops);
	put_str(f, "vhost", vs->virtualhost);
	put_str(f, "q_up", vs->quorum_up);
	put_str(f, "q_down", vs->quorum_down);
	fprintf(f, " tun=%u/%u/%u sflags=%u", vs->tun.type, vs->tun.port,
	    vs->tun.flags, vs->sched_flags);
	put_common(f, &vs->common);
	if (vs->sorry_server != NULL) {
		fprintf(f, " sorry{inhibit=%d", vs->sorry_server_inhibit);
		render_rs(f, vs->sorry_server);
		fputc('}', f);
	}
}

char *
config_render_instance(const struct cfg_vrrp_instance *vi)
{
	return render(render_instance, vi);
}

char *
config_render_vs(const struct cfg_virtual_server *vs)
{
	return render(render_vs, vs);
}

char *
config_render_rs(const struct cfg_real_server *rs)
{
	return render(render_rs, rs);
}

/* -- keyed merge ----------------------------------------------------------------- */

struct keyed {
	char key[96];
	const void *obj;
};

static int
keyed_cmp(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key,
	    ((const struct keyed *)b)->key);
}

typedef void (*key_fn)(const void *obj, char *buf, size_t len);

/* An array of n objects of `size` bytes each, keyed and sorted. */
static struct keyed *
make_keys(const void *arr, size_t n, size_t size, key_fn key)
{
	struct keyed *k = xcalloc(n, sizeof(*k));

	for (size_t i = 0; i < n; i++) {
		k[i].obj = (const char *)arr + i * size;
		key(k[i].obj, k[i].key, sizeof(k[i].key));
	}
	qsort(k, n, sizeof(*k), keyed_cmp);
	return k;
}

const char *
cfg_kind_name(enum cfg_kind kind)
{
	static const char *const names[] = {
		[CFG_KIND_VRRP_INSTANCE] = "vrrp_instance",
		[CFG_KIND_SYNC_GROUP] = "vrrp_sync_group",
		[CFG_KIND_VIRTUAL_SERVER] = "virtual_server",
		[CFG_KIND_REAL_SERVER] = "real_server",
	};

	return names[kind];
}

struct merge {
	enum cfg_kind kind;
	render_fn render;
	config_diff_fn fn;
	void *arg;
	/* Called for pairs present on both sides, after the comparison. */
	void (*both)(struct merge *m, const void *o, const void *n,
	    const char *name);
	size_t changes;
};

static void
report(struct merge *m, enum cfg_change c, const char *name, const void *o,
    const void *n)
{
	m->changes++;
	m->fn(m->arg, c, m->kind, name, o, n);
}

static void
merge(struct merge *m, const void *old_arr, size_t n_old, const void *new_arr,
    size_t n_new, size_t size, key_fn key)
{
	struct keyed *o = make_keys(old_arr, n_old, size, key);
	struct keyed *n = make_keys(new_arr, n_new, size, key);
	size_t i = 0, j = 0;

	while (i < n_old || j < n_new) {
		int cmp = i == n_old ? 1 : j == n_new ? -1 :
		    strcmp(o[i].key, n[j].key);

		if (cmp < 0) {
			report(m, CFG_REMOVED, o[i].key, o[i].obj, NULL);
			i++;
		} else if (cmp > 0) {
			report(m, CFG_ADDED, n[j].key, NULL, n[j].obj);
			j++;
		} else {
			char *a = render(m->render, o[i].obj);
			char *b = render(m->render, n[j].obj);

			if (strcmp(a, b) != 0)
				report(m, CFG_CHANGED, n[j].key, o[i].obj,
				    n[j].obj);
			free(a);
			free(b);
			if (m->both != NULL)
				m->both(m, o[i].obj, n[j].obj, n[j].key);
			i++;
			j++;
		}
	}
	free(o);
	free(n);
}

/* -- VRRP -------------------------------------------------------------------------- */

static void
key_instance(const void *obj, char *buf, size_t len)
{
	snprintf(buf, len, "%s", ((const struct cfg_vrrp_instance *)obj)->name);
}

static void
key_sync_group(const void *obj, char *buf, size_t len)
{
	snprintf(buf, len, "%s", ((const struct cfg_sync_group *)obj)->name);
}

size_t
config_diff_vrrp(const struct lvsd_config *old_cfg,
    const struct lvsd_config *new_cfg, config_diff_fn fn, void *arg)
{
	struct merge mi = { CFG_KIND_VRRP_INSTANCE, render_instance, fn, arg };
	struct merge mg = { CFG_KIND_SYNC_GROUP, render_sync_group, fn, arg };

	merge(&mi, old_cfg->vrrp_instances, old_cfg->n_vrrp_instances,
	    new_cfg->vrrp_instances, new_cfg->n_vrrp_instances,
	    sizeof(struct cfg_vrrp_instance), key_instance);
	merge(&mg, old_cfg->sync_groups, old_cfg->n_sync_groups,
	    new_cfg->sync_groups, new_cfg->n_sync_groups,
	    sizeof(struct cfg_sync_group), key_sync_group);
	return mi.changes + mg.changes;
}

/* -- LVS ---------------------------------------------------------------------------- */

static void
key_vs(const void *obj, char *buf, size_t len)
{
	config_vs_key(obj, buf, len);
}

static void
key_rs(const void *obj, char *buf, size_t len)
{
	const struct cfg_real_server *rs = obj;

	addr_port_to_string(&rs->addr, rs->port, buf, len);
}

struct rs_names {
	config_diff_fn fn;
	void *arg;
	const char *vs;
};

/* Real-server names carry their virtual server: "RS in VS". */
static void
rs_report(void *arg, enum cfg_change c, enum cfg_kind kind, const char *name,
    const void *o, const void *n)
{
	struct rs_names *rn = arg;
	char full[200];

	snprintf(full, sizeof(full), "%s in %s", name, rn->vs);
	rn->fn(rn->arg, c, kind, full, o, n);
}

static void
vs_both(struct merge *m, const void *o, const void *n, const char *name)
{
	const struct cfg_virtual_server *ovs = o, *nvs = n;
	struct rs_names rn = { m->fn, m->arg, name };
	struct merge mr = { CFG_KIND_REAL_SERVER, render_rs, rs_report, &rn };

	merge(&mr, ovs->rs, ovs->n_rs, nvs->rs, nvs->n_rs,
	    sizeof(struct cfg_real_server), key_rs);
	m->changes += mr.changes;
}

size_t
config_diff_lvs(const struct lvsd_config *old_cfg,
    const struct lvsd_config *new_cfg, config_diff_fn fn, void *arg)
{
	struct merge mv = { CFG_KIND_VIRTUAL_SERVER, render_vs, fn, arg,
	    vs_both };

	merge(&mv, old_cfg->virtual_servers, old_cfg->n_virtual_servers,
	    new_cfg->virtual_servers, new_cfg->n_virtual_servers,
	    sizeof(struct cfg_virtual_server), key_vs);
	return mv.changes;
}
