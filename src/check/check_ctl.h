/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What lvsctl sees of the check engine and asks of it (engine_role). */
#ifndef LVSD_CHECK_CTL_H
#define LVSD_CHECK_CTL_H

#include <stddef.h>
#include <stdint.h>

struct engine;
struct ipvs_owner;
struct json_object;

struct checkers;
struct json_object *check_ctl_status(struct engine *e,
    const struct ipvs_owner *o, struct checkers *c);
int check_ctl_command(struct engine *e, struct ipvs_owner *o, uint16_t type,
    const char *arg, size_t len, char *err, size_t errlen);

#endif
