// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Routes and policy rules, in keepalived's syntax: `virtual_routes` and
 * `virtual_rules` inside a vrrp_instance (present while it is MASTER),
 * `static_ipaddress`, `static_routes` and `static_rules` at the top level
 * (present while the vrrp engine runs).  lvsd does the common subset of
 * ip-route(8) / ip-rule(8); any other option is an error that names it.
 */
#include "config.h"

#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/parser.h"

struct name_val {
	const char *name;
	int val;
};

static const struct name_val route_types[] = {
	{ "unicast", RTN_UNICAST }, { "blackhole", RTN_BLACKHOLE },
	{ "unreachable", RTN_UNREACHABLE }, { "prohibit", RTN_PROHIBIT },
	{ NULL, 0 },
};

static const struct name_val tables[] = {
	{ "main", RT_TABLE_MAIN }, { "local", RT_TABLE_LOCAL },
	{ "default", RT_TABLE_DEFAULT }, { NULL, 0 },
};

static const struct name_val protos[] = {
	{ "boot", RTPROT_BOOT }, { "static", RTPROT_STATIC },
	{ "kernel", RTPROT_KERNEL }, { "keepalived", 18 }, { NULL, 0 },
};

static const struct name_val *
lookup(const struct name_val *t, const char *name)
{
	for (; t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

static bool
named_u32(struct parser *p, const struct token *t, const char *what,
    const struct name_val *names, uint32_t max, uint32_t *out)
{
	const struct name_val *nv = lookup(names, t->text);

	if (nv != NULL) {
		*out = (uint32_t)nv->val;
		return true;
	}
	return parse_u32(p, t, what, 0, max, out);
}

/* An address or prefix of the family already seen (af 0: any). */
static bool
prefix_of(struct parser *p, const struct token *t, int *af,
    struct lvsd_prefix *out)
{
	if (!parse_prefix(p, t, out))
		return false;
	if (*af != 0 && out->addr.af != *af) {
		cfg_error(p, t, "'%s' is not of the same address family as "
		    "the rest of the line", t->text);
		return false;
	}
	*af = out->addr.af;
	return true;
}

static bool
addr_of(struct parser *p, const struct token *t, int *af,
    struct lvsd_addr *out)
{
	struct lvsd_prefix pfx;

	if (strchr(t->text, '/') != NULL) {
		cfg_error(p, t, "'%s': an address without a prefix length is "
		    "needed here", t->text);
		return false;
	}
	if (!prefix_of(p, t, af, &pfx))
		return false;
	*out = pfx.addr;
	return true;
}

/* [src ADDR] [TYPE] [to] DEST/LEN [via|gw GW] [dev IF] [metric N]
 * [table N] [scope S] [proto P] [type TYPE] */
static bool
route_entry(struct parser *p, struct cfg_route **arr, size_t *n,
    struct token *args, size_t nargs)
{
	struct cfg_route r = { .scope = -1, .type = RTN_UNICAST };
	const struct name_val *nv;
	int af = 0;
	uint32_t v;
	size_t i = 0;

	r.pos = parser_pos(p, &args[0]);
	if (nargs >= 2 && strcmp(args[0].text, "src") == 0) {
		if (!addr_of(p, &args[1], &af, &r.src))
			return false;
		i = 2;
	}
	if (i < nargs && (nv = lookup(route_types, args[i].text)) != NULL) {
		r.type = nv->val;
		i++;
	}
	if (i < nargs && strcmp(args[i].text, "to") == 0)
		i++;
	if (i >= nargs) {
		cfg_error(p, &args[nargs - 1], "route without a destination");
		return false;
	}
	if (!prefix_of(p, &args[i], &af, &r.dst))
		return false;
	for (i++; i < nargs; i++) {
		const char *opt = args[i].text;
		struct token *val = &args[i + 1];

		if (i + 1 >= nargs) {
			cfg_error(p, &args[i], "route option '%s' needs a value "
			    "or is not supported by lvsd", opt);
			return false;
		}
		i++;
		if (strcmp(opt, "via") == 0 || strcmp(opt, "gw") == 0) {
			if (!addr_of(p, val, &af, &r.via))
				return false;
		} else if (strcmp(opt, "src") == 0) {
			if (!addr_of(p, val, &af, &r.src))
				return false;
		} else if (strcmp(opt, "dev") == 0 || strcmp(opt, "oif") == 0) {
			r.dev = parser_strdup(p, val);
		} else if (strcmp(opt, "metric") == 0 ||
		    strcmp(opt, "preference") == 0 ||
		    strcmp(opt, "priority") == 0) {
			if (!parse_u32(p, val, "metric", 0, UINT32_MAX,
			    &r.metric))
				return false;
		} else if (strcmp(opt, "table") == 0) {
			if (!named_u32(p, val, "table", tables, UINT32_MAX,
			    &r.table))
				return false;
		} else if (strcmp(opt, "scope") == 0) {
			if (!parse_scope(p, val, &r.scope))
				return false;
		} else if (strcmp(opt, "proto") == 0 ||
		    strcmp(opt, "protocol") == 0) {
			if (!named_u32(p, val, "protocol", protos, 255, &v))
				return false;
			r.protocol = (int)v;
		} else if (strcmp(opt, "type") == 0) {
			if ((nv = lookup(route_types, val->text)) == NULL) {
				cfg_error(p, val, "route type '%s' is not "
				    "supported by lvsd (one of: unicast, "
				    "blackhole, unreachable, prohibit)",
				    val->text);
				return false;
			}
			r.type = nv->val;
		} else {
			cfg_error(p, &args[i - 1], "route option '%s' is not "
			    "supported by lvsd (supported: via, dev, src, "
			    "metric, table, scope, proto, type)", opt);
			return false;
		}
	}
	if (r.type != RTN_UNICAST && (r.via.af != 0 || r.dev != NULL)) {
		cfg_error_at(p, &r.pos, "a route of this type takes neither "
		    "'via' nor 'dev'");
		return false;
	}
	*ARENA_PUSH(parser_arena(p), *arr, *n) = r;
	return true;
}

/* FROM/LEN | all, TO/LEN | all */
static bool
rule_prefix(struct parser *p, struct token *t, int *af,
    struct lvsd_prefix *out)
{
	if (strcmp(t->text, "all") == 0) {
		memset(out, 0, sizeof(*out));
		return true;
	}
	return prefix_of(p, t, af, out);
}

/* N or 0xN, as ip-rule(8) */
static bool
u32_any_base(const char *s, size_t len, uint32_t *out)
{
	char buf[24], *end;
	unsigned long long v;

	if (len == 0 || len >= sizeof(buf) || s[0] == '-')
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	v = strtoull(buf, &end, 0);
	if (*end != '\0' || v > UINT32_MAX)
		return false;
	*out = (uint32_t)v;
	return true;
}

/* fwmark N[/M] */
static bool
fwmark_of(struct parser *p, struct token *t, struct cfg_rule *r)
{
	const char *slash = strchr(t->text, '/');
	size_t len = slash != NULL ? (size_t)(slash - t->text) :
	    strlen(t->text);

	r->fwmask = UINT32_MAX;
	if (!u32_any_base(t->text, len, &r->fwmark) || (slash != NULL &&
	    !u32_any_base(slash + 1, strlen(slash + 1), &r->fwmask))) {
		cfg_error(p, t, "fwmark '%s' is not N or N/MASK (decimal or "
		    "0x hexadecimal)", t->text);
		return false;
	}
	r->has_fwmark = true;
	return true;
}

/* from A/P [to B/P] [iif IF] [oif IF] [table N] [priority N]
 * [fwmark N[/M]] */
static bool
rule_entry(struct parser *p, struct cfg_rule **arr, size_t *n,
    struct token *args, size_t nargs)
{
	struct cfg_rule r = { .table = RT_TABLE_MAIN };
	uint32_t v;

	r.pos = parser_pos(p, &args[0]);
	for (size_t i = 0; i < nargs; i++) {
		const char *opt = args[i].text;
		struct token *val = &args[i + 1];

		if (i + 1 >= nargs) {
			cfg_error(p, &args[i], "rule option '%s' needs a value "
			    "or is not supported by lvsd", opt);
			return false;
		}
		i++;
		if (strcmp(opt, "from") == 0) {
			if (!rule_prefix(p, val, &r.family, &r.from))
				return false;
		} else if (strcmp(opt, "to") == 0) {
			if (!rule_prefix(p, val, &r.family, &r.to))
				return false;
		} else if (strcmp(opt, "iif") == 0 || strcmp(opt, "dev") == 0) {
			r.iif = parser_strdup(p, val);
		} else if (strcmp(opt, "oif") == 0) {
			r.oif = parser_strdup(p, val);
		} else if (strcmp(opt, "table") == 0 ||
		    strcmp(opt, "lookup") == 0) {
			if (!named_u32(p, val, "table", tables, UINT32_MAX,
			    &r.table))
				return false;
		} else if (strcmp(opt, "priority") == 0 ||
		    strcmp(opt, "preference") == 0 ||
		    strcmp(opt, "pref") == 0) {
			if (!parse_u32(p, val, "priority", 0, UINT32_MAX - 1,
			    &v))
				return false;
			r.priority = v;
			r.has_priority = true;
		} else if (strcmp(opt, "fwmark") == 0) {
			if (!fwmark_of(p, val, &r))
				return false;
		} else {
			cfg_error(p, &args[i - 1], "rule option '%s' is not "
			    "supported by lvsd (supported: from, to, iif, oif, "
			    "table, priority, fwmark)", opt);
			return false;
		}
	}
	if (r.family == 0)
		r.family = AF_INET;   /* `from all`: keepalived's default too */
	*ARENA_PUSH(parser_arena(p), *arr, *n) = r;
	return true;
}

static bool
vroutes_entry(struct parser *p, void *obj, struct token *args, size_t nargs)
{
	struct cfg_vrrp_instance *vi = obj;

	return route_entry(p, &vi->vroutes, &vi->n_vroutes, args, nargs);
}

static bool
vrules_entry(struct parser *p, void *obj, struct token *args, size_t nargs)
{
	struct cfg_vrrp_instance *vi = obj;

	return rule_entry(p, &vi->vrules, &vi->n_vrules, args, nargs);
}

static bool
static_ips_entry(struct parser *p, void *obj, struct token *args,
    size_t nargs)
{
	struct lvsd_config *cfg = obj;

	if (!cfg_vip_entry(p, &cfg->static_ips, &cfg->n_static_ips, args,
	    nargs))
		return false;
	if (cfg->static_ips[cfg->n_static_ips - 1].dev == NULL) {
		cfg_error(p, &args[0], "static_ipaddress %s needs 'dev IF'",
		    args[0].text);
		cfg->n_static_ips--;
		return false;
	}
	return true;
}

static bool
static_routes_entry(struct parser *p, void *obj, struct token *args,
    size_t nargs)
{
	struct lvsd_config *cfg = obj;

	return route_entry(p, &cfg->static_routes, &cfg->n_static_routes, args,
	    nargs);
}

static bool
static_rules_entry(struct parser *p, void *obj, struct token *args,
    size_t nargs)
{
	struct lvsd_config *cfg = obj;

	return rule_entry(p, &cfg->static_rules, &cfg->n_static_rules, args,
	    nargs);
}

const struct block_def cfg_vroutes_block = {
	.name = "virtual_routes", .entry = vroutes_entry,
};
const struct block_def cfg_vrules_block = {
	.name = "virtual_rules", .entry = vrules_entry,
};
const struct block_def cfg_static_ips_block = {
	.name = "static_ipaddress", .entry = static_ips_entry,
};
const struct block_def cfg_static_routes_block = {
	.name = "static_routes", .entry = static_routes_entry,
};
const struct block_def cfg_static_rules_block = {
	.name = "static_rules", .entry = static_rules_entry,
};
