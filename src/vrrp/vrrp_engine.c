// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The vrrp engine.  It will own the VRRP state machines and the virtual
 * addresses on the interfaces; for now it reports what it was configured
 * with, and at a reload what changed, and nothing more (the protocol comes
 * in later issues).
 */
#include "config.h"


#include "config/config.h"
#include "config/diff.h"
#include "log.h"
#include "vrrp/vrrp_engine.h"

static void
log_instance(const struct cfg_vrrp_instance *vi, const char *what)
{
	log_info("instance %s (%s vrid %u, priority %u, virtual addresses: "
	    "%zu) %s", vi->name, vi->interface, (unsigned)vi->vrid,
	    (unsigned)vi->priority, vi->n_vips, what);
}

static void
vrrp_change(void *arg, enum cfg_change change, enum cfg_kind kind,
    const char *name, const void *old_obj, const void *new_obj)
{
	const void *obj = new_obj != NULL ? new_obj : old_obj;

	(void)arg;
	if (kind == CFG_KIND_VRRP_INSTANCE)
		log_instance(obj, engine_change_verb(change));
	else
		log_info("%s %s %s", cfg_kind_name(kind), name,
		    engine_change_verb(change));
}

static void
vrrp_apply(struct engine *e, const struct lvsd_config *prev,
    const struct lvsd_config *cfg)
{
	size_t i, changes;

	if (prev == NULL) {
		for (i = 0; i < cfg->n_vrrp_instances; i++)
			log_instance(&cfg->vrrp_instances[i], "configured");
		log_info("instances configured: %zu", cfg->n_vrrp_instances);
		return;
	}
	changes = config_diff_vrrp(prev, cfg, vrrp_change, e);
	log_info("instances: %zu (before: %zu), changes: %zu",
	    cfg->n_vrrp_instances, prev->n_vrrp_instances, changes);
}

const struct engine_role vrrp_role = {
	.name = "vrrp",
	.process_name = "lvsd-vrrp",
	.apply = vrrp_apply,
	.stop = NULL,   /* nothing owned yet: VIPs are released here later */
};
