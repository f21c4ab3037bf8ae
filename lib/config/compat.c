// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * keepalived configurations as operators really write them: the options a
 * parse depends on (config id, lenient switch), keepalived 1.x keywords,
 * words keepalived ignores, prefixes where an address is meant, host names
 * where keepalived resolves them, and the objects the lenient switch drops.
 * What each one does is listed in lvsd.conf(5) and doc/migrating.md.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "config/parser.h"
#include "util.h"

/* -- options shared with the engines ---------------------------------------- */

void
compat_options(struct cfg_source *src, struct config_options *o, char *host,
    size_t hostlen)
{
	const char *v;
	struct utsname u;

	if (src->get_option != NULL) {
		if ((v = src->get_option(src, "config-id")) != NULL)
			o->config_id = v;
		if ((v = src->get_option(src, "lenient")) != NULL)
			o->lenient = strcmp(v, "1") == 0;
	}
	if (o->config_id == NULL) {
		/* keepalived: the node name up to its first dot. */
		host[0] = '\0';
		if (uname(&u) == 0)
			snprintf(host, hostlen, "%.*s",
			    (int)strcspn(u.nodename, "."), u.nodename);
		o->config_id = host;
	}
	if (src->put_option != NULL) {
		src->put_option(src, "config-id", o->config_id);
		src->put_option(src, "lenient", o->lenient ? "1" : "0");
	}
}

/* -- keepalived 1.x keywords -------------------------------------------------- */

enum legacy_action {
	LEGACY_ROUTER_ID,       /* lvs_id: read as router_id */
	LEGACY_SYNC_IF,         /* run as lvs_sync_daemon IF INSTANCE */
	LEGACY_OBSOLETE,        /* nothing to do today */
	LEGACY_RENAMED,         /* renamed to a keyword lvsd skips */
};

static const struct {
	const char *block, *name;
	enum legacy_action action;
	const char *modern;
} legacy[] = {
	{ "global_defs", "lvs_id", LEGACY_ROUTER_ID, "router_id" },
	{ "virtual_server", "nat_mask", LEGACY_OBSOLETE, NULL },
	{ "vrrp_instance", "lvs_sync_daemon_inteface", LEGACY_SYNC_IF,
	    "lvs_sync_daemon" },
	{ "global_defs", "lvs_process_name", LEGACY_RENAMED,
	    "checker_process_name" },
	{ "global_defs", "vrrp_rlimit_rtime", LEGACY_RENAMED,
	    "vrrp_rlimit_rttime" },
	{ "global_defs", "checker_rlimit_rtime", LEGACY_RENAMED,
	    "checker_rlimit_rttime" },
	{ "global_defs", "bfd_rlimit_rtime", LEGACY_RENAMED,
	    "bfd_rlimit_rttime" },
	{ "global_defs", "vrrp_vmac_garp_intvl", LEGACY_RENAMED,
	    "vrrp_garp_extra_if" },
	{ "vrrp_instance", "vmac_garp_intvl", LEGACY_RENAMED,
	    "garp_extra_if" },
};

bool
compat_legacy_keyword(struct parser *p, const struct block_def *b, void *obj,
    struct token *words, size_t n)
{
	struct cfg_vrrp_instance *vi = obj;
	struct cfg_global *g = obj;
	size_t i;

	for (i = 0; i < sizeof(legacy) / sizeof(legacy[0]); i++)
		if (strcmp(legacy[i].block, b->name) == 0 &&
		    strcmp(legacy[i].name, words[0].text) == 0)
			break;
	if (i == sizeof(legacy) / sizeof(legacy[0]))
		return false;
	switch (legacy[i].action) {
	case LEGACY_ROUTER_ID:
		cfg_warn(p, &words[0], "'lvs_id' is keepalived 1.x's name for "
		    "'router_id'; read as router_id");
		if (n == 2 && g->router_id == NULL)
			g->router_id = parser_strdup(p, &words[1]);
		break;
	case LEGACY_SYNC_IF:
		if (n != 2) {
			cfg_error(p, &words[0], "'%s' takes 1 argument, %zu "
			    "given", words[0].text, n - 1);
			break;
		}
		cfg_warn(p, &words[0], "'lvs_sync_daemon_inteface' is a "
		    "misspelling that keepalived 2 ignores (no connection "
		    "sync); lvsd runs it as 'lvs_sync_daemon %s %s' in "
		    "global_defs", words[1].text, vi->name);
		vi->lvs_sync_daemon_interface = parser_strdup(p, &words[1]);
		break;
	case LEGACY_OBSOLETE:
		cfg_warn(p, &words[0], "'%s' is obsolete (keepalived 1.x); "
		    "ignored", words[0].text);
		break;
	case LEGACY_RENAMED:
		cfg_warn(p, &words[0], "'%s' is keepalived's old name for "
		    "'%s', which lvsd does not support yet; ignored",
		    words[0].text, legacy[i].modern);
		break;
	}
	return true;
}

/* The blocks a misplaced keyword is looked up in, most common first. */
static const struct block_def *const other_blocks[] = {
	&cfg_vrrp_instance_block, &cfg_virtual_server_block,
	&cfg_global_block, &cfg_vrrp_script_block, &cfg_sync_group_block,
};

bool
compat_wrong_block(struct parser *p, const struct block_def *b,
    const struct token *kw)
{
	for (size_t i = 0; i < sizeof(other_blocks) / sizeof(other_blocks[0]);
	    i++) {
		const struct block_def *o = other_blocks[i];

		if (o == b)
			continue;
		for (const struct kw *k = o->kws; k && k->name; k++) {
			if (strcmp(k->name, kw->text) == 0) {
				cfg_refuse(p, kw, "unknown keyword '%s' in %s; "
				    "it belongs in %s", kw->text, b->name,
				    o->name);
				return true;
			}
		}
	}
	return false;
}

/* -- words keepalived ignores --------------------------------------------------- */

static const struct {
	const char *name;
	size_t max;
} trailing[] = {
	{ "virtual_server", 2 }, { "real_server", 2 }, { "sorry_server", 2 },
	{ "connect_ip", 1 }, { "bindto", 1 }, { "smtp_server", 2 },
	{ "mcast_src_ip", 1 }, { "unicast_src_ip", 1 },
};

size_t
compat_trim_args(struct parser *p, const struct block_def *b,
    const struct kw *k, struct token *args, size_t nargs)
{
	char ignored[256];

	(void)b;
	ignored[0] = '\0';
	/* The count first: this runs for every statement of the file, and
	 * most have one argument, which every keyword here takes. */
	if (nargs <= 1)
		return nargs;
	for (size_t i = 0; i < sizeof(trailing) / sizeof(trailing[0]); i++) {
		if (nargs <= trailing[i].max ||
		    strcmp(trailing[i].name, k->name) != 0)
			continue;
		for (size_t j = trailing[i].max; j < nargs; j++) {
			if (ignored[0] != '\0')
				strncat(ignored, " ", sizeof(ignored) -
				    strlen(ignored) - 1);
			strncat(ignored, args[j].text, sizeof(ignored) -
			    strlen(ignored) - 1);
		}
		cfg_warn(p, &args[trailing[i].max], "'%s' takes at most %zu "
		    "argument%s; '%s' ignored, as keepalived does", k->name,
		    trailing[i].max, trailing[i].max == 1 ? "" : "s", ignored);
		return trailing[i].max;
	}
	return nargs;
}

/* -- addresses -------------------------------------------------------------------- */

bool
compat_addr_no_prefix(struct parser *p, const struct token *t,
    const char *what, struct lvsd_addr *a)
{
	struct lvsd_prefix pfx;
	const char *slash = strchr(t->text, '/');

	if (slash == NULL)
		return parse_addr(p, t, a);
	if (!parse_prefix(p, t, &pfx))
		return false;
	cfg_warn(p, t, "%s '%s': the prefix '%s' is ignored (an address, "
	    "not a network)", what, t->text, slash);
	*a = pfx.addr;
	return true;
}

/* Like kw_addr, for keywords where operators write ADDR/LEN. */
bool
kw_addr_no_prefix(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	struct lvsd_addr a;

	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 1, 1) ||
	    !compat_addr_no_prefix(p, &args[0], kw->name, &a))
		return false;
	*(struct lvsd_addr *)((char *)obj + kw->off) = a;
	return true;
}

bool
compat_rs_port(struct parser *p, const struct token *t, uint16_t *port)
{
	uint32_t v;

	/* 0 is keepalived's "no port": the virtual server's (fwmark: none). */
	if (!parse_u32(p, t, "port", 0, 65535, &v))
		return false;
	*port = (uint16_t)v;
	return true;
}

static bool
is_host_name(const char *s)
{
	bool letter = false;
	size_t n = strlen(s);

	if (n == 0 || n > 253 || s[0] == '-' || s[0] == '.')
		return false;
	for (; *s; s++) {
		if (isalpha((unsigned char)*s))
			letter = true;
		else if (!isdigit((unsigned char)*s) && *s != '-' &&
		    *s != '.' && *s != '_')
			return false;
	}
	return letter;
}

/*
 * An address, or a host name resolved now (the parent resolves it and the
 * answer travels in the bundle, so the engines agree).  A name that does
 * not resolve is a warning, as keepalived goes on without it.
 */
bool
compat_resolve(struct parser *p, const struct token *t, struct lvsd_addr *a)
{
	struct cfg_source *src = parser_source(p);
	char text[64];

	if (addr_from_string(t->text, a))
		return true;
	if (!is_host_name(t->text)) {
		cfg_refuse(p, t, "'%s' is not an IPv4 or IPv6 address or a "
		    "host name", t->text);
		return false;
	}
	if (src->resolve == NULL ||
	    src->resolve(src, t->text, text, sizeof(text)) != 0 ||
	    !addr_from_string(text, a)) {
		cfg_warn(p, t, "host name '%s' does not resolve; ignored",
		    t->text);
		memset(a, 0, sizeof(*a));
		return false;
	}
	return true;
}

/* -- lenient switch ------------------------------------------------------------------ */

bool
compat_kw_lenient(struct parser *p, void *obj, const struct kw *kw,
    struct token *args, size_t nargs, void **child)
{
	bool on = true;

	(void)obj;
	(void)child;
	if (!kw_nargs(p, kw, &args[-1], nargs, 0, 1) ||
	    (nargs == 1 && !parse_bool(p, &args[0], &on)))
		return false;
	if (on)
		parser_set_lenient(p, &args[-1]);
	return true;
}

void
compat_accept_refused(struct diag_list *dl, const size_t *refused, size_t n,
    const struct token *kw, const char *top)
{
	char msg[256];

	for (size_t i = 0; i < n; i++) {
		struct diag *d = &dl->items[refused[i]];
		size_t len = strlen(d->message) + 64;
		char *m = xmalloc(len);

		snprintf(m, len, "%s (lenient: ignored)", d->message);
		free(d->message);
		d->message = m;
		d->severity = DIAG_WARNING;
		dl->n_errors--;
		dl->n_warnings++;
	}
	/* Every read announces it: logged at each start and reload. */
	snprintf(msg, sizeof(msg), "%zu error%s accepted as warnings, their "
	    "lines ignored; keepalived's behaviour, not what the file says", n,
	    n == 1 ? "" : "s");
	if (kw != NULL)
		diag_add(dl, DIAG_WARNING, kw->file, kw->line, kw->col,
		    "lenient mode (lenient_config): %s", msg);
	else
		diag_add(dl, DIAG_WARNING, top, 0, 0,
		    "lenient mode (--lenient): %s", msg);
}

/*
 * In lenient mode a real or virtual server whose address did not parse was
 * still read (its block's errors are reported); keepalived skips it, and so
 * does lvsd now.  Only called when the lenient switch accepted an error.
 */
void
compat_drop_ignored(struct lvsd_config *cfg)
{
	size_t kept = 0;

	for (size_t i = 0; i < cfg->n_virtual_servers; i++) {
		struct cfg_virtual_server *vs = &cfg->virtual_servers[i];
		size_t rs_kept = 0;

		/* A fwmark (and a `virtual_server group`) service has its
		 * family set before anything can fail; an address one only
		 * once the address parsed. */
		if (vs->af == 0)
			continue;
		for (size_t j = 0; j < vs->n_rs; j++)
			if (vs->rs[j].addr.af != 0)
				vs->rs[rs_kept++] = vs->rs[j];
		vs->n_rs = rs_kept;
		if (vs->sorry_server != NULL && vs->sorry_server->addr.af == 0)
			vs->sorry_server = NULL;
		cfg->virtual_servers[kept++] = *vs;
	}
	cfg->n_virtual_servers = kept;
}
