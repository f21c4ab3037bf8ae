// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The check engine: the health checks and the kernel IPVS table.  It logs
 * what a configuration changed and hands the configuration to the IPVS
 * reconciler (ipvs_owner.c), which keeps the kernel table equal to it.
 */
#include "config.h"

#include <stdlib.h>

#include "check/check_ctl.h"
#include "check/check_engine.h"
#include "check/checkers.h"
#include "check/ipvs_owner.h"
#include "config/config.h"
#include "config/diff.h"
#include "log.h"
#include "util.h"

/* The check engine's own context (engine->role_ctx). */
struct check_ctx {
	struct ipvs_owner *ipvs;
	struct checkers *checkers;
};

/* A verdict changed: reconcile that virtual server. */
static void
on_verdict(void *arg, const struct cfg_virtual_server *vs)
{
	ipvs_owner_service_dirty(arg, vs);
}

static struct check_ctx *
check_ctx(struct engine *e)
{
	if (e->role_ctx == NULL) {
		struct check_ctx *c = xcalloc(1, sizeof(*c));

		c->ipvs = ipvs_owner_new(e);
		c->checkers = checkers_new(e, on_verdict, c->ipvs);
		ipvs_owner_set_health(c->ipvs, checkers_view(c->checkers));
		e->role_ctx = c;
	}
	return e->role_ctx;
}

/* At most this many objects are logged one by one per start or reload
 * (then -D): 10,000 lines would cost seconds on a slow machine. */
#define LOG_OBJECTS_MAX 20
/* Above this many virtual servers (on average) a reload is not diffed
 * for the log, unless -D. */
#define DIFF_LOG_MAX_VS 100

static void
log_vs(const struct cfg_virtual_server *vs, const char *what, size_t n)
{
	char key[128];

	if (n >= LOG_OBJECTS_MAX && !log_detail())
		return;
	config_vs_key(vs, key, sizeof(key));
	(n < LOG_OBJECTS_MAX ? log_info : log_debug)("virtual server %s (%s, "
	    "real servers: %zu) %s", key, vs->sched[0] != '\0' ? vs->sched :
	    "default", vs->n_rs, what);
}

static void
check_change(void *arg, enum cfg_change change, enum cfg_kind kind,
    const char *name, const void *old_obj, const void *new_obj)
{
	const void *obj = new_obj != NULL ? new_obj : old_obj;
	size_t *n = arg;

	if (kind == CFG_KIND_VIRTUAL_SERVER)
		log_vs(obj, engine_change_verb(change), *n);
	else if (*n < LOG_OBJECTS_MAX)
		log_info("%s %s %s", cfg_kind_name(kind), name,
		    engine_change_verb(change));
	else
		log_debug("%s %s %s", cfg_kind_name(kind), name,
		    engine_change_verb(change));
	(*n)++;
}

static void
check_apply(struct engine *e, const struct lvsd_config *prev,
    const struct lvsd_config *cfg)
{
	struct check_ctx *c = check_ctx(e);
	size_t i, changes, n = 0;

	/* The verdicts first: the reconciler reads them for cfg. */
	checkers_apply(c->checkers, cfg);
	if (prev == NULL) {
		for (i = 0; i < cfg->n_virtual_servers; i++)
			log_vs(&cfg->virtual_servers[i], "configured", i);
		log_info("virtual servers configured: %zu",
		    cfg->n_virtual_servers);
	} else if (!log_detail() && prev->n_virtual_servers +
	    cfg->n_virtual_servers > 2 * DIFF_LOG_MAX_VS) {
		/* The diff is for the log only, and costs more than the
		 * parse on a large file: the reconciler's own lines say what
		 * changed in the kernel. */
		log_info("virtual servers: %zu (before: %zu); per-object "
		    "changes logged with -D", cfg->n_virtual_servers,
		    prev->n_virtual_servers);
	} else {
		changes = config_diff_lvs(prev, cfg, check_change, &n);
		log_info("virtual servers: %zu (before: %zu), changes: %zu%s",
		    cfg->n_virtual_servers, prev->n_virtual_servers, changes,
		    changes > LOG_OBJECTS_MAX ? " (the first ones logged; "
		    "all with -D)" : "");
	}
	(void)ipvs_owner_apply(c->ipvs, cfg);
}

static void
check_stop(struct engine *e)
{
	struct check_ctx *c = e->role_ctx;

	if (c == NULL)
		return;
	checkers_stop(c->checkers);
	ipvs_owner_stop(c->ipvs, (e->flags & ENGINE_F_DONT_RELEASE_IPVS) != 0);
	ipvs_owner_free(c->ipvs);
	checkers_free(c->checkers);
	free(c);
	e->role_ctx = NULL;
}

static struct json_object *
check_status(struct engine *e)
{
	return check_ctl_status(e, check_ctx(e)->ipvs, check_ctx(e)->checkers);
}

static int
check_command(struct engine *e, uint16_t type, const char *arg, size_t len,
    char *err, size_t errlen)
{
	return check_ctl_command(e, check_ctx(e)->ipvs, type, arg, len, err,
	    errlen);
}

const struct engine_role check_role = {
	.name = "check",
	.process_name = "lvsd-check",
	.apply = check_apply,
	.stop = check_stop,
	.status = check_status,
	.command = check_command,
};
