// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The check engine.  It will run the health checks and keep the kernel's
 * IPVS table in line with the configuration and the checks' results; for
 * now it reports what it was configured with, and at a reload what
 * changed, and nothing more.  It never touches IPVS yet, so it runs on a
 * kernel without IPVS.
 */
#include "config.h"

#include "check/check_engine.h"
#include "check/checkers.h"
#include "config/config.h"
#include "config/diff.h"
#include "log.h"

static void
log_vs(const struct cfg_virtual_server *vs, const char *what)
{
	char key[128];

	config_vs_key(vs, key, sizeof(key));
	log_info("virtual server %s (%s, real servers: %zu) %s", key,
	    vs->sched[0] != '\0' ? vs->sched : "default", vs->n_rs, what);
}

static void
check_change(void *arg, enum cfg_change change, enum cfg_kind kind,
    const char *name, const void *old_obj, const void *new_obj)
{
	const void *obj = new_obj != NULL ? new_obj : old_obj;

	(void)arg;
	if (kind == CFG_KIND_VIRTUAL_SERVER)
		log_vs(obj, engine_change_verb(change));
	else
		log_info("%s %s %s", cfg_kind_name(kind), name,
		    engine_change_verb(change));
}

static void
check_apply(struct engine *e, const struct lvsd_config *prev,
    const struct lvsd_config *cfg)
{
	size_t i, changes;

	/* Health checks; the IPVS reconciler will be given checkers_view()
	 * and ipvs_owner_service_dirty as the verdict-changed callback. */
	if (e->role_ctx == NULL)
		e->role_ctx = checkers_new(e, NULL, NULL);
	checkers_apply(e->role_ctx, cfg);
	if (prev == NULL) {
		for (i = 0; i < cfg->n_virtual_servers; i++)
			log_vs(&cfg->virtual_servers[i], "configured");
		log_info("virtual servers configured: %zu",
		    cfg->n_virtual_servers);
		return;
	}
	changes = config_diff_lvs(prev, cfg, check_change, e);
	log_info("virtual servers: %zu (before: %zu), changes: %zu",
	    cfg->n_virtual_servers, prev->n_virtual_servers, changes);
}

static void
check_stop(struct engine *e)
{
	checkers_stop(e->role_ctx);
	checkers_free(e->role_ctx);
	e->role_ctx = NULL;
}

const struct engine_role check_role = {
	.name = "check",
	.process_name = "lvsd-check",
	.apply = check_apply,
	.stop = check_stop,     /* IPVS cleanup goes here later */
};
