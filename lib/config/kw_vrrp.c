// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Keyword tables for vrrp_script, vrrp_instance and vrrp_sync_group.
 */
#include "config.h"

#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config/parser.h"

#define I(f) FIELD(struct cfg_vrrp_instance, f)
#define SC(f) FIELD(struct cfg_vrrp_script, f)
#define SG(f) FIELD(struct cfg_sync_group, f)
#define MS(s) ((long long)(s) * 1000)
#define SET(bit) offsetof(struct cfg_vrrp_instance, set_mask), (bit)

/* The weight a tracked object adds to or takes from the priority. */
#define TRACK_WEIGHT_MAX 253

/* `NAME {`: the one argument of a named block. */
static bool
block_name(struct parser *p, const struct kw *kw, struct token *args,
    size_t nargs)
{
	return kw_nargs(p, kw, &args[-1], nargs, 1, 1);
}

/* `weight N [reverse]` at args[i...]; false after reporting. */
bool
parse_weight(struct parser *p, struct token *args, size_t nargs, size_t i,
    int32_t *weight, bool *reverse)
{
	struct token *w;
	long v;
	char *end;

	if (strcmp(args[i].text, "weight") != 0 || i + 1 >= nargs) {
		cfg_error(p, &args[i], "expected 'weight N [reverse]', got '%s'",
		    args[i].text);
		return false;
	}
	w = &args[i + 1];
	v = strtol(w->text, &end, 10);
	if (*w->text == '\0' || *end != '\0' || v < -TRACK_WEIGHT_MAX ||
	    v > TRACK_WEIGHT_MAX) {
		cfg_error(p, w, "weight '%s' out of range %d to %d", w->text,
		    -TRACK_WEIGHT_MAX, TRACK_WEIGHT_MAX);
		return false;
	}
	*weight = (int32_t)v;
	if (i + 2 < nargs) {
		if (strcmp(args[i + 2].text, "reverse") != 0 || i + 3 < nargs) {
			cfg_error(p, &args[i + 2], "unexpected '%s' after "
			    "weight", args[i + 2].text);
			return false;
		}
		*reverse = true;
	}
	return true;
}

/* -- vrrp_script ------------------------------------------------------------ */

bool
kw_vrrp_script(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct lvsd_config *cfg = obj;
	struct cfg_vrrp_script *s;

	if (!block_name(p, kw, args, nargs))
		return false;
	s = ARENA_PUSH(parser_arena(p), cfg->vrrp_scripts, cfg->n_vrrp_scripts);
	s->name = parser_strdup(p, &args[0]);
	s->pos = parser_pos(p, &args[0]);
	s->interval_ms = 1000;
	s->rise = s->fall = 1;
	*child = s;
	return true;
}

static bool
kw_script_weight(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_vrrp_script *s = obj;

	(void)child;
	/* The statement itself reads `weight N [reverse]`. */
	return kw_nargs(p, kw, &args[-1], nargs, 1, 2) &&
	    parse_weight(p, &args[-1], nargs + 1, 0, &s->weight,
	    &s->weight_reverse);
}

static const struct kw script_kws[] = {
	{ "script", kw_cmdline, SC(script) },
	{ "interval", kw_timer, SC(interval_ms), 10, MS(86400) },
	{ "timeout", kw_timer, SC(timeout_ms), 10, MS(86400) },
	{ "weight", kw_script_weight, 0, 0 },
	{ "rise", kw_uint, SC(rise), 1, 1000 },
	{ "fall", kw_uint, SC(fall), 1, 1000 },
	{ "user", kw_run_as, SC(user), offsetof(struct cfg_vrrp_script, group) },
	{ "init_fail", kw_flag, SC(init_fail) },
	{ NULL },
};

const struct block_def cfg_vrrp_script_block = {
	.name = "vrrp_script", .kws = script_kws,
};

/* -- vrrp_instance list blocks ----------------------------------------------- */

static const struct {
	const char *name;
	int scope;
} scopes[] = {
	{ "global", RT_SCOPE_UNIVERSE }, { "universe", RT_SCOPE_UNIVERSE },
	{ "site", RT_SCOPE_SITE }, { "link", RT_SCOPE_LINK },
	{ "host", RT_SCOPE_HOST }, { "nowhere", RT_SCOPE_NOWHERE },
};

bool
parse_scope(struct parser *p, const struct token *t, int *scope)
{
	uint32_t v;

	for (size_t i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
		if (strcmp(t->text, scopes[i].name) == 0) {
			*scope = scopes[i].scope;
			return true;
		}
	}
	if (!parse_u32(p, t, "scope", 0, 255, &v))
		return false;
	*scope = (int)v;
	return true;
}

/* ADDR[/LEN] [dev IF] [brd ADDR] [scope S] [label L] */
bool
cfg_vip_entry(struct parser *p, struct cfg_vip **arr, size_t *n,
    struct token *args, size_t nargs)
{
	static const char *const ignored[] = { "no_track", "nodad",
	    "noprefixroute", "home", "autojoin", "use_vmac", NULL };
	struct cfg_vip vip = { .scope = RT_SCOPE_UNIVERSE };

	vip.pos = parser_pos(p, &args[0]);
	if (!parse_prefix(p, &args[0], &vip.prefix))
		return false;
	for (size_t i = 1; i < nargs; i++) {
		const char *opt = args[i].text;
		bool known = false;

		for (const char *const *ig = ignored; *ig; ig++)
			if (strcmp(opt, *ig) == 0)
				known = true;
		if (known) {
			cfg_warn(p, &args[i], "virtual address option '%s' is "
			    "not supported by lvsd yet; ignored", opt);
			continue;
		}
		if (i + 1 >= nargs) {
			cfg_error(p, &args[i], "virtual address option '%s' "
			    "needs a value or is unknown", opt);
			return false;
		}
		if (strcmp(opt, "dev") == 0) {
			vip.dev = parser_strdup(p, &args[++i]);
		} else if (strcmp(opt, "label") == 0) {
			vip.label = parser_strdup(p, &args[++i]);
		} else if (strcmp(opt, "brd") == 0 ||
		    strcmp(opt, "broadcast") == 0) {
			if (!parse_addr(p, &args[++i], &vip.brd))
				return false;
		} else if (strcmp(opt, "scope") == 0) {
			if (!parse_scope(p, &args[++i], &vip.scope))
				return false;
		} else if (strcmp(opt, "preferred_lft") == 0) {
			cfg_warn(p, &args[i], "virtual address option '%s' is "
			    "not supported by lvsd yet; ignored", opt);
			i++;
		} else {
			cfg_error(p, &args[i], "unknown virtual address option "
			    "'%s' (one of: dev, brd, scope, label)", opt);
			return false;
		}
	}
	*ARENA_PUSH(parser_arena(p), *arr, *n) = vip;
	return true;
}

static bool
vips_entry(struct parser *p, void *obj, struct token *args, size_t nargs)
{
	struct cfg_vrrp_instance *vi = obj;

	return cfg_vip_entry(p, &vi->vips, &vi->n_vips, args, nargs);
}

static bool
vips_excluded_entry(struct parser *p, void *obj, struct token *args,
    size_t nargs)
{
	struct cfg_vrrp_instance *vi = obj;

	return cfg_vip_entry(p, &vi->vips_excluded, &vi->n_vips_excluded, args,
	    nargs);
}

static bool
unicast_peer_entry(struct parser *p, void *obj, struct token *args,
    size_t nargs)
{
	struct cfg_vrrp_instance *vi = obj;
	struct lvsd_addr a;

	if (!compat_addr_no_prefix(p, &args[0], "unicast_peer", &a))
		return false;
	if (nargs > 1)
		cfg_warn(p, &args[1], "unicast_peer option '%s' is not "
		    "supported by lvsd yet; ignored", args[1].text);
	*ARENA_PUSH(parser_arena(p), vi->unicast_peers, vi->n_unicast_peers) =
	    a;
	return true;
}

/* Shared by vrrp_instance and vrrp_sync_group. */
static bool
track_if_entry(struct parser *p, struct cfg_track_if **arr, size_t *n,
    struct token *args, size_t nargs)
{
	struct cfg_track_if t = { 0 };

	t.ifname = parser_strdup(p, &args[0]);
	t.pos = parser_pos(p, &args[0]);
	if (nargs > 1 && !parse_weight(p, args, nargs, 1, &t.weight,
	    &t.reverse))
		return false;
	*ARENA_PUSH(parser_arena(p), *arr, *n) = t;
	return true;
}

static bool
track_script_entry(struct parser *p, struct cfg_track_script **arr, size_t *n,
    struct token *args, size_t nargs)
{
	struct cfg_track_script t = { 0 };

	t.name = parser_strdup(p, &args[0]);
	t.pos = parser_pos(p, &args[0]);
	if (nargs > 1) {
		if (!parse_weight(p, args, nargs, 1, &t.weight, &t.reverse))
			return false;
		t.has_weight = true;
	}
	*ARENA_PUSH(parser_arena(p), *arr, *n) = t;
	return true;
}

static bool
vi_track_if_entry(struct parser *p, void *obj, struct token *args, size_t n)
{
	struct cfg_vrrp_instance *vi = obj;

	return track_if_entry(p, &vi->track_interfaces,
	    &vi->n_track_interfaces, args, n);
}

static bool
vi_track_script_entry(struct parser *p, void *obj, struct token *args,
    size_t n)
{
	struct cfg_vrrp_instance *vi = obj;

	return track_script_entry(p, &vi->track_scripts, &vi->n_track_scripts,
	    args, n);
}

static const struct block_def vips_block = {
	.name = "virtual_ipaddress", .entry = vips_entry,
};
static const struct block_def vips_excluded_block = {
	.name = "virtual_ipaddress_excluded", .entry = vips_excluded_entry,
};
static const struct block_def unicast_peer_block = {
	.name = "unicast_peer", .entry = unicast_peer_entry,
};
static const struct block_def vi_track_if_block = {
	.name = "track_interface", .entry = vi_track_if_entry,
};
static const struct block_def vi_track_script_block = {
	.name = "track_script", .entry = vi_track_script_entry,
};

/* -- vrrp_instance ------------------------------------------------------------ */

bool
kw_vrrp_instance(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct lvsd_config *cfg = obj;
	struct cfg_vrrp_instance *vi;

	if (!block_name(p, kw, args, nargs))
		return false;
	vi = ARENA_PUSH(parser_arena(p), cfg->vrrp_instances,
	    cfg->n_vrrp_instances);
	vi->name = parser_strdup(p, &args[0]);
	vi->pos = parser_pos(p, &args[0]);
	vi->priority = 100;
	vi->advert_int_ms = 1000;
	*child = vi;
	return true;
}

static bool
kw_state(struct parser *p, void *obj, const struct kw *kw, struct token *args,
    size_t nargs, void **child)
{
	struct cfg_vrrp_instance *vi = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 1))
		return false;
	if (strcasecmp(args[0].text, "MASTER") == 0) {
		vi->initial_master = true;
	} else if (strcasecmp(args[0].text, "BACKUP") == 0) {
		vi->initial_master = false;
	} else {
		cfg_error(p, &args[0], "state '%s' must be MASTER or BACKUP",
		    args[0].text);
		return false;
	}
	vi->has_state = true;
	return true;
}

static bool
kw_auth_pass(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_vrrp_instance *vi = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 1))
		return false;
	/* The wire field is 8 octets; keepalived truncates with a warning. */
	if (strlen(args[0].text) > 8)
		cfg_warn(p, &args[0], "auth_pass is longer than 8 characters; "
		    "only the first 8 are used");
	snprintf(vi->auth_pass, sizeof(vi->auth_pass), "%s", args[0].text);
	return true;
}

static const char *const auth_types[] = { "", "PASS", "AH", NULL };
static const struct kw_enum auth_type_enum = { auth_types };

static const struct kw auth_kws[] = {
	{ "auth_type", kw_enum, I(auth_type), 0, 0, &auth_type_enum },
	{ "auth_pass", kw_auth_pass, 0, 0 },
	{ NULL },
};

static const struct block_def auth_block = {
	.name = "authentication", .kws = auth_kws,
};

static const char *const instance_unsupported[] = {
	"vmac_xmit_base", "use_ipvlan", "vmac_garp_intvl",
	"no_virtual_ipaddress",
	"old_unicast_checksum", "mcast_dst_ip",
	"track_src_ip", "track_bfd",
	"track_group", "notify_deleted", "notify_master_rx_lower_pri",
	"smtp_alert", "garp_extra_if", "down_timer_adverts",
	"timer_expired_backup", "owner_ignore_adverts", "kernel_rx_buf_size",
	"skip_check_adv_addr", "strict_mode", "debug", "native_ipv6",
	"vrf", "linkbeat_use_polling", "auth_hmac", "notify_priority_changes",
	NULL,
};

static const struct kw instance_kws[] = {
	{ "state", kw_state, 0, 0 },
	{ "interface", kw_string, I(interface) },
	{ "virtual_router_id", kw_uint, I(vrid), 1, 255 },
	{ "priority", kw_uint, I(priority), 1, 255, NULL, 0, NULL,
	    SET(VRRP_SET_PRIORITY) },
	{ "advert_int", kw_timer, I(advert_int_ms), 10, MS(255), NULL, 0,
	    NULL, SET(VRRP_SET_ADVERT_INT) },
	{ "version", kw_uint, I(version), 2, 3 },
	{ "authentication", kw_same_object, 0, 0, 0, 0, &auth_block,
	    KW_BLOCK },
	{ "virtual_ipaddress", kw_same_object, 0, 0, 0, 0, &vips_block,
	    KW_BLOCK | KW_MULTI },
	{ "virtual_ipaddress_excluded", kw_same_object, 0, 0, 0, 0,
	    &vips_excluded_block, KW_BLOCK | KW_MULTI },
	{ "virtual_routes", kw_same_object, 0, 0, 0, 0, &cfg_vroutes_block,
	    KW_BLOCK | KW_MULTI },
	{ "virtual_rules", kw_same_object, 0, 0, 0, 0, &cfg_vrules_block,
	    KW_BLOCK | KW_MULTI },
	{ "mcast_src_ip", kw_addr, I(mcast_src_ip) },
	{ "unicast_src_ip", kw_addr_no_prefix, I(unicast_src_ip) },
	{ "unicast_peer", kw_same_object, 0, 0, 0, 0, &unicast_peer_block,
	    KW_BLOCK | KW_MULTI },
	{ "nopreempt", kw_flag, I(nopreempt) },
	{ "unicast_ttl", kw_uint, I(unicast_ttl), 1, 255 },
	{ "check_unicast_src", kw_flag, I(check_unicast_src) },
	{ "unicast_fault_no_peer", kw_flag, I(unicast_fault_no_peer) },
	{ "promote_secondaries", kw_flag, I(promote_secondaries) },
	{ "higher_prio_send_advert", kw_flag, I(higher_prio_send_advert) },
	{ "lower_prio_no_advert", kw_flag, I(lower_prio_no_advert) },
	{ "preempt", kw_flag_off, I(nopreempt) },
	{ "preempt_delay", kw_timer, I(preempt_delay_ms), 0, MS(1000) },
	{ "accept", kw_flag, I(accept), 0, 0, NULL, 0, NULL,
	    SET(VRRP_SET_ACCEPT) },
	{ "no_accept", kw_flag_off, I(accept), 0, 0, NULL, 0, NULL,
	    SET(VRRP_SET_ACCEPT) },
	{ "dont_track_primary", kw_flag, I(dont_track_primary) },
	{ "track_interface", kw_same_object, 0, 0, 0, 0, &vi_track_if_block,
	    KW_BLOCK | KW_MULTI },
	{ "track_script", kw_same_object, 0, 0, 0, 0, &vi_track_script_block,
	    KW_BLOCK | KW_MULTI },
	{ "track_file", kw_same_object, 0, 0, 0, 0, &cfg_vi_track_file_block,
	    KW_BLOCK | KW_MULTI },
	{ "use_vmac", kw_use_vmac, 0, 0 },
	{ "track_process", kw_same_object, 0, 0, 0, 0,
	    &cfg_vi_track_process_block, KW_BLOCK | KW_MULTI },
	{ "notify_master", kw_cmdline, I(notify.master) },
	{ "notify_backup", kw_cmdline, I(notify.backup) },
	{ "notify_fault", kw_cmdline, I(notify.fault) },
	{ "notify_stop", kw_cmdline, I(notify.stop) },
	{ "notify", kw_cmdline, I(notify.any) },
	{ "garp_master_delay", kw_timer, I(garp_master_delay_ms), 0,
	    MS(3600), NULL, 0, NULL, SET(VRRP_SET_GARP_DELAY) },
	{ "garp_master_repeat", kw_uint, I(garp_master_repeat), 0, 1000,
	    NULL, 0, NULL, SET(VRRP_SET_GARP_REPEAT) },
	{ "garp_master_refresh", kw_timer, I(garp_master_refresh_ms), 0,
	    MS(86400), NULL, 0, NULL, SET(VRRP_SET_GARP_REFRESH) },
	{ "garp_master_refresh_repeat", kw_uint,
	    I(garp_master_refresh_repeat), 0, 1000, NULL, 0, NULL,
	    SET(VRRP_SET_GARP_REFRESH_REPEAT) },
	{ "garp_lower_prio_delay", kw_timer, I(garp_lower_prio_delay_ms), 0,
	    MS(3600), NULL, 0, NULL, SET(VRRP_SET_GARP_LOWER_DELAY) },
	{ "garp_lower_prio_repeat", kw_uint, I(garp_lower_prio_repeat), 0,
	    1000, NULL, 0, NULL, SET(VRRP_SET_GARP_LOWER_REPEAT) },
	{ "lvs_sync_daemon_interface", kw_string,
	    I(lvs_sync_daemon_interface), 0, 0, NULL, KW_DEPRECATED,
	    "lvs_sync_daemon IFACE INSTANCE in global_defs" },
	{ NULL },
};

const struct block_def cfg_vrrp_instance_block = {
	.name = "vrrp_instance", .kws = instance_kws,
	.unsupported = instance_unsupported,
};

/* -- vrrp_sync_group ------------------------------------------------------------ */

bool
kw_vrrp_sync_group(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct lvsd_config *cfg = obj;
	struct cfg_sync_group *sg;

	if (!block_name(p, kw, args, nargs))
		return false;
	sg = ARENA_PUSH(parser_arena(p), cfg->sync_groups, cfg->n_sync_groups);
	sg->name = parser_strdup(p, &args[0]);
	sg->pos = parser_pos(p, &args[0]);
	*child = sg;
	return true;
}

static bool
group_entry(struct parser *p, void *obj, struct token *args, size_t nargs)
{
	struct cfg_sync_group *sg = obj;

	for (size_t i = 0; i < nargs; i++)
		*ARENA_PUSH(parser_arena(p), sg->member_names, sg->n_members) =
		    parser_strdup(p, &args[i]);
	return true;
}

static bool
sg_track_if_entry(struct parser *p, void *obj, struct token *args, size_t n)
{
	struct cfg_sync_group *sg = obj;

	return track_if_entry(p, &sg->track_interfaces,
	    &sg->n_track_interfaces, args, n);
}

static bool
sg_track_script_entry(struct parser *p, void *obj, struct token *args,
    size_t n)
{
	struct cfg_sync_group *sg = obj;

	return track_script_entry(p, &sg->track_scripts, &sg->n_track_scripts,
	    args, n);
}

static const struct block_def group_block = {
	.name = "group", .entry = group_entry,
};
static const struct block_def sg_track_if_block = {
	.name = "track_interface", .entry = sg_track_if_entry,
};
static const struct block_def sg_track_script_block = {
	.name = "track_script", .entry = sg_track_script_entry,
};

static const char *const sync_group_unsupported[] = {
	"smtp_alert", "sync_group_tracking_weight", "notify_priority_changes",
	"track_bfd", NULL,
};

static const struct kw sync_group_kws[] = {
	{ "group", kw_same_object, 0, 0, 0, 0, &group_block,
	    KW_BLOCK | KW_MULTI },
	{ "notify_master", kw_cmdline, SG(notify.master) },
	{ "notify_backup", kw_cmdline, SG(notify.backup) },
	{ "notify_fault", kw_cmdline, SG(notify.fault) },
	{ "notify_stop", kw_cmdline, SG(notify.stop) },
	{ "notify", kw_cmdline, SG(notify.any) },
	{ "track_interface", kw_same_object, 0, 0, 0, 0, &sg_track_if_block,
	    KW_BLOCK | KW_MULTI },
	{ "track_script", kw_same_object, 0, 0, 0, 0, &sg_track_script_block,
	    KW_BLOCK | KW_MULTI },
	{ "track_file", kw_same_object, 0, 0, 0, 0, &cfg_sg_track_file_block,
	    KW_BLOCK | KW_MULTI },
	{ "track_process", kw_same_object, 0, 0, 0, 0,
	    &cfg_sg_track_process_block, KW_BLOCK | KW_MULTI },
	{ "global_tracking", kw_flag, SG(global_tracking) },
	{ NULL },
};

const struct block_def cfg_sync_group_block = {
	.name = "vrrp_sync_group", .kws = sync_group_kws,
	.unsupported = sync_group_unsupported,
};
