/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The control socket's insides, shared by ctl_server.c (socket, clients,
 * waiting requests) and ctl_commands.c (what each request does). */
#ifndef LVSD_CTL_SERVER_PRIV_H
#define LVSD_CTL_SERVER_PRIV_H

#include <ev.h>
#include <json-c/json.h>
#include <stdbool.h>
#include <sys/types.h>

#include "ctl_json.h"
#include "ipc/channel.h"
#include "parent_ctx.h"

/* doc/lvsctl-json.md: raised when a field changes meaning or goes away. */
#define CTL_SCHEMA_VERSION 1
#define CTL_SCHEMA_MINOR 1    /* additions (doc/lvsctl-json.md) */
/* Events kept for `lvsctl events` to show what happened before it ran. */
#define CTL_EVENT_HISTORY 64

struct ctl_server;

struct ctl_client {
	struct ctl_client *next;
	struct ctl_server *srv;
	struct ipc_channel ch;
	bool refused;                   /* not root: every request refused */
	bool events;                    /* `lvsctl events`: streamed to */
	bool closed;                    /* freed by the reaper */
};

struct ctl_request {
	struct ctl_request *next;
	struct ctl_server *srv;
	struct ctl_client *client;      /* NULL once the client left */
	uint16_t type;                  /* IPC_CTL_* */
	uint32_t client_id, id;         /* the client's id, ours to engines */
	uint32_t reload_seq;            /* RELOAD: answered by this attempt */
	char *drain_vs, *drain_rs;      /* RS_DRAIN/ENABLE: the pair */
	bool drain_changed;             /* ... and the set changed for it */
	bool waiting[N_ENGINES];        /* parts still to come */
	struct json_object *answer;
	ev_timer timeout;
	/* Called before the answer goes out (may be NULL). */
	void (*finish)(struct ctl_request *r);
	/* An internal request (metrics): given the answer, not a client. */
	void (*done)(void *arg, struct json_object *answer);
	void *done_arg;
};

struct ctl_drain {
	char *vs, *rs;
};

struct ctl_server {
	struct parent_ctx *p;
	int fd;
	char *path;
	gid_t gid;                      /* -1: root only */
	ev_io accept_io;
	ev_idle reaper;
	struct ctl_client *clients;
	struct ctl_request *requests;
	uint32_t next_id;
	struct ctl_json_buf rx[N_ENGINES];
	struct ctl_drain *drains;
	size_t n_drains;
	struct json_object *history;    /* array of the last events */
};

extern const struct ipc_handler ctl_handlers[];
extern const size_t ctl_n_handlers;

struct json_object *ctl_answer_new(bool ok, const char *error);
void ctl_answer(struct ctl_client *c, uint32_t id, struct json_object *a);
struct ctl_request *ctl_request_new(struct ctl_server *s,
    struct ctl_client *c, uint16_t type, uint32_t client_id);
/* Finish now if no part is missing (false), else arm the timeout. */
bool ctl_request_wait(struct ctl_request *r);
void ctl_request_finish(struct ctl_request *r);
void ctl_drain_free(struct ctl_server *s);

#endif
