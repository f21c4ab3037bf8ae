/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The IPVS connection-sync daemon tied to a VRRP instance (syncd.c). */
#ifndef LVSD_VRRP_SYNCD_H
#define LVSD_VRRP_SYNCD_H

#include "config/config.h"

struct vrrp_ctx;
struct vrrp_syncd;

/* Registers its state hook; call once, after the context exists. */
struct vrrp_syncd *vrrp_syncd_new(struct vrrp_ctx *ctx);
/* After every (re)configuration, once the instances exist. */
void vrrp_syncd_apply(struct vrrp_syncd *sd, const struct lvsd_config *cfg);
/* Stop the daemons it started (bounded wait) and free. */
void vrrp_syncd_free(struct vrrp_syncd *sd);

#endif
