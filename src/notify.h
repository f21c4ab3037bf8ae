/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * systemd's readiness protocol (sd_notify(3)) for the parent: READY=1 once
 * the first generation is applied, RELOADING=1 ... READY=1 around each
 * reload, STOPPING=1 at shutdown, and STATUS= with a one-line summary.
 * Without NOTIFY_SOCKET (no service manager) every call does nothing.
 */
#ifndef LVSD_NOTIFY_H
#define LVSD_NOTIFY_H

struct parent_ctx;

/* sd_notify(3), from libsystemd loaded by notify_init(). */
struct notify_api {
	int (*notify)(int unset_environment, const char *state);
};

/* Under a service manager (NOTIFY_SOCKET set), load libsystemd; an error
 * is logged when it cannot be, and lvsd then runs without notifying. */
void notify_init(struct parent_ctx *p);

/* The daemon's pid, for a service manager that started the process which
 * forked it (only accepted by systemd with NotifyAccess=all). */
void notify_mainpid(const struct parent_ctx *p);
/* A reload starts: RELOADING=1 with the MONOTONIC_USEC systemd expects. */
void notify_reloading(const struct parent_ctx *p);
/* Nothing is in flight any more: READY=1 and the summary of the start or
 * reload that just ended (parent_ctx.last_reload). */
void notify_ready(struct parent_ctx *p);
/* The summary again (STATUS= alone) when an engine exits or a restarted
 * one has applied the configuration; nothing while a push is in flight. */
void notify_status(const struct parent_ctx *p);
void notify_stopping(const struct parent_ctx *p);
/* In a freshly forked engine: the socket is the parent's alone (scripts an
 * engine runs must not speak for the service either). */
void notify_forget(struct parent_ctx *p);

#endif
