// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * lvsctl rs drain in the reconciler: the parent keeps the set (it outlives
 * this engine) and sends all of it after every configuration; here it
 * wraps the checkers' health view so that a drained real server that is
 * up keeps its place in the kernel table with weight 0: existing
 * connections go on, new ones go elsewhere.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check/ipvs_owner.h"
#include "check/ipvs_owner_priv.h"
#include "net/addr.h"
#include "util.h"

bool
ipvs_owner_is_drained(const struct ipvs_owner *o,
    const struct cfg_virtual_server *vs, const struct cfg_real_server *rs)
{
	char key[320], rsk[80];
	size_t n, i;

	if (o->n_drained == 0)
		return false;
	config_vs_key(vs, key, sizeof(key));
	n = strlen(key);
	addr_port_to_string(&rs->addr, rs->port, rsk, sizeof(rsk));
	snprintf(key + n, sizeof(key) - n, "\t%s", rsk);
	for (i = 0; i < o->n_drained; i++)
		if (strcmp(o->drained[i], key) == 0)
			return true;
	return false;
}

static void
drained_verdict(void *arg, const struct cfg_virtual_server *vs,
    const struct cfg_real_server *rs, struct rs_verdict *out)
{
	struct ipvs_owner *o = arg;

	if (o->hv != NULL && o->hv->rs_verdict != NULL)
		o->hv->rs_verdict(o->hv->arg, vs, rs, out);
	if (out->up && ipvs_owner_is_drained(o, vs, rs))
		out->weight = 0;
}

static bool
inner_sorry(void *arg, const struct cfg_virtual_server *vs)
{
	struct ipvs_owner *o = arg;

	return o->hv->sorry_active(o->hv->arg, vs);
}

void
ipvs_drain_init(struct ipvs_owner *o)
{
	o->view.arg = o;
	o->view.rs_verdict = drained_verdict;
	/* Without the checkers' word desired.c applies its own rule. */
	o->view.sorry_active = o->hv != NULL && o->hv->sorry_active != NULL ?
	    inner_sorry : NULL;
}

const struct health_view *
ipvs_owner_view(const struct ipvs_owner *o)
{
	return &o->view;
}

const struct kernel_table *
ipvs_owner_known(const struct ipvs_owner *o)
{
	return o->known_valid ? &o->known : NULL;
}

static void
drained_clear(struct ipvs_owner *o)
{
	size_t i;

	for (i = 0; i < o->n_drained; i++)
		free(o->drained[i]);
	free(o->drained);
	o->drained = NULL;
	o->n_drained = 0;
}

void
ipvs_drain_free(struct ipvs_owner *o)
{
	drained_clear(o);
}

/* Every virtual server with a real server drained in either set. */
static void
mark_drained_dirty(struct ipvs_owner *o)
{
	const struct cfg_virtual_server *vs;
	size_t i, j;

	for (i = 0; o->cfg != NULL && i < o->cfg->n_virtual_servers; i++) {
		vs = &o->cfg->virtual_servers[i];
		for (j = 0; j < vs->n_rs; j++)
			if (ipvs_owner_is_drained(o, vs, &vs->rs[j])) {
				ipvs_owner_service_dirty(o, vs);
				break;
			}
	}
}

void
ipvs_owner_set_drained(struct ipvs_owner *o, const char *text, size_t len)
{
	const char *line = text, *end = text + len, *nl;

	mark_drained_dirty(o);
	drained_clear(o);
	for (; line < end; line = nl + 1) {
		nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			nl = end;
		if (nl == line || memchr(line, '\t', (size_t)(nl - line)) == NULL)
			continue;
		o->drained = xrealloc(o->drained,
		    (o->n_drained + 1) * sizeof(*o->drained));
		o->drained[o->n_drained++] = strndup(line, (size_t)(nl - line));
	}
	mark_drained_dirty(o);
}
