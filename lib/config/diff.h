/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What changed between two loaded configurations, object by object.
 *
 * A reload hands an engine the new configuration; the engine applies only
 * the difference.  Objects are matched by identity: VRRP instances and sync
 * groups by name, virtual servers by (family, protocol, address, port) or
 * fwmark, real servers by (address, port) inside their virtual server.  An
 * object present in both is "changed" when any value that matters to the
 * engine differs; the comparison runs on a canonical rendering of the
 * object, so every field the renderer knows takes part.
 */
#ifndef LVSD_CONFIG_DIFF_H
#define LVSD_CONFIG_DIFF_H

#include <stddef.h>

#include "config/config.h"

enum cfg_change { CFG_ADDED, CFG_REMOVED, CFG_CHANGED };

/* What an object is, and so the type of old_obj/new_obj.  A vrrp_script
 * change shows as a change of every instance or group that tracks it. */
enum cfg_kind {
	CFG_KIND_VRRP_INSTANCE,  /* struct cfg_vrrp_instance */
	CFG_KIND_SYNC_GROUP,     /* struct cfg_sync_group */
	CFG_KIND_VIRTUAL_SERVER, /* struct cfg_virtual_server */
	CFG_KIND_REAL_SERVER,    /* struct cfg_real_server */
};

/* The keyword that declares a kind ("vrrp_instance", ...), for logs. */
const char *cfg_kind_name(enum cfg_kind kind);

/* `name` is the object's identity as operators write it ("VI_1",
 * "192.0.2.1:80/tcp", "198.51.100.2:80 in 192.0.2.1:80/tcp").
 * `old_obj`/`new_obj` are NULL when absent. */
typedef void (*config_diff_fn)(void *arg, enum cfg_change change,
    enum cfg_kind kind, const char *name, const void *old_obj,
    const void *new_obj);

/* VRRP side: instances and sync groups.  Returns the change count. */
size_t config_diff_vrrp(const struct lvsd_config *old_cfg,
    const struct lvsd_config *new_cfg, config_diff_fn fn, void *arg);

/* LVS side: virtual servers, and real servers of virtual servers present in
 * both.  A changed virtual server means its own settings changed; its real
 * servers are reported separately.  Returns the change count. */
size_t config_diff_lvs(const struct lvsd_config *old_cfg,
    const struct lvsd_config *new_cfg, config_diff_fn fn, void *arg);

/* The canonical rendering used for comparison (also handy in logs). */
char *config_render_instance(const struct cfg_vrrp_instance *vi);
char *config_render_vs(const struct cfg_virtual_server *vs);
char *config_render_rs(const struct cfg_real_server *rs);

#endif
