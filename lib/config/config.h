/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The typed configuration model and its public API.
 *
 * config_load() reads a keepalived-style configuration into a struct
 * lvsd_config.  Everything in the model is validated: addresses are parsed,
 * ranges checked, names resolved to pointers.  Nothing at run time looks a
 * keyword up by string.
 *
 * All memory of one loaded configuration lives in one arena owned by the
 * struct lvsd_config; config_free() releases it at once, which keeps error
 * paths in the parser simple and makes a reload an atomic swap of pointers.
 *
 * Files are read through a struct cfg_source so that the parent can record
 * every file (and every include glob) it read into a bundle, send that bundle
 * to the engines, and have them parse exactly the text the parent validated,
 * never the disk again (a config generator may rewrite it meanwhile).
 */
#ifndef LVSD_CONFIG_H
#define LVSD_CONFIG_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config/diag.h"
#include "config/source.h"
#include "net/addr.h"

struct arena;
struct cfg_vs_group;

/* Where an object was declared, for messages at run time too. */
struct cfg_pos {
	const char *file; /* interned in the config arena */
	unsigned line, col;
};

/* -- global_defs ---------------------------------------------------------- */

/* `lvs_sync_daemon IF [INSTANCE] [id N] [maxlen N] [port N] [ttl N] [group A]` */
struct cfg_sync_daemon {
	char *interface;
	char *instance_name;             /* NULL: not tied to a VRRP instance */
	const struct cfg_vrrp_instance *instance; /* resolved */
	uint32_t sync_id;
	bool has_sync_id;
	uint16_t maxlen;                 /* 0: kernel default */
	uint16_t port;                   /* 0: kernel default (8848) */
	uint8_t ttl;                     /* 0: kernel default */
	struct lvsd_addr group;          /* af 0: kernel default */
	struct cfg_pos pos;
};

struct cfg_global {
	char *router_id;
	char **notification_email;
	size_t n_notification_email;
	char *notification_email_from;
	struct lvsd_addr smtp_server;
	char *smtp_server_name;          /* the host name, if one was given */
	uint16_t smtp_port;
	uint32_t smtp_connect_timeout_ms;
	char *script_user;
	char *script_group;
	bool enable_script_security;
	bool tcp_check_half_open;        /* TCP_CHECK's default half_open */
	char *notify_fifo;
	char *notify_fifo_script;
	char *vrrp_notify_fifo;
	char *vrrp_notify_fifo_script;
	char *lvs_notify_fifo;
	char *lvs_notify_fifo_script;
	struct cfg_sync_daemon *lvs_sync_daemon; /* NULL when not configured */
	bool lvs_flush;
	bool lvs_flush_on_stop;
	uint32_t lvs_timeout_tcp, lvs_timeout_tcpfin, lvs_timeout_udp; /* s */
	/* The IPVS reconciler (lvsd's own keywords). */
	uint32_t ipvs_reconcile_interval_ms;     /* 0: no periodic repair */
	bool ipvs_keep_foreign;                  /* leave unknown services */
	uint32_t ipvs_drain_timeout_ms;          /* 0: delete removed RS now */
	/* lvsctl (lvsd's own keywords; -S wins over lvsctl_socket) */
	char *lvsctl_socket;
	char *lvsctl_socket_group;
	/* Prometheus /metrics: off while the port is 0 */
	struct lvsd_addr metrics_address;        /* af 0: 127.0.0.1 */
	uint16_t metrics_port;

	/* defaults for every vrrp_instance */
	struct lvsd_addr vrrp_mcast_group4;
	struct lvsd_addr vrrp_mcast_group6;
	uint8_t vrrp_version;                    /* 2 or 3 */
	uint32_t vrrp_garp_master_delay_ms;
	uint32_t vrrp_garp_master_repeat;
	uint32_t vrrp_garp_master_refresh_ms;    /* 0: no refresh */
	uint32_t vrrp_garp_master_refresh_repeat;
	uint32_t vrrp_garp_lower_prio_delay_ms;
	uint32_t vrrp_garp_lower_prio_repeat;
	uint32_t vrrp_garp_interval_ms;
	uint32_t vrrp_gna_interval_ms;
	uint32_t vrrp_startup_delay_ms;
	bool vrrp_strict;
	bool vrrp_skip_check_adv_addr;
	bool vrrp_check_unicast_src;
	bool vrrp_higher_prio_send_advert;
	bool vrrp_lower_prio_no_advert;
	bool v3_checksum_as_v2;          /* v3/IPv4: RFC 9568 checksum */
};

/* -- VRRP --------------------------------------------------------------- */

struct cfg_vrrp_script {
	char *name;
	char *script;                /* command line, split at run time */
	uint32_t interval_ms;
	uint32_t timeout_ms;
	int32_t weight;              /* -253..253 */
	bool weight_reverse;
	uint32_t rise, fall;
	char *user, *group;
	bool init_fail;
	struct cfg_pos pos;
};

struct cfg_vip {
	struct lvsd_prefix prefix;
	struct lvsd_addr brd;        /* af 0: none */
	char *dev;                   /* NULL: the instance's interface */
	char *label;
	int scope;                   /* RT_SCOPE_*; RT_SCOPE_UNIVERSE default */
	struct cfg_pos pos;
};

/* virtual_routes / static_routes: DEST/LEN [src A] [via GW] [dev IF] ... */
struct cfg_route {
	struct lvsd_prefix dst;
	struct lvsd_addr via;        /* af 0: none */
	struct lvsd_addr src;        /* af 0: none */
	char *dev;                   /* NULL: none (VRRP: the interface) */
	uint32_t metric;
	uint32_t table;              /* 0: main */
	int scope;                   /* -1: the kernel's default */
	int protocol;                /* 0: boot */
	int type;                    /* RTN_UNICAST, BLACKHOLE, ... */
	struct cfg_pos pos;
};

/* virtual_rules / static_rules: from A/P [to B/P] [table N] ... */
struct cfg_rule {
	int family;
	struct lvsd_prefix from;     /* af 0: any */
	struct lvsd_prefix to;       /* af 0: any */
	char *iif, *oif;
	uint32_t table;
	uint32_t priority;           /* 0: the kernel's choice */
	bool has_priority;
	uint32_t fwmark, fwmask;     /* fwmask 0: no mark */
	bool has_fwmark;
	struct cfg_pos pos;
};

struct cfg_track_if {
	char *ifname;
	int32_t weight;              /* 0: interface down means FAULT */
	bool reverse;
	struct cfg_pos pos;
};

/* Scripts run on VRRP state changes, for an instance or a sync group. */
struct cfg_notify {
	char *master, *backup, *fault, *stop;
	char *any;                   /* `notify`: called for every state */
};

struct cfg_track_script {
	char *name;
	const struct cfg_vrrp_script *script; /* resolved */
	int32_t weight;
	bool has_weight;             /* otherwise the script's own weight */
	bool reverse;
	struct cfg_pos pos;
};

/* `track_file NAME { file PATH; weight W [reverse]; init_file [V] [overwrite] }`
 * (also spelt vrrp_track_file): a number in a file moves the priority. */
struct cfg_track_file {
	char *name;
	char *path;
	int32_t weight;              /* default 1 */
	bool reverse;
	bool init_file;              /* create the file when absent ... */
	int32_t init_value;
	bool init_overwrite;         /* ... or always, at start */
	struct cfg_pos pos;
};

/* `vrrp_track_process NAME { process NAME [ARGS...]; ... }`: a process
 * running (count within quorum..quorum_max) moves the priority. */
struct cfg_track_process {
	char *name;
	char *process;
	char **params;               /* argv[1..] to match, if any */
	size_t n_params;
	int param_match;             /* TRACK_PARAM_* */
	bool full_command;           /* match argv[0], not the comm name */
	int32_t weight;
	bool reverse;
	uint32_t quorum, quorum_max; /* quorum_max 0: no maximum */
	uint32_t fork_delay_ms, terminate_delay_ms;
	struct cfg_pos pos;
};

enum { TRACK_PARAM_EXACT, TRACK_PARAM_INITIAL, TRACK_PARAM_PARTIAL };

/* `track_file { NAME [weight W [reverse]] }` and `track_process { ... }`
 * in an instance or a sync group. */
struct cfg_track_ref {
	char *name;
	const struct cfg_track_file *file;       /* resolved (track_file) */
	const struct cfg_track_process *process; /* resolved (track_process) */
	int32_t weight;              /* the object's unless given */
	bool has_weight;
	bool reverse;
	struct cfg_pos pos;
};

enum vrrp_auth_type { VRRP_AUTH_NONE, VRRP_AUTH_PASS, VRRP_AUTH_AH };

struct cfg_vrrp_instance {
	char *name;
	struct cfg_pos pos;
	bool initial_master;         /* `state MASTER` */
	bool has_state;
	char *interface;
	uint8_t vrid;
	uint8_t priority;
	uint32_t advert_int_ms;
	uint8_t version;             /* 0: global vrrp_version */
	int family;                  /* AF_INET or AF_INET6, from the VIPs */
	enum vrrp_auth_type auth_type;
	char auth_pass[9];           /* at most 8 octets on the wire */
	struct cfg_vip *vips;
	size_t n_vips;
	struct cfg_vip *vips_excluded;
	size_t n_vips_excluded;
	struct cfg_route *vroutes;
	size_t n_vroutes;
	struct cfg_rule *vrules;
	size_t n_vrules;
	struct lvsd_addr mcast_src_ip;
	struct lvsd_addr unicast_src_ip;
	struct lvsd_addr *unicast_peers;
	size_t n_unicast_peers;
	bool nopreempt;
	uint32_t preempt_delay_ms;
	bool accept;                 /* Accept_Mode; default on unless strict */
	bool dont_track_primary;
	struct cfg_track_if *track_interfaces;
	size_t n_track_interfaces;
	struct cfg_track_script *track_scripts;
	size_t n_track_scripts;
	struct cfg_notify notify;
	uint32_t garp_master_delay_ms;      /* copied from global unless set */
	uint32_t garp_master_repeat;
	uint32_t garp_master_refresh_ms;
	uint32_t garp_master_refresh_repeat;
	uint32_t garp_lower_prio_delay_ms;
	uint32_t garp_lower_prio_repeat;
	char *lvs_sync_daemon_interface;    /* deprecated per-instance form */
	const struct cfg_sync_group *sync_group; /* resolved, or NULL */
	struct cfg_track_ref *track_files;
	size_t n_track_files;
	struct cfg_track_ref *track_processes;
	size_t n_track_processes;
	bool use_vmac;                      /* macvlan with the VRRP MAC */
	char *vmac_name;                    /* NULL: vrrp.VRID / vrrp6.VRID */
	uint8_t unicast_ttl;                /* 0: 255 */
	bool check_unicast_src;             /* or global vrrp_check_unicast_src */
	bool unicast_fault_no_peer;
	bool promote_secondaries;
	bool higher_prio_send_advert;       /* or the global default */
	bool lower_prio_no_advert;
	unsigned set_mask;                  /* VRRP_SET_*: what the file set */
};

/* Which per-instance values were given explicitly (others inherit). */
enum {
	VRRP_SET_GARP_DELAY = 1 << 0,
	VRRP_SET_GARP_REPEAT = 1 << 1,
	VRRP_SET_GARP_REFRESH = 1 << 2,
	VRRP_SET_GARP_REFRESH_REPEAT = 1 << 3,
	VRRP_SET_GARP_LOWER_DELAY = 1 << 4,
	VRRP_SET_GARP_LOWER_REPEAT = 1 << 5,
	VRRP_SET_PRIORITY = 1 << 6,
	VRRP_SET_ADVERT_INT = 1 << 7,
	VRRP_SET_ACCEPT = 1 << 8,
};

struct cfg_sync_group {
	char *name;
	struct cfg_pos pos;
	char **member_names;
	const struct cfg_vrrp_instance **members; /* resolved */
	size_t n_members;
	struct cfg_notify notify;
	struct cfg_track_script *track_scripts;
	size_t n_track_scripts;
	struct cfg_track_if *track_interfaces;
	size_t n_track_interfaces;
	bool global_tracking;
	struct cfg_track_ref *track_files;
	size_t n_track_files;
	struct cfg_track_ref *track_processes;
	size_t n_track_processes;
};

/* -- LVS ---------------------------------------------------------------- */

enum lvs_fwd { LVS_FWD_UNSET, LVS_FWD_NAT, LVS_FWD_DR, LVS_FWD_TUN };

/* Tunnel options of `lvs_method TUN type ...` (kernel values). */
enum lvs_tun_type { LVS_TUN_IPIP = 0, LVS_TUN_GUE = 1, LVS_TUN_GRE = 2 };
enum {
	LVS_TUN_F_CSUM = 1 << 0,        /* IP_VS_TUNNEL_ENCAP_FLAG_CSUM */
	LVS_TUN_F_REMCSUM = 1 << 1,     /* IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM */
};
struct cfg_tunnel {
	uint8_t type;                   /* enum lvs_tun_type */
	uint16_t port;                  /* GUE destination port */
	uint16_t flags;                 /* LVS_TUN_F_*; 0 is nocsum */
};

/* Scheduler flags (IP_VS_SVC_F_SCHED1..3); sh-/mh- are names for them. */
enum {
	LVS_SCHED_FLAG_1 = 0x0008,      /* sh-fallback, mh-fallback */
	LVS_SCHED_FLAG_2 = 0x0010,      /* sh-port, mh-port */
	LVS_SCHED_FLAG_3 = 0x0020,
};

enum checker_type {
	CHECK_TCP, CHECK_HTTP, CHECK_SSL, CHECK_MISC,
	CHECK_UDP, CHECK_DNS, CHECK_PING, CHECK_FILE,
};

struct cfg_http_url {
	char *path;
	char *digest;                /* 32 hex digits, or NULL */
	char *virtualhost;
	/* status_code ranges: bit (code - 100) set means accepted; 0 = 2xx */
	uint8_t status_ok[63];       /* 100..599, 500 bits */
	bool has_status;
	char *regex;                 /* PCRE2 pattern, or NULL */
	bool regex_no_match;         /* the regex must not match */
	struct cfg_pos pos;
};

/* Options every checker takes; unset values inherit from RS, then VS. */
struct cfg_check_common {
	struct lvsd_addr connect_ip;
	uint16_t connect_port;
	struct lvsd_addr bindto;
	uint16_t bind_port;
	char *bind_if;
	uint32_t connect_timeout_ms;
	uint32_t retry;
	uint32_t delay_before_retry_ms;
	uint32_t warmup_ms;
	uint32_t delay_loop_ms;
	uint32_t fwmark;
	bool alpha;
	bool log_all_failures;
	unsigned set_mask;           /* CHECK_SET_* */
};

enum {
	CHECK_SET_CONNECT_TIMEOUT = 1 << 0,
	CHECK_SET_RETRY = 1 << 1,
	CHECK_SET_DELAY_BEFORE_RETRY = 1 << 2,
	CHECK_SET_WARMUP = 1 << 3,
	CHECK_SET_DELAY_LOOP = 1 << 4,
	CHECK_SET_ALPHA = 1 << 5,
};

/*
 * One checker block.  The fields of the types share one anonymous union
 * (10,000 checkers are kept): only the members of `type` are set, and
 * reading another type's is reading garbage; anything that walks every
 * field (diff.c, probe_key.c) switches on the type.  The parser's keyword
 * tables are per type and write only their type's members.
 */
struct cfg_checker {
	enum checker_type type;
	struct cfg_pos pos;
	struct cfg_check_common common;
	bool fast_recovery;          /* down: retry every delay_before_retry */
	/* TCP_CHECK: a SYN, not a connection; -1: global_defs' default */
	int8_t half_open;
	union {
		struct {             /* HTTP_GET / SSL_GET */
			struct cfg_http_url *urls;
			size_t n_urls;
			char *virtualhost;
			char *http_protocol;   /* "1.0", "1.0C", "1.1" */
			char *sni_name;
			char *verify_name;     /* default: SNI name */
			bool enable_sni;
			/* SSL_GET: verify the server's certificate (lvsd,
			 * not keepalived) */
			bool verify_cert;
		};
		struct {             /* MISC_CHECK */
			char *misc_path;
			uint32_t misc_timeout_ms;
			bool misc_dynamic;
			char *user, *group;
		};
		struct {             /* UDP_CHECK */
			uint8_t *udp_payload, *udp_reply;
			size_t udp_payload_len, udp_reply_len;
			bool require_reply;
			uint32_t min_reply_len, max_reply_len;
		};
		struct {             /* DNS_CHECK */
			uint16_t dns_type;     /* 0: A */
			char *dns_name;        /* default "." */
		};
		struct {             /* FILE_CHECK: weight read from a file */
			char *track_file;
			int32_t file_weight;   /* multiplier; 0: the value */
			bool file_reverse;
		};
	};
};

struct cfg_real_server {
	struct lvsd_addr addr;
	uint16_t port;
	struct cfg_pos pos;
	uint32_t weight;
	bool has_weight;
	enum lvs_fwd fwd;            /* UNSET: the virtual server's */
	struct cfg_tunnel tun;       /* with TUN (inherited with fwd) */
	uint32_t uthreshold, lthreshold;
	int8_t inhibit_on_failure;   /* -1: the virtual server's */
	char *notify_up, *notify_down;
	char *virtualhost;
	struct cfg_check_common common; /* RS-level checker defaults */
	struct cfg_checker *checkers;
	size_t n_checkers;
};

struct cfg_virtual_server {
	struct cfg_pos pos;
	bool is_fwmark;
	uint32_t fwmark;
	int af;                      /* from the address, or ip_family */
	struct lvsd_addr addr;
	uint16_t port;
	uint16_t protocol;           /* IPPROTO_TCP/UDP/SCTP */
	bool has_protocol;           /* given in the file (ignored for fwmark) */
	char sched[16];
	enum lvs_fwd fwd;
	uint32_t persistence_timeout; /* s; 0: not persistent */
	uint32_t persistence_granularity; /* prefix length; 0: unset */
	uint32_t quorum;
	uint32_t hysteresis;
	bool omega;
	bool inhibit_on_failure;
	bool ha_suspend;
	bool ops;
	char *virtualhost;
	char *quorum_up, *quorum_down;
	struct cfg_real_server *sorry_server; /* NULL: none */
	bool sorry_server_inhibit;
	struct cfg_check_common common; /* VS-level checker defaults */
	struct cfg_real_server *rs;
	size_t n_rs;
	/* IPVS details (kept apart from the older fields above). */
	struct cfg_tunnel tun;
	uint32_t sched_flags;        /* LVS_SCHED_FLAG_* */
	char sched_flag_family[4];   /* "sh"/"mh" when named so, for checks */
	struct cfg_pos sched_flag_pos;
	enum lvs_fwd sorry_fwd;      /* sorry_server_lvs_method; UNSET: fwd */
	struct cfg_tunnel sorry_tun;
	char *group_name;            /* `virtual_server group NAME` */
	const struct cfg_vs_group *group; /* resolved */
};

/* One line of a virtual_server_group: addresses (a range) or a fwmark. */
struct cfg_vsg_entry {
	struct cfg_pos pos;
	bool is_fwmark;
	uint32_t fwmark;
	int af;                      /* fwmark: inet unless inet6 given */
	struct lvsd_addr first;      /* the range's first address */
	uint32_t count;              /* addresses: first, first + 1, ... */
	uint16_t port;               /* 0: none (the service's port 0) */
};

struct cfg_vs_group {
	char *name;
	struct cfg_pos pos;
	struct cfg_vsg_entry *entries;
	size_t n_entries;
};

/* The i-th address of a group entry's range (i < count). */
void config_vsg_addr(const struct cfg_vsg_entry *e, uint32_t i,
    struct lvsd_addr *out);

struct cfg_ssl {
	char *password, *ca, *certificate, *key;
	bool configured;
};

/* -- The whole configuration -------------------------------------------- */

struct lvsd_config {
	struct arena *arena;
	struct cfg_global global;
	struct cfg_ssl ssl;
	struct cfg_vrrp_script *vrrp_scripts;
	size_t n_vrrp_scripts;
	struct cfg_vrrp_instance *vrrp_instances;
	size_t n_vrrp_instances;
	struct cfg_sync_group *sync_groups;
	size_t n_sync_groups;
	struct cfg_track_file *track_files;
	size_t n_track_files;
	struct cfg_track_process *track_processes;
	size_t n_track_processes;
	struct cfg_virtual_server *virtual_servers;
	size_t n_virtual_servers;
	struct cfg_vs_group *vs_groups;
	size_t n_vs_groups;
	struct cfg_vip *static_ips;  /* static_ipaddress: always present */
	size_t n_static_ips;
	struct cfg_route *static_routes;
	size_t n_static_routes;
	struct cfg_rule *static_rules;
	size_t n_static_rules;
};

struct config_options {
	/* Warn about interfaces absent from this machine (`-t` on a build
	 * host).  Off in unit tests so results do not depend on the host. */
	bool check_interfaces;
	/* `@ID` lines are for this id (-i/--config-id); NULL: the short
	 * host name, as keepalived.  An engine takes both from the bundle. */
	const char *config_id;
	/* --lenient: keepalived's leniency for typos, misplaced keywords,
	 * unknown schedulers and bad addresses (warnings, lines ignored). */
	bool lenient;
};

/*
 * Parse and validate the configuration whose top file is `path`, reading
 * through `src`.  Every problem goes to `diags` (errors and warnings, in file
 * order).  Returns the model, or NULL when there was at least one error: a
 * half-valid configuration is never returned.
 */
struct lvsd_config *config_load(const char *path, struct cfg_source *src,
    const struct config_options *opts, struct diag_list *diags);

/* Same, from a string, as the file name `name` (unit tests, fuzzing). */
struct lvsd_config *config_load_string(const char *name, const char *text,
    const struct config_options *opts, struct diag_list *diags);

void config_free(struct lvsd_config *cfg);

/* Helpers for the engines. */
const struct cfg_vrrp_instance *config_find_instance(
    const struct lvsd_config *cfg, const char *name);
/* "192.0.2.1:80/tcp" or "fwmark 7/inet": a virtual server's identity. */
void config_vs_key(const struct cfg_virtual_server *vs, char *buf, size_t len);

#endif
