// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Checks that need the whole configuration: required keys, duplicates,
 * references between objects, families that must agree, and values whose
 * meaning depends on other values (VRRP version, forwarding method).  Also
 * fills in what is inherited (global GARP timing, checker timing), so the
 * engines read final values.
 */
#include "config.h"

#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "config/parser.h"

struct validator {
	struct parser *p;
	struct lvsd_config *cfg;
	const struct config_options *opts;
};

static void
check_interface(struct validator *v, const struct cfg_pos *pos,
    const char *ifname, const char *what)
{
	if (!v->opts->check_interfaces || ifname == NULL)
		return;
	if (if_nametoindex(ifname) == 0)
		cfg_warn_at(v->p, pos, "%s '%s' does not exist on this "
		    "machine", what, ifname);
}

static const char *
family_name(int af)
{
	return af == AF_INET ? "IPv4" : "IPv6";
}

/* -- VRRP ------------------------------------------------------------------------ */

static const struct cfg_vrrp_script *
find_script(const struct lvsd_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->n_vrrp_scripts; i++)
		if (strcmp(cfg->vrrp_scripts[i].name, name) == 0)
			return &cfg->vrrp_scripts[i];
	return NULL;
}

static void
resolve_track_scripts(struct validator *v, struct cfg_track_script *ts,
    size_t n)
{
	for (size_t i = 0; i < n; i++) {
		ts[i].script = find_script(v->cfg, ts[i].name);
		if (ts[i].script == NULL)
			cfg_error_at(v->p, &ts[i].pos, "track_script '%s' is "
			    "not a defined vrrp_script", ts[i].name);
		else if (!ts[i].has_weight) {
			ts[i].weight = ts[i].script->weight;
			ts[i].reverse = ts[i].script->weight_reverse;
		}
	}
}

static void
validate_scripts(struct validator *v)
{
	for (size_t i = 0; i < v->cfg->n_vrrp_scripts; i++) {
		struct cfg_vrrp_script *s = &v->cfg->vrrp_scripts[i];

		for (size_t j = 0; j < i; j++)
			if (strcmp(v->cfg->vrrp_scripts[j].name, s->name) == 0)
				cfg_error_at(v->p, &s->pos, "vrrp_script '%s' "
				    "is defined twice (first at line %u)",
				    s->name, v->cfg->vrrp_scripts[j].pos.line);
		if (s->script == NULL)
			cfg_error_at(v->p, &s->pos, "vrrp_script '%s' has no "
			    "'script'", s->name);
	}
}

static void
inherit_garp(struct cfg_vrrp_instance *vi, const struct cfg_global *g)
{
	if (!(vi->set_mask & VRRP_SET_GARP_DELAY))
		vi->garp_master_delay_ms = g->vrrp_garp_master_delay_ms;
	if (!(vi->set_mask & VRRP_SET_GARP_REPEAT))
		vi->garp_master_repeat = g->vrrp_garp_master_repeat;
	if (!(vi->set_mask & VRRP_SET_GARP_REFRESH))
		vi->garp_master_refresh_ms = g->vrrp_garp_master_refresh_ms;
	if (!(vi->set_mask & VRRP_SET_GARP_REFRESH_REPEAT))
		vi->garp_master_refresh_repeat =
		    g->vrrp_garp_master_refresh_repeat;
	if (!(vi->set_mask & VRRP_SET_GARP_LOWER_DELAY))
		vi->garp_lower_prio_delay_ms = g->vrrp_garp_lower_prio_delay_ms;
	if (!(vi->set_mask & VRRP_SET_GARP_LOWER_REPEAT))
		vi->garp_lower_prio_repeat = g->vrrp_garp_lower_prio_repeat;
}

/* The instance's family comes from its addresses, which must agree. */
static void
instance_family(struct validator *v, struct cfg_vrrp_instance *vi)
{
	vi->family = vi->n_vips ? vi->vips[0].prefix.addr.af :
	    vi->unicast_src_ip.af ? vi->unicast_src_ip.af :
	    vi->n_unicast_peers ? vi->unicast_peers[0].af : AF_INET;
	if (vi->n_vips == 0)
		cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s' has no "
		    "virtual_ipaddress", vi->name);
	for (size_t i = 0; i < vi->n_vips; i++)
		if (vi->vips[i].prefix.addr.af != vi->family)
			cfg_error_at(v->p, &vi->vips[i].pos, "vrrp_instance "
			    "'%s' mixes IPv4 and IPv6 in virtual_ipaddress; "
			    "put the other family in "
			    "virtual_ipaddress_excluded or another instance",
			    vi->name);
	for (size_t i = 0; i < vi->n_unicast_peers; i++)
		if (vi->unicast_peers[i].af != vi->family)
			cfg_error_at(v->p, &vi->pos, "vrrp_instance '%s': "
			    "unicast_peer is not %s like its addresses",
			    vi->name, family_name(vi->family));
	if (vi->unicast_src_ip.af && vi->unicast_src_ip.af != vi->family)
		cfg_error_at(v->p, &vi->pos, "vrrp_instance '%s': "
		    "unicast_src_ip is not %s like its addresses", vi->name,
		    family_name(vi->family));
}

static void
instance_timing(struct validator *v, struct cfg_vrrp_instance *vi)
{
	uint32_t adv = vi->advert_int_ms;

	if (vi->version == 0)
		vi->version = v->cfg->global.vrrp_version;
	if (vi->version == 2 && vi->family == AF_INET6) {
		/* keepalived does the same: v2 has no IPv6 (RFC 3768). */
		cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s' has IPv6 "
		    "addresses: using VRRP version 3", vi->name);
		vi->version = 3;
	}
	if (vi->version == 2 && adv % 1000 != 0) {
		vi->advert_int_ms = (adv + 500) / 1000 * 1000;
		if (vi->advert_int_ms == 0)
			vi->advert_int_ms = 1000;
		cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s': VRRPv2 "
		    "advertises whole seconds; advert_int rounded to %u s",
		    vi->name, vi->advert_int_ms / 1000);
	}
	if (vi->version == 3) {
		if (adv > 40950)
			cfg_error_at(v->p, &vi->pos, "vrrp_instance '%s': "
			    "advert_int %u.%03u s is above VRRPv3's 40.95 s",
			    vi->name, adv / 1000, adv % 1000);
		else if (adv % 10 != 0) {
			vi->advert_int_ms = (adv + 5) / 10 * 10;
			cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s': "
			    "VRRPv3 counts centiseconds; advert_int rounded "
			    "to %u ms", vi->name, vi->advert_int_ms);
		}
		if (vi->auth_type != VRRP_AUTH_NONE)
			cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s': "
			    "VRRPv3 has no authentication; ignored", vi->name);
	}
}

static void
validate_global(struct validator *v)
{
	struct cfg_global *g = &v->cfg->global;

	/* keepalived: lower-priority GARPs default to the master's timing. */
	if (g->vrrp_garp_lower_prio_delay_ms == CFG_UNSET)
		g->vrrp_garp_lower_prio_delay_ms = g->vrrp_garp_master_delay_ms;
	if (g->vrrp_garp_lower_prio_repeat == CFG_UNSET)
		g->vrrp_garp_lower_prio_repeat = g->vrrp_garp_master_repeat;
}

/* vrrp_strict (keepalived's list): what cannot work is an error, what
 * can be dropped is dropped with a warning. */
static void
strict_instance(struct validator *v, struct cfg_vrrp_instance *vi)
{
	const char *n = vi->name;

	if (vi->n_vips == 0)
		cfg_error_at(v->p, &vi->pos, "vrrp_instance '%s': vrrp_strict "
		    "needs virtual addresses", n);
	if (vi->n_unicast_peers > 0)
		cfg_error_at(v->p, &vi->pos, "vrrp_instance '%s': vrrp_strict "
		    "does not allow unicast_peer", n);
	if (vi->family == AF_INET6 && vi->n_vips > 0 &&
	    !IN6_IS_ADDR_LINKLOCAL(&vi->vips[0].prefix.addr.u.v6))
		cfg_error_at(v->p, &vi->pos, "vrrp_instance '%s': vrrp_strict "
		    "needs a link-local first IPv6 address", n);
	if (vi->auth_type != VRRP_AUTH_NONE) {
		cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s': vrrp_strict: "
		    "authentication ignored", n);
		vi->auth_type = VRRP_AUTH_NONE;
	}
	if (vi->preempt_delay_ms != 0) {
		cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s': vrrp_strict: "
		    "preempt_delay ignored", n);
		vi->preempt_delay_ms = 0;
	}
	if (vi->has_state && vi->initial_master != (vi->priority == 255))
		cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s': vrrp_strict: "
		    "state MASTER goes with priority 255 only; state ignored",
		    n);
	if (vi->higher_prio_send_advert) {
		cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s': vrrp_strict: "
		    "higher_prio_send_advert ignored", n);
		vi->higher_prio_send_advert = false;
	}
	if (!(vi->set_mask & VRRP_SET_ACCEPT))
		vi->accept = vi->priority == 255;
	else if (vi->accept && vi->version == 2) {
		cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s': vrrp_strict: "
		    "no accept mode in VRRPv2; ignored", n);
		vi->accept = false;
	}
	/* One gratuitous ARP per address and transition (RFC). */
	if ((vi->set_mask & VRRP_SET_GARP_REPEAT) && vi->garp_master_repeat > 1)
		cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s': vrrp_strict: "
		    "garp_master_repeat is 1", n);
	vi->garp_master_repeat = vi->garp_lower_prio_repeat = 1;
	vi->garp_master_refresh_repeat = 1;
	vi->garp_master_delay_ms = vi->garp_lower_prio_delay_ms = 0;
}

static void
validate_instance(struct validator *v, struct cfg_vrrp_instance *vi)
{
	if (vi->interface == NULL)
		cfg_error_at(v->p, &vi->pos, "vrrp_instance '%s' needs "
		    "'interface'", vi->name);
	if (vi->vrid == 0)
		cfg_error_at(v->p, &vi->pos, "vrrp_instance '%s' needs "
		    "'virtual_router_id'", vi->name);
	instance_family(v, vi);
	instance_timing(v, vi);
	inherit_garp(vi, &v->cfg->global);
	if (!(vi->set_mask & VRRP_SET_ACCEPT))
		vi->accept = !v->cfg->global.vrrp_strict;
	/* Global defaults that instances can only switch on. */
	vi->check_unicast_src |= v->cfg->global.vrrp_check_unicast_src;
	vi->higher_prio_send_advert |=
	    v->cfg->global.vrrp_higher_prio_send_advert;
	vi->lower_prio_no_advert |= v->cfg->global.vrrp_lower_prio_no_advert ||
	    v->cfg->global.vrrp_strict;
	if (v->cfg->global.vrrp_strict)
		strict_instance(v, vi);
	if (vi->priority == 255 && vi->has_state && !vi->initial_master)
		cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s': priority 255 "
		    "means address owner, but state is BACKUP", vi->name);
	if (vi->nopreempt && vi->initial_master)
		cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s': nopreempt "
		    "has no effect with state MASTER; use state BACKUP",
		    vi->name);
	if (vi->auth_type == VRRP_AUTH_AH && vi->version == 2)
		cfg_warn_at(v->p, &vi->pos, "vrrp_instance '%s': auth_type AH "
		    "(IPsec AH) is not supported by lvsd: the instance will "
		    "stay in FAULT; use PASS or no authentication", vi->name);
	if (vi->auth_type == VRRP_AUTH_PASS && vi->auth_pass[0] == '\0')
		cfg_error_at(v->p, &vi->pos, "vrrp_instance '%s': auth_type "
		    "PASS needs auth_pass", vi->name);
	if (vi->lvs_sync_daemon_interface != NULL &&
	    v->cfg->global.lvs_sync_daemon == NULL) {
		/* The old per-instance form means the global one. */
		struct cfg_sync_daemon *sd = arena_alloc(parser_arena(v->p),
		    sizeof(*sd));

		sd->interface = vi->lvs_sync_daemon_interface;
		sd->instance_name = vi->name;
		sd->pos = vi->pos;
		v->cfg->global.lvs_sync_daemon = sd;
	}
	check_interface(v, &vi->pos, vi->interface, "interface");
	for (size_t i = 0; i < vi->n_vips; i++)
		check_interface(v, &vi->vips[i].pos, vi->vips[i].dev,
		    "virtual address device");
	for (size_t i = 0; i < vi->n_track_interfaces; i++)
		check_interface(v, &vi->track_interfaces[i].pos,
		    vi->track_interfaces[i].ifname, "track_interface");
	resolve_track_scripts(v, vi->track_scripts, vi->n_track_scripts);
}

static void
validate_instances(struct validator *v)
{
	struct lvsd_config *cfg = v->cfg;

	for (size_t i = 0; i < cfg->n_vrrp_instances; i++) {
		struct cfg_vrrp_instance *vi = &cfg->vrrp_instances[i];

		validate_instance(v, vi);
		for (size_t j = 0; j < i; j++) {
			const struct cfg_vrrp_instance *o =
			    &cfg->vrrp_instances[j];

			if (strcmp(o->name, vi->name) == 0)
				cfg_error_at(v->p, &vi->pos, "vrrp_instance "
				    "'%s' is defined twice (first at %s:%u)",
				    vi->name, o->pos.file, o->pos.line);
			else if (o->vrid == vi->vrid && vi->vrid != 0 &&
			    o->family == vi->family && o->interface &&
			    vi->interface &&
			    strcmp(o->interface, vi->interface) == 0)
				cfg_error_at(v->p, &vi->pos, "vrrp_instance "
				    "'%s' uses virtual_router_id %u on %s, "
				    "like '%s' (%s:%u)", vi->name, vi->vrid,
				    vi->interface, o->name, o->pos.file,
				    o->pos.line);
		}
	}
}

static void
validate_sync_groups(struct validator *v)
{
	struct lvsd_config *cfg = v->cfg;

	for (size_t i = 0; i < cfg->n_sync_groups; i++) {
		struct cfg_sync_group *sg = &cfg->sync_groups[i];

		for (size_t j = 0; j < i; j++)
			if (strcmp(cfg->sync_groups[j].name, sg->name) == 0)
				cfg_error_at(v->p, &sg->pos, "vrrp_sync_group "
				    "'%s' is defined twice", sg->name);
		if (sg->n_members == 0)
			cfg_error_at(v->p, &sg->pos, "vrrp_sync_group '%s' "
			    "has no 'group' members", sg->name);
		else if (sg->n_members == 1)
			cfg_warn_at(v->p, &sg->pos, "vrrp_sync_group '%s' has "
			    "only one member", sg->name);
		sg->members = arena_alloc(parser_arena(v->p),
		    sg->n_members * sizeof(*sg->members));
		for (size_t m = 0; m < sg->n_members; m++) {
			struct cfg_vrrp_instance *vi = (struct cfg_vrrp_instance *)
			    config_find_instance(cfg, sg->member_names[m]);

			if (vi == NULL) {
				cfg_error_at(v->p, &sg->pos, "vrrp_sync_group "
				    "'%s': '%s' is not a defined "
				    "vrrp_instance", sg->name,
				    sg->member_names[m]);
				continue;
			}
			if (vi->sync_group != NULL && vi->sync_group != sg)
				cfg_error_at(v->p, &sg->pos, "vrrp_instance "
				    "'%s' is in two sync groups: '%s' and "
				    "'%s'", vi->name, vi->sync_group->name,
				    sg->name);
			vi->sync_group = sg;
			sg->members[m] = vi;
		}
		resolve_track_scripts(v, sg->track_scripts,
		    sg->n_track_scripts);
		for (size_t t = 0; t < sg->n_track_interfaces; t++)
			check_interface(v, &sg->track_interfaces[t].pos,
			    sg->track_interfaces[t].ifname, "track_interface");
	}
}

static void
validate_sync_daemon(struct validator *v)
{
	struct cfg_sync_daemon *sd = v->cfg->global.lvs_sync_daemon;

	if (sd == NULL)
		return;
	check_interface(v, &sd->pos, sd->interface, "lvs_sync_daemon "
	    "interface");
	if (sd->instance_name == NULL)
		return;
	sd->instance = config_find_instance(v->cfg, sd->instance_name);
	if (sd->instance == NULL)
		cfg_error_at(v->p, &sd->pos, "lvs_sync_daemon: '%s' is not a "
		    "defined vrrp_instance", sd->instance_name);
	else if (!sd->has_sync_id)
		sd->sync_id = sd->instance->vrid;
	if (sd->group.af == AF_INET &&
	    !IN_MULTICAST(ntohl(sd->group.u.v4.s_addr)))
		cfg_error_at(v->p, &sd->pos, "lvs_sync_daemon group is not a "
		    "multicast address");
}

/* -- LVS ------------------------------------------------------------------------- */

static void
inherit_common(struct cfg_check_common *c, const struct cfg_check_common *up)
{
	unsigned missing = up->set_mask & ~c->set_mask;

	if (missing & CHECK_SET_CONNECT_TIMEOUT)
		c->connect_timeout_ms = up->connect_timeout_ms;
	if (missing & CHECK_SET_RETRY)
		c->retry = up->retry;
	if (missing & CHECK_SET_DELAY_BEFORE_RETRY)
		c->delay_before_retry_ms = up->delay_before_retry_ms;
	if (missing & CHECK_SET_WARMUP)
		c->warmup_ms = up->warmup_ms;
	if (missing & CHECK_SET_DELAY_LOOP)
		c->delay_loop_ms = up->delay_loop_ms;
	if (missing & CHECK_SET_ALPHA)
		c->alpha = up->alpha;
	c->set_mask |= up->set_mask;
}

/* keepalived's defaults for what no level set, which depend on the type. */
static void
checker_defaults(struct cfg_checker *c)
{
	struct cfg_check_common d = {
		.delay_loop_ms = 60000,
		.connect_timeout_ms = 5000,
		.retry = c->type == CHECK_MISC ? 0 : 1,
		.delay_before_retry_ms = c->type == CHECK_HTTP ||
		    c->type == CHECK_SSL ? 3000 : 1000,
		.set_mask = CHECK_SET_DELAY_LOOP | CHECK_SET_CONNECT_TIMEOUT |
		    CHECK_SET_RETRY | CHECK_SET_DELAY_BEFORE_RETRY,
	};

	inherit_common(&c->common, &d);
	/* The first check runs within one delay_loop unless told otherwise. */
	if (!(c->common.set_mask & CHECK_SET_WARMUP))
		c->common.warmup_ms = c->common.delay_loop_ms;
}

static void
validate_checker(struct validator *v, struct cfg_checker *c,
    const struct cfg_real_server *rs)
{
	bool is_http;

	inherit_common(&c->common, &rs->common);
	checker_defaults(c);
	if (c->half_open < 0)
		c->half_open = c->type == CHECK_TCP &&
		    v->cfg->global.tcp_check_half_open;
	is_http = c->type == CHECK_HTTP || c->type == CHECK_SSL;
	if (is_http && c->n_urls == 0)
		cfg_error_at(v->p, &c->pos, "%s needs at least one 'url' "
		    "block", c->type == CHECK_HTTP ? "HTTP_GET" : "SSL_GET");
	for (size_t i = 0; is_http && i < c->n_urls; i++)
		if (c->urls[i].path == NULL)
			cfg_error_at(v->p, &c->urls[i].pos, "url needs a "
			    "'path'");
	if (c->type == CHECK_MISC && c->misc_path == NULL)
		cfg_error_at(v->p, &c->pos, "MISC_CHECK needs 'misc_path'");
	if (c->type == CHECK_FILE && c->track_file == NULL)
		cfg_error_at(v->p, &c->pos, "FILE_CHECK needs 'file'");
	/* keepalived's `track_file NAME` names a track_file block: its file,
	 * and its weight unless the checker gives one. */
	for (size_t i = 0; c->type == CHECK_FILE && c->track_file != NULL &&
	    i < v->cfg->n_track_files; i++) {
		const struct cfg_track_file *tf = &v->cfg->track_files[i];

		if (tf->name == NULL || tf->path == NULL ||
		    strcmp(tf->name, c->track_file) != 0)
			continue;
		c->track_file = tf->path;
		if (c->file_weight == 0) {
			c->file_weight = tf->weight;
			c->file_reverse = tf->reverse;
		}
		break;
	}
	if (c->type == CHECK_UDP && c->max_reply_len != 0 &&
	    c->max_reply_len < c->min_reply_len)
		cfg_error_at(v->p, &c->pos, "UDP_CHECK max_reply_length %u is "
		    "below min_reply_length %u", c->max_reply_len,
		    c->min_reply_len);
	if (c->common.connect_ip.af && c->common.connect_ip.af != rs->addr.af)
		cfg_warn_at(v->p, &c->pos, "connect_ip is %s but the real "
		    "server is %s", family_name(c->common.connect_ip.af),
		    family_name(rs->addr.af));
	check_interface(v, &c->pos, c->common.bind_if, "bind_if");
}

static void
validate_rs(struct validator *v, struct cfg_virtual_server *vs,
    const char *vskey, struct cfg_real_server *rs, const char *what)
{
	enum lvs_fwd fwd;

	config_inherit_method(vs, rs);
	fwd = rs->fwd != LVS_FWD_UNSET ? rs->fwd : vs->fwd;
	if (rs->port == 0)
		rs->port = vs->port;
	if (rs->addr.af != vs->af && fwd != LVS_FWD_TUN)
		cfg_error_at(v->p, &rs->pos, "%s is %s but virtual_server %s "
		    "is %s (mixed families need lb_kind TUN)", what,
		    family_name(rs->addr.af), vskey, family_name(vs->af));
	if ((fwd == LVS_FWD_DR || fwd == LVS_FWD_TUN) && !vs->is_fwmark &&
	    vs->group_name == NULL && rs->port != vs->port)
		cfg_warn_at(v->p, &rs->pos, "%s port %u differs from virtual "
		    "server port %u: with DR and TUN, IPVS cannot change the "
		    "port", what, rs->port, vs->port);
	if (rs->lthreshold > rs->uthreshold)
		cfg_error_at(v->p, &rs->pos, "%s lthreshold %u is above "
		    "uthreshold %u (the kernel refuses it, even when "
		    "uthreshold is 0)", what, rs->lthreshold, rs->uthreshold);
	if (rs->inhibit_on_failure < 0)
		rs->inhibit_on_failure = vs->inhibit_on_failure;
	inherit_common(&rs->common, &vs->common);
	for (size_t i = 0; i < rs->n_checkers; i++)
		validate_checker(v, &rs->checkers[i], rs);
}

/* A group of fwmark entries only: like a fwmark service, no protocol. */
static bool
vs_group_is_fwmarks(const struct cfg_virtual_server *vs)
{
	size_t i;

	if (vs->group == NULL || vs->group->n_entries == 0)
		return false;
	for (i = 0; i < vs->group->n_entries; i++)
		if (!vs->group->entries[i].is_fwmark)
			return false;
	return true;
}

static void
validate_vs(struct validator *v, struct cfg_virtual_server *vs,
    const char *key)
{
	if (!vs->is_fwmark && vs->group_name == NULL && vs->port == 0 &&
	    vs->persistence_timeout == 0)
		cfg_error_at(v->p, &vs->pos, "virtual_server %s: port 0 (every "
		    "port) needs persistence_timeout", key);
	if (!vs->is_fwmark && vs->group_name == NULL && vs->addr.af != vs->af)
		cfg_error_at(v->p, &vs->pos, "virtual_server %s: ip_family "
		    "does not match its address", key);
	/* keepalived leaves the kernel's default, UDP, with a warning;
	 * a migrated file must not change protocol without a word. */
	if (!vs->is_fwmark && !vs->has_protocol && !vs_group_is_fwmarks(vs))
		cfg_warn_at(v->p, &vs->pos, "virtual_server %s: no 'protocol' "
		    "given; lvsd uses TCP where keepalived uses UDP", key);
	if (vs->is_fwmark && vs->has_protocol)
		cfg_warn_at(v->p, &vs->pos, "virtual_server %s: 'protocol' is "
		    "ignored for a fwmark service (IPVS matches the mark "
		    "only)", key);
	if (vs->persistence_granularity && vs->persistence_timeout == 0)
		cfg_warn_at(v->p, &vs->pos, "virtual_server %s: "
		    "persistence_granularity without persistence_timeout has "
		    "no effect", key);
	if (vs->af == AF_INET && vs->persistence_granularity > 32)
		cfg_error_at(v->p, &vs->pos, "virtual_server %s: "
		    "persistence_granularity %u is above 32 for IPv4", key,
		    vs->persistence_granularity);
	if (vs->ops && vs->protocol != IPPROTO_UDP)
		cfg_warn_at(v->p, &vs->pos, "virtual_server %s: 'ops' "
		    "(one-packet scheduling) applies to UDP only", key);
	if (vs->n_rs == 0 && vs->sorry_server == NULL)
		cfg_warn_at(v->p, &vs->pos, "virtual_server %s has no "
		    "real_server", key);
	for (size_t i = 0; i < vs->n_rs; i++) {
		struct cfg_real_server *rs = &vs->rs[i];

		validate_rs(v, vs, key, rs, "real_server");
		for (size_t j = 0; j < i; j++)
			if (addr_equal(&vs->rs[j].addr, &rs->addr) &&
			    vs->rs[j].port == rs->port)
				cfg_error_at(v->p, &rs->pos, "real_server is "
				    "listed twice in virtual_server %s (first "
				    "at line %u)", key, vs->rs[j].pos.line);
	}
	if (vs->sorry_server != NULL)
		validate_rs(v, vs, key, vs->sorry_server, "sorry_server");
	config_validate_vs_ipvs(v->p, vs, key);
}

struct vs_key {
	char key[80];
	const struct cfg_virtual_server *vs;
};

static int
vs_key_cmp(const void *a, const void *b)
{
	const struct vs_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	/* Equal keys stay in file order, so the second one is reported. */
	return c ? c : x->vs < y->vs ? -1 : x->vs > y->vs;
}

static void
validate_virtual_servers(struct validator *v)
{
	struct lvsd_config *cfg = v->cfg;
	struct vs_key *keys;

	config_validate_vs_groups(v->p, cfg);
	/* The keys (fixed once groups are resolved) serve the messages and,
	 * sorted, find duplicates in O(n log n): configs can be large. */
	keys = arena_alloc(parser_arena(v->p),
	    cfg->n_virtual_servers * sizeof(*keys));
	for (size_t i = 0; i < cfg->n_virtual_servers; i++) {
		keys[i].vs = &cfg->virtual_servers[i];
		config_vs_key(keys[i].vs, keys[i].key, sizeof(keys[i].key));
		validate_vs(v, &cfg->virtual_servers[i], keys[i].key);
	}
	qsort(keys, cfg->n_virtual_servers, sizeof(*keys), vs_key_cmp);
	for (size_t i = 1; i < cfg->n_virtual_servers; i++) {
		const struct vs_key *first = &keys[i - 1];

		if (strcmp(first->key, keys[i].key) != 0)
			continue;
		while (first > keys && strcmp(first[-1].key, first->key) == 0)
			first--;
		cfg_error_at(v->p, &keys[i].vs->pos, "virtual_server %s is "
		    "defined twice (first at %s:%u)", keys[i].key,
		    first->vs->pos.file, first->vs->pos.line);
	}
}

void
config_validate(struct parser *p, struct lvsd_config *cfg,
    const struct config_options *opts)
{
	struct validator v = { p, cfg, opts };

	validate_global(&v);
	validate_scripts(&v);
	validate_instances(&v);
	validate_sync_groups(&v);
	config_validate_trackers(p, cfg);
	validate_sync_daemon(&v);
	validate_virtual_servers(&v);
}
