/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The parent's control socket for lvsctl.  Clients send IPC_CTL_*
 * requests (msg.h) with their own request ids; every answer is one JSON
 * document (ctl_json.h) with "ok" and, on failure, "error" and
 * "diagnostics".  Status is merged from the engines' answers to
 * IPC_STATUS_QUERY, each request bounded by a timeout, so no loop ever
 * waits on another.  The parent also keeps what must outlive an engine:
 * the drain set, sent again to every (re)started check engine.
 */
#ifndef LVSD_CTL_SERVER_H
#define LVSD_CTL_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipc/event.h"
#include "ipc/frame.h"

struct ctl_server;
struct engine_child;
struct json_object;
struct parent_ctx;

#define CTL_DEFAULT_SOCKET "/run/lvsd/lvsd.sock"
/* How long the parent waits for the engines' part of an answer. */
#define CTL_ENGINE_TIMEOUT 5.0

/* Listen on `path` (mode 0600, or 0660 with `group`); NULL on failure,
 * logged: lvsd then runs without a control socket. */
struct ctl_server *ctl_server_new(struct parent_ctx *p, const char *path,
    const char *group);
/* Close the socket and every client, remove the socket file. */
void ctl_server_free(struct ctl_server *s);
/* In a freshly forked engine: close the fds, touch nothing else. */
void ctl_server_forget(struct ctl_server *s);

/* The status document lvsctl gets, for the parent itself (metrics): done
 * is called once, from the loop, with the answer (borrowed). */
void ctl_collect_status(struct ctl_server *s,
    void (*done)(void *arg, struct json_object *answer), void *arg);
/* Forget a collection whose caller went away (done is not called). */
void ctl_cancel_collect(struct ctl_server *s, void *arg);

/* What supervise.c and parent.c report. */
void ctl_engine_message(struct ctl_server *s, struct engine_child *e,
    const struct ipc_msg *msg);
/* Also counts IPVS repairs in the parent context (s may be NULL). */
void ctl_engine_event(struct ctl_server *s, struct engine_child *e,
    uint16_t type, const struct ipc_event *ev);
/* A configuration was queued to `e`: the drain set follows it. */
void ctl_engine_configured(struct ctl_server *s, struct engine_child *e);
/* An engine exited: its unanswered parts are given up. */
void ctl_engine_gone(struct ctl_server *s, struct engine_child *e);
/* Reload attempt `seq` ended: the configuration was bad, or its push
 * finished (ok: every engine applied it).  Answers the waiting reloads. */
void ctl_reload_done(struct ctl_server *s, uint32_t seq, bool ok);

#endif
