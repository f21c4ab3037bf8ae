// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Keyword tables for the top level, global_defs and SSL, and the defaults
 * that hold when a keyword is absent (keepalived's, so configs mean the same).
 */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "config/parser.h"

#define G(f) FIELD(struct cfg_global, f)
#define MS(s) ((long long)(s) * 1000)

void
config_set_defaults(struct lvsd_config *cfg)
{
	struct cfg_global *g = &cfg->global;

	addr_from_string("224.0.0.18", &g->vrrp_mcast_group4);
	addr_from_string("ff02::12", &g->vrrp_mcast_group6);
	g->vrrp_version = 2;
	g->vrrp_garp_master_delay_ms = 5000;
	g->vrrp_garp_master_repeat = 5;
	/* Unset: they follow the master delay and repeat (validate.c). */
	g->vrrp_garp_lower_prio_delay_ms = CFG_UNSET;
	g->vrrp_garp_lower_prio_repeat = CFG_UNSET;
	g->smtp_port = 25;
	g->smtp_connect_timeout_ms = 30000;
	g->ipvs_reconcile_interval_ms = 5000;
	/* keepalived's full connect unless the configuration says so. */
	g->tcp_check_half_open = false;
}

/* -- global_defs custom keywords ---------------------------------------- */

static bool
kw_notification_email(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	if (!kw_nargs(p, kw, &args[-1], nargs, 0, 0))
		return false;
	*child = obj;
	return true;
}

static bool
email_entry(struct parser *p, void *obj, struct token *args, size_t nargs)
{
	struct cfg_global *g = obj;

	for (size_t i = 0; i < nargs; i++)
		*ARENA_PUSH(parser_arena(p), g->notification_email,
		    g->n_notification_email) = parser_strdup(p, &args[i]);
	return true;
}

static const struct block_def email_block = {
	.name = "notification_email", .entry = email_entry,
};

/* smtp_server ADDR [PORT] */
static bool
kw_smtp_server(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_global *g = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 2) ||
	    (nargs == 2 && !parse_port(p, &args[1], &g->smtp_port)))
		return false;
	/* keepalived takes a host name here (compat.c resolves it). */
	if (!addr_from_string(args[0].text, &g->smtp_server))
		g->smtp_server_name = parser_strdup(p, &args[0]);
	return compat_resolve(p, &args[0], &g->smtp_server);
}

/* script_user USER [GROUP] */
static bool
kw_script_user(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_global *g = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 2))
		return false;
	g->script_user = parser_strdup(p, &args[0]);
	g->script_group = nargs > 1 ? parser_strdup(p, &args[1]) : NULL;
	return true;
}

/* notify_fifo FILE [USER [GROUP]]: lvsd creates FIFOs as root for now. */
static bool
kw_fifo(struct parser *p, void *obj, const struct kw *kw, struct token *args,
    size_t nargs, void **child)
{
	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 3))
		return false;
	if (nargs > 1)
		cfg_warn(p, &args[1], "'%s' owner '%s' is not supported by "
		    "lvsd yet; ignored", kw->name, args[1].text);
	*(char **)((char *)obj + kw->off) = parser_strdup(p, &args[0]);
	return true;
}

/* lvs_flush_on_stop [VS | on | off] */
static bool
kw_flush_on_stop(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	if (nargs == 1 && strcmp(args[0].text, "VS") == 0) {
		cfg_warn(p, &args[0], "'lvs_flush_on_stop VS' (delete virtual "
		    "servers only) is not supported by lvsd yet; flushing all");
		*(bool *)((char *)obj + kw->off) = true;
		return true;
	}
	return kw_flag(p, obj, kw, args, nargs, child);
}

/* lvs_timeouts [tcp S] [tcpfin S] [udp S] */
static bool
kw_lvs_timeouts(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_global *g = obj;

	(void)child;
	if (nargs == 0 || nargs % 2 != 0) {
		cfg_error(p, &args[-1], "'%s' takes pairs: [tcp S] [tcpfin S] "
		    "[udp S]", kw->name);
		return false;
	}
	for (size_t i = 0; i < nargs; i += 2) {
		uint32_t *dst = strcmp(args[i].text, "tcp") == 0 ?
		    &g->lvs_timeout_tcp : strcmp(args[i].text, "tcpfin") == 0 ?
		    &g->lvs_timeout_tcpfin : strcmp(args[i].text, "udp") == 0 ?
		    &g->lvs_timeout_udp : NULL;

		if (dst == NULL) {
			cfg_error(p, &args[i], "unknown lvs_timeouts protocol "
			    "'%s' (one of: tcp, tcpfin, udp)", args[i].text);
			return false;
		}
		if (!parse_u32(p, &args[i + 1], args[i].text, 1, 2147483,
		    dst))
			return false;
	}
	return true;
}

/* ipvs_foreign_services remove|keep: may lvsd delete what it did not make? */
static bool
kw_foreign_services(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_global *g = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 1))
		return false;
	if (strcmp(args[0].text, "remove") == 0)
		g->ipvs_keep_foreign = false;
	else if (strcmp(args[0].text, "keep") == 0)
		g->ipvs_keep_foreign = true;
	else {
		cfg_error(p, &args[0], "ipvs_foreign_services '%s' must be "
		    "remove or keep", args[0].text);
		return false;
	}
	return true;
}

/*
 * lvs_sync_daemon IF [INSTANCE] [id N] [maxlen N] [port N] [ttl N]
 *     [group ADDR]
 */
static bool
kw_lvs_sync_daemon(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_global *g = obj;
	struct cfg_sync_daemon *sd;
	uint32_t v;
	size_t i = 1;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 13))
		return false;
	sd = arena_alloc(parser_arena(p), sizeof(*sd));
	sd->interface = parser_strdup(p, &args[0]);
	sd->pos = parser_pos(p, &args[-1]);
	if (i < nargs && strcmp(args[i].text, "inst") == 0)
		i++;
	if (i < nargs && strcmp(args[i].text, "id") != 0 &&
	    strcmp(args[i].text, "maxlen") != 0 &&
	    strcmp(args[i].text, "port") != 0 &&
	    strcmp(args[i].text, "ttl") != 0 &&
	    strcmp(args[i].text, "group") != 0)
		sd->instance_name = parser_strdup(p, &args[i++]);
	/* keepalived's old form: `lvs_sync_daemon IF INSTANCE SYNCID`. */
	if (i < nargs && isdigit((unsigned char)args[i].text[0])) {
		cfg_warn(p, &args[i], "a bare sync id is deprecated; use 'id "
		    "%s'", args[i].text);
		if (!parse_u32(p, &args[i], "sync id", 0, 255, &sd->sync_id))
			return false;
		sd->has_sync_id = true;
		i++;
	}
	for (; i < nargs; i += 2) {
		const char *opt = args[i].text;

		if (i + 1 >= nargs) {
			cfg_error(p, &args[i], "'%s' needs a value", opt);
			return false;
		}
		if (strcmp(opt, "id") == 0) {
			if (!parse_u32(p, &args[i + 1], "sync id", 0, 255,
			    &sd->sync_id))
				return false;
			sd->has_sync_id = true;
		} else if (strcmp(opt, "maxlen") == 0) {
			if (!parse_u32(p, &args[i + 1], "maxlen", 1, 65507, &v))
				return false;
			sd->maxlen = (uint16_t)v;
		} else if (strcmp(opt, "port") == 0) {
			if (!parse_port(p, &args[i + 1], &sd->port))
				return false;
		} else if (strcmp(opt, "ttl") == 0) {
			if (!parse_u32(p, &args[i + 1], "ttl", 1, 255, &v))
				return false;
			sd->ttl = (uint8_t)v;
		} else if (strcmp(opt, "group") == 0) {
			if (!parse_addr(p, &args[i + 1], &sd->group))
				return false;
		} else {
			cfg_error(p, &args[i], "unknown lvs_sync_daemon option "
			    "'%s' (one of: id, maxlen, port, ttl, group)", opt);
			return false;
		}
	}
	g->lvs_sync_daemon = sd;
	return true;
}

static const char *const global_unsupported[] = {
	"smtp_helo_name", "smtp_alert", "smtp_alert_vrrp",
	"smtp_alert_checker", "no_email_faults", "checker_log_all_failures",
	"process_names", "process_name", "vrrp_process_name",
	"checker_process_name", "bfd_process_name", "startup_script",
	"startup_script_timeout", "shutdown_script", "shutdown_script_timeout",
	"set_supplementary_groups", "umask", "use_symlink_paths",
	"vrrp_priority", "checker_priority", "bfd_priority", "vrrp_no_swap",
	"checker_no_swap", "bfd_no_swap", "vrrp_rt_priority",
	"checker_rt_priority", "bfd_rt_priority", "vrrp_cpu_affinity",
	"checker_cpu_affinity", "bfd_cpu_affinity", "vrrp_rlimit_rttime",
	"checker_rlimit_rttime", "bfd_rlimit_rttime", "max_auto_priority",
	"min_auto_priority_delay", "nftables_ipvs", "nftables_ipvs_priority",
	"nftables_ipvs_start_fwmark", "rs_init_notifies", "no_checker_emails",
	"lvs_netlink_cmd_rcv_bufs", "lvs_netlink_cmd_rcv_bufs_force",
	"lvs_netlink_monitor_rcv_bufs", "lvs_netlink_monitor_rcv_bufs_force",
	"vrrp_garp_extra_if", "vrrp_vmac_garp_intvl", "vrrp_min_garp",
	"vrrp_down_timer_adverts",
	"vrrp_delay_after_boot", "vrrp_owner_ignore_adverts",
	"log_unknown_vrids", "vmac_prefix", "vmac_addr_prefix",
	"vrrp_rx_bufs_policy", "vrrp_rx_bufs_multiplier",
	"vrrp_netlink_cmd_rcv_bufs", "vrrp_netlink_cmd_rcv_bufs_force",
	"vrrp_netlink_monitor_rcv_bufs", "vrrp_netlink_monitor_rcv_bufs_force",
	"disable_local_igmp", "default_interface",
	"dynamic_interfaces", "vrrp_iptables", "vrrp_ipsets", "nftables",
	"nftables_priority", "nftables_counters", "nftables_ifindex",
	"vrrp_notify_priority_changes", "fifo_write_vrrp_states_on_reload",
	"snmp_socket", "enable_traps", "enable_snmp_vrrp",
	"enable_snmp_keepalived", "enable_snmp_rfc", "enable_snmp_rfcv2",
	"enable_snmp_rfcv3", "enable_snmp_checker",
	"snmp_vs_stats_update_interval", "snmp_rs_stats_update_interval",
	"enable_dbus", "dbus_service_name", "dbus_no_interface_name",
	"reload_check_config", "reload_time_file", "reload_repeat",
	"reload_file", "include_check", "config_save_dir",
	"tmp_config_directory", "data_use_instance", "state_dump_file",
	"stats_dump_file", "json_dump_file", "json_version", "random_seed",
	"iproute_usr_dir", "iproute_etc_dir", "process_monitor_rcv_bufs",
	"linkbeat_use_polling", "vrrp_garp_lower_prio_no_advert",
	"vrrp_garp_refresh", "vrrp_track_process",
	NULL,
};

static const struct kw global_kws[] = {
	{ "router_id", kw_string, G(router_id) },
	{ "lvsctl_socket", kw_string, G(lvsctl_socket) },
	{ "lvsctl_socket_group", kw_string, G(lvsctl_socket_group) },
	{ "metrics_address", kw_addr, G(metrics_address) },
	{ "metrics_port", kw_uint, G(metrics_port), 1, 65535 },
	{ "notification_email", kw_notification_email, 0, 0, 0, 0,
	    &email_block, KW_BLOCK },
	{ "notification_email_from", kw_string, G(notification_email_from) },
	{ "smtp_server", kw_smtp_server, 0, 0 },
	{ "smtp_connect_timeout", kw_timer, G(smtp_connect_timeout_ms), 1,
	    MS(3600) },
	{ "script_user", kw_script_user, 0, 0 },
	{ "enable_script_security", kw_flag, G(enable_script_security) },
	{ "tcp_check_half_open", kw_flag, G(tcp_check_half_open) },
	{ "notify_fifo", kw_fifo, G(notify_fifo) },
	{ "notify_fifo_script", kw_cmdline, G(notify_fifo_script) },
	{ "vrrp_notify_fifo", kw_fifo, G(vrrp_notify_fifo) },
	{ "vrrp_notify_fifo_script", kw_cmdline, G(vrrp_notify_fifo_script) },
	{ "lvs_notify_fifo", kw_fifo, G(lvs_notify_fifo) },
	{ "lvs_notify_fifo_script", kw_cmdline, G(lvs_notify_fifo_script) },
	{ "lvs_sync_daemon", kw_lvs_sync_daemon, 0, 0 },
	{ "lvs_flush", kw_flag, G(lvs_flush) },
	{ "lvs_flush_on_stop", kw_flush_on_stop, G(lvs_flush_on_stop) },
	{ "lvs_timeouts", kw_lvs_timeouts, 0, 0 },
	{ "ipvs_reconcile_interval", kw_timer, G(ipvs_reconcile_interval_ms),
	    0, MS(86400) },
	{ "ipvs_foreign_services", kw_foreign_services, 0, 0 },
	{ "ipvs_drain_timeout", kw_timer, G(ipvs_drain_timeout_ms), 0,
	    MS(86400) },
	{ "vrrp_mcast_group4", kw_addr, G(vrrp_mcast_group4), AF_INET },
	{ "vrrp_mcast_group6", kw_addr, G(vrrp_mcast_group6), AF_INET6 },
	{ "vrrp_version", kw_uint, G(vrrp_version), 2, 3 },
	{ "vrrp_garp_master_delay", kw_timer, G(vrrp_garp_master_delay_ms),
	    0, MS(3600) },
	{ "vrrp_garp_master_repeat", kw_uint, G(vrrp_garp_master_repeat), 0,
	    1000 },
	{ "vrrp_garp_master_refresh", kw_timer,
	    G(vrrp_garp_master_refresh_ms), 0, MS(86400) },
	{ "vrrp_garp_master_refresh_repeat", kw_uint,
	    G(vrrp_garp_master_refresh_repeat), 0, 1000 },
	{ "vrrp_garp_lower_prio_delay", kw_timer,
	    G(vrrp_garp_lower_prio_delay_ms), 0, MS(3600) },
	{ "vrrp_garp_lower_prio_repeat", kw_uint,
	    G(vrrp_garp_lower_prio_repeat), 0, 1000 },
	{ "vrrp_garp_interval", kw_timer, G(vrrp_garp_interval_ms), 0,
	    MS(1) },
	{ "vrrp_gna_interval", kw_timer, G(vrrp_gna_interval_ms), 0, MS(1) },
	{ "vrrp_startup_delay", kw_timer, G(vrrp_startup_delay_ms), 0,
	    MS(3600) },
	{ "vrrp_strict", kw_flag, G(vrrp_strict) },
	{ "v3_checksum_as_v2", kw_flag, G(v3_checksum_as_v2) },
	{ "vrrp_lower_prio_no_advert", kw_flag, G(vrrp_lower_prio_no_advert) },
	{ "vrrp_skip_check_adv_addr", kw_flag, G(vrrp_skip_check_adv_addr) },
	{ "vrrp_check_unicast_src", kw_flag, G(vrrp_check_unicast_src) },
	{ "vrrp_higher_prio_send_advert", kw_flag,
	    G(vrrp_higher_prio_send_advert) },
	{ "lenient_config", compat_kw_lenient, 0, 0 },
	{ NULL },
};

const struct block_def cfg_global_block = {
	.name = "global_defs", .kws = global_kws,
	.unsupported = global_unsupported,
};

/* -- SSL ------------------------------------------------------------------ */

#define S(f) FIELD(struct cfg_ssl, f)
static const struct kw ssl_kws[] = {
	{ "password", kw_string, S(password) },
	{ "ca", kw_string, S(ca) },
	{ "certificate", kw_string, S(certificate) },
	{ "key", kw_string, S(key) },
	{ NULL },
};

const struct block_def cfg_ssl_block = { .name = "SSL", .kws = ssl_kws };

/* -- top level -------------------------------------------------------------- */

static bool
kw_global_defs(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct lvsd_config *cfg = obj;

	if (!kw_nargs(p, kw, &args[-1], nargs, 0, 0))
		return false;
	*child = &cfg->global;
	return true;
}

static bool
kw_ssl(struct parser *p, void *obj, const struct kw *kw, struct token *args,
    size_t nargs, void **child)
{
	struct lvsd_config *cfg = obj;

	if (!kw_nargs(p, kw, &args[-1], nargs, 0, 0))
		return false;
	cfg->ssl.configured = true;
	*child = &cfg->ssl;
	return true;
}

static const char *const top_unsupported[] = {
	"linkbeat_interfaces", "track_group", "garp_group",
	"bfd_instance",
	"net_namespace", "net_namespace_ipvs", "namespace_with_ipsets",
	"instance", "use_pid_dir", "child_wait_time",
	"interface_up_down_delays", NULL,
};

static const struct kw top_kws[] = {
	{ "global_defs", kw_global_defs, 0, 0, 0, 0, &cfg_global_block,
	    KW_BLOCK | KW_MULTI },
	{ "vrrp_script", kw_vrrp_script, 0, 0, 0, 0, &cfg_vrrp_script_block,
	    KW_BLOCK | KW_MULTI },
	{ "vrrp_instance", kw_vrrp_instance, 0, 0, 0, 0,
	    &cfg_vrrp_instance_block, KW_BLOCK | KW_MULTI },
	{ "vrrp_sync_group", kw_vrrp_sync_group, 0, 0, 0, 0,
	    &cfg_sync_group_block, KW_BLOCK | KW_MULTI },
	{ "track_file", kw_track_file, 0, 0, 0, 0, &cfg_track_file_block,
	    KW_BLOCK | KW_MULTI },
	{ "vrrp_track_file", kw_track_file, 0, 0, 0, 0, &cfg_track_file_block,
	    KW_BLOCK | KW_MULTI },
	{ "vrrp_track_process", kw_track_process, 0, 0, 0, 0,
	    &cfg_track_process_block, KW_BLOCK | KW_MULTI },
	{ "virtual_server", kw_virtual_server, 0, 0, 0, 0,
	    &cfg_virtual_server_block, KW_BLOCK | KW_MULTI },
	{ "static_ipaddress", kw_same_object, 0, 0, 0, 0, &cfg_static_ips_block,
	    KW_BLOCK | KW_MULTI },
	{ "static_routes", kw_same_object, 0, 0, 0, 0,
	    &cfg_static_routes_block, KW_BLOCK | KW_MULTI },
	{ "static_rules", kw_same_object, 0, 0, 0, 0, &cfg_static_rules_block,
	    KW_BLOCK | KW_MULTI },
	{ "SSL", kw_ssl, 0, 0, 0, 0, &cfg_ssl_block, KW_BLOCK },
	{ "virtual_server_group", kw_vs_group, 0, 0, 0, 0,
	    &cfg_vs_group_block, KW_BLOCK | KW_MULTI },
	{ NULL },
};

const struct block_def cfg_top_block = {
	.name = "the top level", .kws = top_kws, .unsupported = top_unsupported,
};
