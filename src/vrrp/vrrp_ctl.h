/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What lvsctl sees of the vrrp engine and asks of it (engine_role). */
#ifndef LVSD_VRRP_CTL_H
#define LVSD_VRRP_CTL_H

#include <stddef.h>
#include <stdint.h>

struct engine;
struct json_object;

struct json_object *vrrp_ctl_status(struct engine *e);
int vrrp_ctl_command(struct engine *e, uint16_t type, const char *arg,
    size_t len, char *err, size_t errlen);

#endif
