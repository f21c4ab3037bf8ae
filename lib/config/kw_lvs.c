// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Keyword tables for virtual_server, real_server and the health checkers
 * (TCP_CHECK, HTTP_GET, SSL_GET, MISC_CHECK).
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "check/body_check.h"
#include "config/parser.h"

#define VS(f) FIELD(struct cfg_virtual_server, f)
#define RS(f) FIELD(struct cfg_real_server, f)
#define CK(f) FIELD(struct cfg_checker, f)
#define U(f) FIELD(struct cfg_http_url, f)
#define MS(s) ((long long)(s) * 1000)

/* The schedulers Linux IPVS ships (net/netfilter/ipvs/ip_vs_*.c). */
static const char *const schedulers[] = {
	"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq",
	"fo", "ovf", "mh", "twos", NULL,
};

/*
 * Checker timing options a virtual server, a real server and a checker can
 * all carry; the most specific one set wins (resolved in validate.c).
 */
#define CHECK_COMMON_KWS(T, m)                                               \
	{ "connect_timeout", kw_timer, FIELD(T, m.connect_timeout_ms), 1,    \
	    MS(3600), NULL, 0, NULL, offsetof(T, m.set_mask),                \
	    CHECK_SET_CONNECT_TIMEOUT },                                     \
	{ "retry", kw_uint, FIELD(T, m.retry), 0, 1000, NULL, 0, NULL,       \
	    offsetof(T, m.set_mask), CHECK_SET_RETRY },                      \
	{ "nb_get_retry", kw_uint, FIELD(T, m.retry), 0, 1000, NULL,         \
	    KW_DEPRECATED, "retry", offsetof(T, m.set_mask),                 \
	    CHECK_SET_RETRY },                                               \
	{ "delay_before_retry", kw_timer, FIELD(T, m.delay_before_retry_ms), \
	    0, MS(3600), NULL, 0, NULL, offsetof(T, m.set_mask),             \
	    CHECK_SET_DELAY_BEFORE_RETRY },                                  \
	{ "warmup", kw_timer, FIELD(T, m.warmup_ms), 0, MS(3600), NULL, 0,   \
	    NULL, offsetof(T, m.set_mask), CHECK_SET_WARMUP },               \
	{ "delay_loop", kw_timer, FIELD(T, m.delay_loop_ms), 10, MS(86400),  \
	    NULL, 0, NULL, offsetof(T, m.set_mask), CHECK_SET_DELAY_LOOP },  \
	{ "alpha", kw_flag, FIELD(T, m.alpha), 0, 0, NULL, 0, NULL,          \
	    offsetof(T, m.set_mask), CHECK_SET_ALPHA }

/* -- checkers ---------------------------------------------------------------- */

/* status_code 200 | 200-299 | 200 301-302 ... (keepalived takes ranges). */
static bool
kw_status_code(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_http_url *url = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 32))
		return false;
	for (size_t i = 0; i < nargs; i++) {
		struct token lo = args[i], hi = args[i];
		char *dash = strchr(args[i].text, '-');
		uint32_t a, b;
		char first[16];

		if (dash != NULL) {
			snprintf(first, sizeof(first), "%.*s",
			    (int)(dash - args[i].text), args[i].text);
			lo.text = first;
			hi.text = dash + 1;
		}
		if (!parse_u32(p, &lo, "status_code", 100, 599, &a) ||
		    !parse_u32(p, &hi, "status_code", 100, 599, &b))
			return false;
		if (b < a) {
			cfg_error(p, &args[i], "status_code range '%s' is "
			    "backwards", args[i].text);
			return false;
		}
		for (uint32_t c = a; c <= b; c++)
			url->status_ok[(c - 100) / 8] |=
			    (uint8_t)(1u << ((c - 100) % 8));
	}
	url->has_status = true;
	return true;
}

static bool
kw_digest(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_http_url *url = obj;
	const char *d;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 1))
		return false;
	d = args[0].text;
	for (size_t i = 0; d[i]; i++) {
		if (!isxdigit((unsigned char)d[i]) || i >= 32) {
			cfg_error(p, &args[0], "digest '%s' is not an MD5 sum "
			    "(32 hexadecimal digits)", d);
			return false;
		}
	}
	if (strlen(d) != 32) {
		cfg_error(p, &args[0], "digest '%s' is not an MD5 sum (32 "
		    "hexadecimal digits)", d);
		return false;
	}
	url->digest = parser_strdup(p, &args[0]);
	return true;
}

static const char *const url_unsupported[] = {
	"regex_options", "regex_stack", "regex_min_offset",
	"regex_max_offset", NULL,
};

/* regex / regex_no_match PATTERN: compiled here so a bad one is reported
 * against its line; the checker compiles it again for its own use. */
static bool
kw_regex(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_http_url *url = obj;
	char err[200];
	void *re;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 1))
		return false;
	re = url_regex_compile(args[0].text, err, sizeof(err));
	if (re == NULL) {
		cfg_error(p, &args[0], "%s '%s' does not compile: %s",
		    kw->name, args[0].text, err);
		return false;
	}
	url_regex_free(re);
	url->regex = parser_strdup(p, &args[0]);
	url->regex_no_match = strcmp(kw->name, "regex_no_match") == 0;
	return true;
}

static const struct kw url_kws[] = {
	{ "path", kw_string, U(path) },
	{ "digest", kw_digest, 0, 0 },
	{ "status_code", kw_status_code, 0, 0 },
	{ "virtualhost", kw_string, U(virtualhost) },
	{ "regex", kw_regex, 0, 0 },
	{ "regex_no_match", kw_regex, 0, 0 },
	{ NULL },
};

static const struct block_def url_block = {
	.name = "url", .kws = url_kws, .unsupported = url_unsupported,
};

static bool
kw_url(struct parser *p, void *obj, const struct kw *kw, struct token *args,
    size_t nargs, void **child)
{
	struct cfg_checker *c = obj;
	struct cfg_http_url *url;

	if (!kw_nargs(p, kw, &args[-1], nargs, 0, 0))
		return false;
	url = ARENA_PUSH(parser_arena(p), c->urls, c->n_urls);
	url->pos = parser_pos(p, &args[-1]);
	*child = url;
	return true;
}

static bool
kw_http_protocol(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	static const char *const versions[] = { "1.0", "1.0C", "1.1" };
	struct cfg_checker *c = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 1))
		return false;
	for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		if (strcmp(args[0].text, versions[i]) == 0) {
			c->http_protocol = parser_strdup(p, &args[0]);
			return true;
		}
	}
	cfg_error(p, &args[0], "http_protocol '%s' must be 1.0, 1.0C or 1.1",
	    args[0].text);
	return false;
}

#define CHECKER_COMMON_ROWS                                              \
	{ "connect_ip", kw_addr, CK(common.connect_ip) },                \
	{ "connect_port", kw_uint, CK(common.connect_port), 1, 65535 },  \
	{ "bindto", kw_addr, CK(common.bindto) },                        \
	{ "bind_port", kw_uint, CK(common.bind_port), 1, 65535 },        \
	{ "bind_if", kw_string, CK(common.bind_if) },                    \
	{ "fwmark", kw_uint, CK(common.fwmark), 1, 0xffffffffLL },       \
	{ "log_all_failures", kw_flag, CK(common.log_all_failures) },    \
	{ "fast_recovery", kw_flag, CK(fast_recovery) },                 \
	CHECK_COMMON_KWS(struct cfg_checker, common)

static const char *const checker_unsupported[] = {
	"tls_compliant", "genhash", NULL,
};

/* `half_open [on|off]`: unset, it follows global_defs. */
static bool
kw_half_open(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_checker *c = obj;
	bool v = true;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 0, 1) ||
	    (nargs == 1 && !parse_bool(p, &args[0], &v)))
		return false;
	c->half_open = v;
	return true;
}

static const struct kw tcp_check_kws[] = {
	CHECKER_COMMON_ROWS,
	{ "half_open", kw_half_open, 0, 0 },
	{ NULL },
};

static const struct kw http_check_kws[] = {
	CHECKER_COMMON_ROWS,
	{ "url", kw_url, 0, 0, 0, 0, &url_block, KW_BLOCK | KW_MULTI },
	{ "virtualhost", kw_string, CK(virtualhost) },
	{ "http_protocol", kw_http_protocol, 0, 0 },
	{ NULL },
};

static const struct kw ssl_check_kws[] = {
	CHECKER_COMMON_ROWS,
	{ "url", kw_url, 0, 0, 0, 0, &url_block, KW_BLOCK | KW_MULTI },
	{ "virtualhost", kw_string, CK(virtualhost) },
	{ "http_protocol", kw_http_protocol, 0, 0 },
	{ "enable_sni", kw_flag, CK(enable_sni) },
	{ "sni_name", kw_string, CK(sni_name) },
	{ "verify_certificate", kw_flag, CK(verify_cert) },
	{ "verify_name", kw_string, CK(verify_name) },
	{ NULL },
};

static const struct kw misc_check_kws[] = {
	CHECKER_COMMON_ROWS,
	{ "misc_path", kw_cmdline, CK(misc_path) },
	{ "misc_timeout", kw_timer, CK(misc_timeout_ms), 1, MS(3600) },
	{ "misc_dynamic", kw_flag, CK(misc_dynamic) },
	{ "user", kw_run_as, CK(user), offsetof(struct cfg_checker, group) },
	{ NULL },
};

#include "kw_checkers.inc"

static const struct block_def check_blocks[] = {
	[CHECK_TCP] = { "TCP_CHECK", tcp_check_kws, NULL,
	    checker_unsupported },
	[CHECK_HTTP] = { "HTTP_GET", http_check_kws, NULL,
	    checker_unsupported },
	[CHECK_SSL] = { "SSL_GET", ssl_check_kws, NULL, checker_unsupported },
	[CHECK_MISC] = { "MISC_CHECK", misc_check_kws, NULL,
	    checker_unsupported },
	[CHECK_UDP] = { "UDP_CHECK", udp_check_kws, NULL,
	    checker_unsupported },
	[CHECK_DNS] = { "DNS_CHECK", dns_check_kws, NULL,
	    checker_unsupported },
	[CHECK_PING] = { "PING_CHECK", ping_check_kws, NULL,
	    checker_unsupported },
	[CHECK_FILE] = { "FILE_CHECK", file_check_kws, NULL,
	    checker_unsupported },
};

static bool
kw_checker(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_real_server *rs = obj;
	struct cfg_checker *c;

	if (!kw_nargs(p, kw, &args[-1], nargs, 0, 0))
		return false;
	c = ARENA_PUSH(parser_arena(p), rs->checkers, rs->n_checkers);
	c->type = (enum checker_type)((const struct block_def *)kw->extra -
	    check_blocks);
	c->pos = parser_pos(p, &args[-1]);
	c->half_open = -1;
	*child = c;
	return true;
}

/* -- real_server --------------------------------------------------------------- */

/* `IP [PORT]` of a real or sorry server. */
static bool
parse_server(struct parser *p, struct token *args, size_t nargs,
    struct cfg_real_server *rs)
{
	rs->pos = parser_pos(p, &args[0]);
	rs->weight = 1;
	rs->inhibit_on_failure = -1;
	return parse_addr(p, &args[0], &rs->addr) &&
	    (nargs < 2 || compat_rs_port(p, &args[1], &rs->port));
}

static bool
kw_real_server(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_virtual_server *vs = obj;
	struct cfg_real_server *rs;

	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 2))
		return false;
	rs = ARENA_PUSH(parser_arena(p), vs->rs, vs->n_rs);
	*child = rs;
	return parse_server(p, args, nargs, rs);
}

static bool
kw_rs_inhibit(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_real_server *rs = obj;
	bool v = true;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 0, 1) ||
	    (nargs == 1 && !parse_bool(p, &args[0], &v)))
		return false;
	rs->inhibit_on_failure = v;
	return true;
}

static const char *const rs_unsupported[] = {
	"SMTP_CHECK", "BFD_CHECK", "smtp_alert", "snmp_name", NULL,
};

static const struct kw rs_kws[] = {
	{ "weight", kw_uint, RS(weight), 0, 65535 },
	{ "lb_kind", kw_rs_method, 0, 0 },
	{ "lvs_method", kw_rs_method, 0, 0 },
	{ "inhibit_on_failure", kw_rs_inhibit, 0, 0 },
	{ "uthreshold", kw_uint, RS(uthreshold), 0, 0x7fffffff },
	{ "lthreshold", kw_uint, RS(lthreshold), 0, 0x7fffffff },
	{ "notify_up", kw_cmdline, RS(notify_up) },
	{ "notify_down", kw_cmdline, RS(notify_down) },
	{ "virtualhost", kw_string, RS(virtualhost) },
	CHECK_COMMON_KWS(struct cfg_real_server, common),
	{ "TCP_CHECK", kw_checker, 0, 0, 0, 0, &check_blocks[CHECK_TCP],
	    KW_BLOCK | KW_MULTI },
	{ "HTTP_GET", kw_checker, 0, 0, 0, 0, &check_blocks[CHECK_HTTP],
	    KW_BLOCK | KW_MULTI },
	{ "SSL_GET", kw_checker, 0, 0, 0, 0, &check_blocks[CHECK_SSL],
	    KW_BLOCK | KW_MULTI },
	{ "MISC_CHECK", kw_checker, 0, 0, 0, 0, &check_blocks[CHECK_MISC],
	    KW_BLOCK | KW_MULTI },
	{ "UDP_CHECK", kw_checker, 0, 0, 0, 0, &check_blocks[CHECK_UDP],
	    KW_BLOCK | KW_MULTI },
	{ "DNS_CHECK", kw_checker, 0, 0, 0, 0, &check_blocks[CHECK_DNS],
	    KW_BLOCK | KW_MULTI },
	{ "PING_CHECK", kw_checker, 0, 0, 0, 0, &check_blocks[CHECK_PING],
	    KW_BLOCK | KW_MULTI },
	{ "FILE_CHECK", kw_checker, 0, 0, 0, 0, &check_blocks[CHECK_FILE],
	    KW_BLOCK | KW_MULTI },
	{ NULL },
};

static const struct block_def rs_block = {
	.name = "real_server", .kws = rs_kws, .unsupported = rs_unsupported,
};

/* -- virtual_server --------------------------------------------------------------- */

/* virtual_server IP PORT | IP | fwmark N | group NAME */
bool
kw_virtual_server(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct lvsd_config *cfg = obj;
	struct cfg_virtual_server *vs;

	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 2))
		return false;
	/* The previous block is complete: its real servers' array loses
	 * its slack (a third of the model at 10,000 real servers), which
	 * this block's array grows into. */
	if (cfg->n_virtual_servers > 0) {
		vs = &cfg->virtual_servers[cfg->n_virtual_servers - 1];
		ARENA_SHRINK(parser_arena(p), vs->rs, vs->n_rs);
	}
	vs = ARENA_PUSH(parser_arena(p), cfg->virtual_servers,
	    cfg->n_virtual_servers);
	vs->pos = parser_pos(p, &args[-1]);
	vs->protocol = IPPROTO_TCP;
	snprintf(vs->sched, sizeof(vs->sched), "wlc");
	vs->fwd = LVS_FWD_NAT;
	vs->quorum = 1;
	*child = vs;
	if (strcmp(args[0].text, "group") == 0) {
		if (nargs != 2) {
			cfg_error(p, &args[0], "'virtual_server group' needs "
			    "the group's name");
			return false;
		}
		vs->group_name = parser_strdup(p, &args[1]);
		vs->af = AF_INET;       /* the group's, once resolved */
	} else if (strcmp(args[0].text, "fwmark") == 0) {
		if (nargs != 2) {
			cfg_error(p, &args[0], "'virtual_server fwmark' needs "
			    "the mark");
			return false;
		}
		vs->is_fwmark = true;
		vs->af = AF_INET;
		if (!parse_u32(p, &args[1], "fwmark", 1, 0xffffffffULL,
		    &vs->fwmark))
			return false;
	} else {
		if (!parse_addr(p, &args[0], &vs->addr))
			return false;
		vs->af = vs->addr.af;
		if (nargs == 2) {
			uint32_t port;

			/* Port 0 is "every port" for a persistent service. */
			if (!parse_u32(p, &args[1], "port", 0, 65535, &port))
				return false;
			vs->port = (uint16_t)port;
		}
	}
	return true;
}

static bool
kw_lb_algo(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_virtual_server *vs = obj;
	const char *best = NULL;
	unsigned best_d = ~0u;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 8))
		return false;
	for (size_t i = 0; schedulers[i]; i++) {
		unsigned d = edit_distance(args[0].text, schedulers[i]);

		if (d == 0 || strcasecmp(args[0].text, schedulers[i]) == 0) {
			snprintf(vs->sched, sizeof(vs->sched), "%s",
			    schedulers[i]);
			/* keepalived's `lvs_sched sh sh-port ...` form */
			for (size_t f = 1; f < nargs; f++)
				if (!parse_sched_flag(p, &args[f], vs))
					return false;
			return true;
		}
		if (d < best_d) {
			best_d = d;
			best = schedulers[i];
		}
	}
	if (best_d <= 1)
		cfg_refuse(p, &args[0], "unknown scheduler '%s'; did you mean "
		    "'%s'?", args[0].text, best);
	else
		cfg_refuse(p, &args[0], "unknown scheduler '%s' (one of: rr, "
		    "wrr, lc, wlc, lblc, lblcr, dh, sh, sed, nq, fo, ovf, mh, "
		    "twos)", args[0].text);
	return false;
}

static bool
kw_protocol(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_virtual_server *vs = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 1))
		return false;
	if (strcasecmp(args[0].text, "TCP") == 0)
		vs->protocol = IPPROTO_TCP;
	else if (strcasecmp(args[0].text, "UDP") == 0)
		vs->protocol = IPPROTO_UDP;
	else if (strcasecmp(args[0].text, "SCTP") == 0)
		vs->protocol = IPPROTO_SCTP;
	else {
		cfg_error(p, &args[0], "unknown protocol '%s' (one of: TCP, "
		    "UDP, SCTP)", args[0].text);
		return false;
	}
	vs->has_protocol = true;
	return true;
}

/* persistence_timeout [S]: keepalived's default is 360 s without a value. */
static bool
kw_persistence_timeout(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_virtual_server *vs = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 0, 1))
		return false;
	if (nargs == 0) {
		vs->persistence_timeout = 360;
		return true;
	}
	if (strcmp(args[0].text, "0") == 0) {
		cfg_warn(p, &args[0], "persistence_timeout 0 means no "
		    "persistence, as in keepalived");
		vs->persistence_timeout = 0;
		return true;
	}
	return parse_u32(p, &args[0], "persistence_timeout", 1, 2678400,
	    &vs->persistence_timeout);
}

/* persistence_granularity MASK | PREFIXLEN */
static bool
kw_persistence_granularity(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_virtual_server *vs = obj;
	struct in_addr mask;
	uint32_t m;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 1))
		return false;
	if (inet_pton(AF_INET, args[0].text, &mask) == 1) {
		m = ntohl(mask.s_addr);
		if (m & (~m >> 1)) { /* a 1 bit after a 0 bit */
			cfg_error(p, &args[0], "persistence_granularity '%s' "
			    "is not a contiguous netmask", args[0].text);
			return false;
		}
		vs->persistence_granularity = (uint32_t)__builtin_popcount(m);
		if (m == 0) {
			cfg_error(p, &args[0], "persistence_granularity '%s' "
			    "masks every bit", args[0].text);
			return false;
		}
		return true;
	}
	return parse_u32(p, &args[0], "persistence_granularity", 1, 128,
	    &vs->persistence_granularity);
}

static bool
kw_sorry_server(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_virtual_server *vs = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 2))
		return false;
	vs->sorry_server = arena_alloc(parser_arena(p),
	    sizeof(*vs->sorry_server));
	return parse_server(p, args, nargs, vs->sorry_server);
}

static bool
kw_ip_family(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_virtual_server *vs = obj;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 1))
		return false;
	if (strcasecmp(args[0].text, "inet") == 0)
		vs->af = AF_INET;
	else if (strcasecmp(args[0].text, "inet6") == 0)
		vs->af = AF_INET6;
	else {
		cfg_error(p, &args[0], "ip_family '%s' must be inet or inet6",
		    args[0].text);
		return false;
	}
	return true;
}

static const char *const vs_unsupported[] = {
	"persistence_engine", "smtp_alert", "snmp_name", "hashed",
	"lb_algo_flags", "weight", NULL,
};

static const struct kw vs_kws[] = {
	{ "lb_algo", kw_lb_algo, 0, 0 },
	{ "lvs_sched", kw_lb_algo, 0, 0 },
	{ "lb_kind", kw_vs_method, 0, 0 },
	{ "lvs_method", kw_vs_method, 0, 0 },
	{ "sorry_server_lvs_method", kw_sorry_method, 0, 0 },
	{ "flag-1", kw_sched_flag, 0, 0 },
	{ "flag-2", kw_sched_flag, 0, 0 },
	{ "flag-3", kw_sched_flag, 0, 0 },
	{ "sh-port", kw_sched_flag, 0, 0 },
	{ "sh-fallback", kw_sched_flag, 0, 0 },
	{ "mh-port", kw_sched_flag, 0, 0 },
	{ "mh-fallback", kw_sched_flag, 0, 0 },
	{ "protocol", kw_protocol, 0, 0 },
	{ "persistence_timeout", kw_persistence_timeout, 0, 0 },
	{ "persistence_granularity", kw_persistence_granularity, 0, 0 },
	{ "sorry_server", kw_sorry_server, 0, 0 },
	{ "sorry_server_inhibit", kw_flag, VS(sorry_server_inhibit) },
	{ "quorum", kw_uint, VS(quorum), 0, 0xffffffffLL },
	{ "hysteresis", kw_uint, VS(hysteresis), 0, 0xffffffffLL },
	{ "omega", kw_flag, VS(omega) },
	{ "inhibit_on_failure", kw_flag, VS(inhibit_on_failure) },
	{ "ha_suspend", kw_flag, VS(ha_suspend) },
	{ "ops", kw_flag, VS(ops) },
	{ "virtualhost", kw_string, VS(virtualhost) },
	{ "quorum_up", kw_cmdline, VS(quorum_up) },
	{ "quorum_down", kw_cmdline, VS(quorum_down) },
	{ "ip_family", kw_ip_family, 0, 0 },
	CHECK_COMMON_KWS(struct cfg_virtual_server, common),
	{ "real_server", kw_real_server, 0, 0, 0, 0, &rs_block,
	    KW_BLOCK | KW_MULTI },
	{ NULL },
};

const struct block_def cfg_virtual_server_block = {
	.name = "virtual_server", .kws = vs_kws, .unsupported = vs_unsupported,
};
