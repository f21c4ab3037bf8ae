/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lvsctl: the client of lvsd's control socket. */
#ifndef LVSD_LVSCTL_H
#define LVSD_LVSCTL_H

#include <json-c/json.h>
#include <stdio.h>

/* Exit statuses (lvsctl(8)). */
enum {
	LVSCTL_OK = 0,
	LVSCTL_FAILED = 1,      /* lvsd answered: it did not work */
	LVSCTL_UNREACHABLE = 2, /* no answer: socket, timeout, protocol */
	LVSCTL_USAGE = 3,
};

/* render.c: the text forms of the answers. */
enum lvsctl_view { VIEW_ALL, VIEW_VRRP, VIEW_VS, VIEW_RS, VIEW_SYNC };

void render_status(FILE *out, struct json_object *answer,
    enum lvsctl_view view);
void render_event(FILE *out, struct json_object *event);
void render_diagnostics(FILE *out, struct json_object *answer);

#endif
