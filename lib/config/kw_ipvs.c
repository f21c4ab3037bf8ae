// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The IPVS details of virtual_server and real_server that map straight to
 * kernel fields: forwarding methods with tunnel options, scheduler flags,
 * the sorry server's method, and virtual_server_group (address ranges and
 * fwmarks that each become one kernel service).
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "config/parser.h"

/* Largest range one group line may expand to (a v4 /16). */
#define VSG_MAX_RANGE 65536u

/* -- lvs_method NAT|DR|TUN [type ipip|gue port N|gre] [nocsum|csum|remcsum] */

static bool
parse_lvs_method(struct parser *p, const struct kw *kw, struct token *args,
    size_t nargs, enum lvs_fwd *fwd, struct cfg_tunnel *tun)
{
	size_t i = 1;

	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 6))
		return false;
	if (strcasecmp(args[0].text, "NAT") == 0)
		*fwd = LVS_FWD_NAT;
	else if (strcasecmp(args[0].text, "DR") == 0)
		*fwd = LVS_FWD_DR;
	else if (strcasecmp(args[0].text, "TUN") == 0)
		*fwd = LVS_FWD_TUN;
	else {
		cfg_error(p, &args[0], "unknown %s '%s' (one of: NAT, DR, "
		    "TUN)", kw->name, args[0].text);
		return false;
	}
	memset(tun, 0, sizeof(*tun));
	if (nargs == 1)
		return true;
	if (*fwd != LVS_FWD_TUN) {
		cfg_error(p, &args[1], "'%s' after %s: only TUN takes options",
		    args[1].text, args[0].text);
		return false;
	}
	if (strcmp(args[i].text, "type") != 0) {
		cfg_error(p, &args[i], "unknown TUN option '%s' (expected "
		    "'type ipip|gue|gre')", args[i].text);
		return false;
	}
	if (++i >= nargs) {
		cfg_error(p, &args[i - 1], "'type' needs ipip, gue or gre");
		return false;
	}
	if (strcmp(args[i].text, "ipip") == 0)
		tun->type = LVS_TUN_IPIP;
	else if (strcmp(args[i].text, "gue") == 0)
		tun->type = LVS_TUN_GUE;
	else if (strcmp(args[i].text, "gre") == 0)
		tun->type = LVS_TUN_GRE;
	else {
		cfg_error(p, &args[i], "unknown tunnel type '%s' (one of: "
		    "ipip, gue, gre)", args[i].text);
		return false;
	}
	i++;
	if (tun->type == LVS_TUN_GUE) {
		if (i + 1 >= nargs || strcmp(args[i].text, "port") != 0) {
			cfg_error(p, &args[i - 1], "tunnel type gue needs "
			    "'port N'");
			return false;
		}
		if (!parse_port(p, &args[i + 1], &tun->port))
			return false;
		i += 2;
	}
	if (i < nargs) {
		const char *c = args[i].text;

		if (tun->type == LVS_TUN_IPIP) {
			cfg_error(p, &args[i], "'%s': ipip tunnels take no "
			    "checksum option", c);
			return false;
		}
		if (strcmp(c, "nocsum") == 0)
			tun->flags = 0;
		else if (strcmp(c, "csum") == 0)
			tun->flags = LVS_TUN_F_CSUM;
		else if (strcmp(c, "remcsum") == 0 &&
		    tun->type == LVS_TUN_GUE)
			tun->flags = LVS_TUN_F_REMCSUM;
		else {
			cfg_error(p, &args[i], "unknown %s checksum option "
			    "'%s' (one of: nocsum, csum%s)",
			    tun->type == LVS_TUN_GUE ? "gue" : "gre", c,
			    tun->type == LVS_TUN_GUE ? ", remcsum" : "");
			return false;
		}
		i++;
	}
	if (i < nargs) {
		cfg_error(p, &args[i], "unexpected '%s' after the tunnel "
		    "options", args[i].text);
		return false;
	}
	return true;
}

bool
kw_vs_method(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_virtual_server *vs = obj;

	(void)child;
	return parse_lvs_method(p, kw, args, nargs, &vs->fwd, &vs->tun);
}

bool
kw_rs_method(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_real_server *rs = obj;

	(void)child;
	return parse_lvs_method(p, kw, args, nargs, &rs->fwd, &rs->tun);
}

bool
kw_sorry_method(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct cfg_virtual_server *vs = obj;

	(void)child;
	return parse_lvs_method(p, kw, args, nargs, &vs->sorry_fwd,
	    &vs->sorry_tun);
}

/* -- scheduler flags ------------------------------------------------------ */

static const struct {
	const char *name;
	uint32_t bit;
	const char *family;     /* the scheduler the name belongs to */
} sched_flags[] = {
	{ "flag-1", LVS_SCHED_FLAG_1, "" },
	{ "flag-2", LVS_SCHED_FLAG_2, "" },
	{ "flag-3", LVS_SCHED_FLAG_3, "" },
	{ "sh-fallback", LVS_SCHED_FLAG_1, "sh" },
	{ "sh-port", LVS_SCHED_FLAG_2, "sh" },
	{ "mh-fallback", LVS_SCHED_FLAG_1, "mh" },
	{ "mh-port", LVS_SCHED_FLAG_2, "mh" },
};

/* One flag word (a keyword of its own, or after `lvs_sched NAME`). */
bool
parse_sched_flag(struct parser *p, const struct token *t,
    struct cfg_virtual_server *vs)
{
	for (size_t i = 0; i < sizeof(sched_flags) / sizeof(sched_flags[0]);
	    i++) {
		if (strcmp(t->text, sched_flags[i].name) != 0)
			continue;
		vs->sched_flags |= sched_flags[i].bit;
		if (sched_flags[i].family[0] != '\0') {
			snprintf(vs->sched_flag_family,
			    sizeof(vs->sched_flag_family), "%s",
			    sched_flags[i].family);
			vs->sched_flag_pos = parser_pos(p, t);
		}
		return true;
	}
	cfg_error(p, t, "unknown scheduler flag '%s' (one of: flag-1, flag-2, "
	    "flag-3, sh-port, sh-fallback, mh-port, mh-fallback)", t->text);
	return false;
}

bool
kw_sched_flag(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	(void)child;
	return kw_nargs(p, kw, &args[-1], nargs, 0, 0) &&
	    parse_sched_flag(p, &args[-1], obj);
}

/* -- virtual_server_group ------------------------------------------------- */

void
config_vsg_addr(const struct cfg_vsg_entry *e, uint32_t i,
    struct lvsd_addr *out)
{
	*out = e->first;
	if (out->af == AF_INET) {
		out->u.v4.s_addr = htonl(ntohl(out->u.v4.s_addr) + i);
		return;
	}
	/* IPv6: add to the low 32 bits, carrying upwards. */
	for (int b = 15; b >= 0 && i != 0; b--) {
		uint32_t sum = out->u.v6.s6_addr[b] + (i & 0xff);

		out->u.v6.s6_addr[b] = (uint8_t)sum;
		i = (i >> 8) + (sum >> 8);
	}
}

/* Parse the part after '-' of a range: the last octet (v4, decimal) or
 * hextet (v6, hex), or a whole address.  Sets count. */
static bool
parse_range_end(struct parser *p, const struct token *t, const char *end,
    struct cfg_vsg_entry *e)
{
	struct lvsd_addr last;
	uint64_t lo, hi;
	char *stop;

	if (addr_from_string(end, &last)) {
		if (last.af != e->first.af) {
			cfg_error(p, t, "range '%s' mixes IPv4 and IPv6",
			    t->text);
			return false;
		}
		if (last.af == AF_INET) {
			lo = ntohl(e->first.u.v4.s_addr);
			hi = ntohl(last.u.v4.s_addr);
		} else {
			/* Same upper 96 bits; count over the low 32. */
			if (memcmp(e->first.u.v6.s6_addr, last.u.v6.s6_addr,
			    12) != 0) {
				cfg_error(p, t, "range '%s' is too large "
				    "(at most %u addresses)", t->text,
				    VSG_MAX_RANGE);
				return false;
			}
			lo = (uint64_t)ntohl(*(const uint32_t *)(const void *)
			    &e->first.u.v6.s6_addr[12]);
			hi = (uint64_t)ntohl(*(const uint32_t *)(const void *)
			    &last.u.v6.s6_addr[12]);
		}
	} else {
		int base = e->first.af == AF_INET ? 10 : 16;
		unsigned long v;

		if (!isxdigit((unsigned char)end[0]))
			goto bad;
		v = strtoul(end, &stop, base);
		if (*stop != '\0' || v > (base == 10 ? 255ul : 0xfffful))
			goto bad;
		if (e->first.af == AF_INET) {
			lo = ((const uint8_t *)&e->first.u.v4.s_addr)[3];
		} else {
			lo = (uint64_t)e->first.u.v6.s6_addr[14] << 8 |
			    e->first.u.v6.s6_addr[15];
		}
		hi = v;
	}
	if (hi < lo) {
		cfg_error(p, t, "range '%s' is backwards", t->text);
		return false;
	}
	if (hi - lo + 1 > VSG_MAX_RANGE) {
		cfg_error(p, t, "range '%s' is too large (at most %u "
		    "addresses)", t->text, VSG_MAX_RANGE);
		return false;
	}
	e->count = (uint32_t)(hi - lo + 1);
	return true;
bad:
	cfg_error(p, t, "range '%s': '%s' is not a last %s or an address",
	    t->text, end, e->first.af == AF_INET ? "octet (0-255)" :
	    "hextet (0-ffff)");
	return false;
}

/* ADDR | ADDR-END | ADDR-ADDR | PREFIX/LEN */
static bool
parse_vsg_addresses(struct parser *p, const struct token *t,
    struct cfg_vsg_entry *e)
{
	char buf[2 * INET6_ADDRSTRLEN + 2];
	char *dash, *slash;

	if (strlen(t->text) >= sizeof(buf)) {
		cfg_error(p, t, "'%s' is not an address or range", t->text);
		return false;
	}
	snprintf(buf, sizeof(buf), "%s", t->text);
	e->count = 1;
	if ((slash = strchr(buf, '/')) != NULL) {
		struct lvsd_prefix pfx;
		unsigned host_bits;

		if (!parse_prefix(p, t, &pfx))
			return false;
		host_bits = (pfx.addr.af == AF_INET ? 32u : 128u) - pfx.len;
		if (host_bits > 16) {
			cfg_error(p, t, "'%s' is too large (at most %u "
			    "addresses)", t->text, VSG_MAX_RANGE);
			return false;
		}
		e->first = pfx.addr;
		/* Start at the network address. */
		if (pfx.addr.af == AF_INET) {
			uint32_t a = ntohl(pfx.addr.u.v4.s_addr);

			a &= host_bits == 32 ? 0 : ~((1u << host_bits) - 1);
			e->first.u.v4.s_addr = htonl(a);
		} else {
			for (unsigned b = 0; b < host_bits; b++)
				e->first.u.v6.s6_addr[15 - b / 8] &=
				    (uint8_t)~(1u << (b % 8));
		}
		e->count = 1u << host_bits;
		return true;
	}
	dash = strchr(buf, '-');
	if (dash != NULL)
		*dash = '\0';
	if (!addr_from_string(buf, &e->first)) {
		cfg_error(p, t, "'%s' is not an IPv4 or IPv6 address", buf);
		return false;
	}
	return dash == NULL || parse_range_end(p, t, dash + 1, e);
}

/* One line: `ADDRESSES [PORT]` or `fwmark N [inet|inet6]`. */
static bool
vsg_entry(struct parser *p, void *obj, struct token *args, size_t nargs)
{
	struct cfg_vs_group *g = obj;
	struct cfg_vsg_entry *e;

	e = ARENA_PUSH(parser_arena(p), g->entries, g->n_entries);
	e->pos = parser_pos(p, &args[0]);
	if (strcmp(args[0].text, "fwmark") == 0) {
		if (nargs < 2 || nargs > 3) {
			cfg_error(p, &args[0], "'fwmark' in a group takes a "
			    "mark and optionally inet or inet6");
			return false;
		}
		e->is_fwmark = true;
		e->af = AF_INET;
		if (!parse_u32(p, &args[1], "fwmark", 1, 0xffffffffULL,
		    &e->fwmark))
			return false;
		if (nargs == 3) {
			if (strcmp(args[2].text, "inet6") == 0)
				e->af = AF_INET6;
			else if (strcmp(args[2].text, "inet") != 0) {
				cfg_error(p, &args[2], "fwmark family '%s' "
				    "must be inet or inet6", args[2].text);
				return false;
			}
		}
		return true;
	}
	if (nargs > 2) {
		cfg_error(p, &args[2], "unexpected '%s': a group line is "
		    "ADDRESS[-RANGE] [PORT] or fwmark N", args[2].text);
		return false;
	}
	if (!parse_vsg_addresses(p, &args[0], e))
		return false;
	e->af = e->first.af;
	return nargs < 2 || parse_port(p, &args[1], &e->port);
}

const struct block_def cfg_vs_group_block = {
	.name = "virtual_server_group", .entry = vsg_entry,
};

bool
kw_vs_group(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct lvsd_config *cfg = obj;
	struct cfg_vs_group *g;

	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 1))
		return false;
	for (size_t i = 0; i < cfg->n_vs_groups; i++) {
		if (strcmp(cfg->vs_groups[i].name, args[0].text) == 0) {
			cfg_error(p, &args[0], "virtual_server_group '%s' is "
			    "defined twice (first at %s:%u)", args[0].text,
			    cfg->vs_groups[i].pos.file,
			    cfg->vs_groups[i].pos.line);
			return false;
		}
	}
	g = ARENA_PUSH(parser_arena(p), cfg->vs_groups, cfg->n_vs_groups);
	g->name = parser_strdup(p, &args[0]);
	g->pos = parser_pos(p, &args[-1]);
	*child = g;
	return true;
}

/* -- validation ----------------------------------------------------------- */

static const struct cfg_vs_group *
find_group(const struct lvsd_config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->n_vs_groups; i++)
		if (strcmp(cfg->vs_groups[i].name, name) == 0)
			return &cfg->vs_groups[i];
	return NULL;
}

/*
 * Before the per-service checks: resolve `group NAME` and give such a
 * service the family of its group (one family per group: IPVS services
 * of one virtual_server share its real servers).
 */
void
config_validate_vs_groups(struct parser *p, struct lvsd_config *cfg)
{
	for (size_t i = 0; i < cfg->n_vs_groups; i++) {
		const struct cfg_vs_group *g = &cfg->vs_groups[i];

		if (g->n_entries == 0)
			cfg_warn_at(p, &g->pos, "virtual_server_group '%s' is "
			    "empty", g->name);
		for (size_t j = 1; j < g->n_entries; j++)
			if (g->entries[j].af != g->entries[0].af)
				cfg_error_at(p, &g->entries[j].pos,
				    "virtual_server_group '%s' mixes IPv4 and "
				    "IPv6 (first entry at line %u)", g->name,
				    g->entries[0].pos.line);
	}
	for (size_t i = 0; i < cfg->n_virtual_servers; i++) {
		struct cfg_virtual_server *vs = &cfg->virtual_servers[i];

		if (vs->group_name == NULL)
			continue;
		vs->group = find_group(cfg, vs->group_name);
		if (vs->group == NULL) {
			cfg_error_at(p, &vs->pos, "virtual_server group '%s' "
			    "is not defined (virtual_server_group)",
			    vs->group_name);
			continue;
		}
		if (vs->group->n_entries > 0)
			vs->af = vs->group->entries[0].af;
	}
}

/* Per service, after its real servers were resolved. */
void
config_validate_vs_ipvs(struct parser *p, struct cfg_virtual_server *vs,
    const char *key)
{
	if (vs->sched_flag_family[0] != '\0' &&
	    strcmp(vs->sched_flag_family, vs->sched) != 0)
		cfg_warn_at(p, &vs->sched_flag_pos, "virtual_server %s: "
		    "%s-* flags are for the %s scheduler, this service uses "
		    "%s (the flag bit is set anyway)", key,
		    vs->sched_flag_family, vs->sched_flag_family, vs->sched);
	if (vs->sorry_fwd != LVS_FWD_UNSET && vs->sorry_server == NULL)
		cfg_warn_at(p, &vs->pos, "virtual_server %s: "
		    "sorry_server_lvs_method without a sorry_server", key);
}

/* A real server without its own method takes the service's tunnel too;
 * the sorry server takes sorry_server_lvs_method when given. */
void
config_inherit_method(struct cfg_virtual_server *vs,
    struct cfg_real_server *rs)
{
	if (rs == vs->sorry_server && vs->sorry_fwd != LVS_FWD_UNSET &&
	    rs->fwd == LVS_FWD_UNSET) {
		rs->fwd = vs->sorry_fwd;
		rs->tun = vs->sorry_tun;
	}
	if (rs->fwd == LVS_FWD_UNSET)
		rs->tun = vs->tun;
}
