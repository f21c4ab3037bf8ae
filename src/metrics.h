/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Prometheus /metrics in the parent, served by libmicrohttpd on the
 * parent's libev loop (MHD's epoll fd watched by one ev_io): each scrape
 * suspends its connection, collects the same status document lvsctl gets
 * (ctl_collect_status) and answers with it rendered (metrics_render).
 */
#ifndef LVSD_METRICS_H
#define LVSD_METRICS_H

#include <stddef.h>

struct json_object;
struct metrics;
struct parent_ctx;

/* Start when global_defs sets metrics_port; NULL when off or on failure
 * (logged). */
struct metrics *metrics_start(struct parent_ctx *p);
void metrics_stop(struct metrics *m);
/* In a freshly forked engine: close the listening socket only. */
void metrics_forget(struct metrics *m);

/* metrics_text.c: the exposition format (text 0.0.4) of a status
 * document; a malloc'ed string, *len its length. */
char *metrics_render(struct json_object *status, size_t *len);

#endif
