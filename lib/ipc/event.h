/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Events: what an engine tells the parent about state changes (a VRRP
 * instance became MASTER, a real server went down, drift was repaired), so
 * the parent can log them and, later, show them to lvsctl and metrics.
 *
 * Payload of every IPC_EVT_* message (msg.h), host byte order:
 *
 *   struct ipc_event_head   state, previous state, wall clock (ms)
 *   object                  who: "VI_1", "192.0.2.1:80/tcp",
 *                           "198.51.100.2:80 in 192.0.2.1:80/tcp"
 *   NUL
 *   reason                  why, free text (no NUL), may be empty
 */
#ifndef LVSD_IPC_EVENT_H
#define LVSD_IPC_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ipc_event_head {
	uint32_t state;
	uint32_t prev_state;
	int64_t wall_ms;                /* CLOCK_REALTIME, milliseconds */
};

/* IPC_EVT_VRRP_STATE states (RFC 5798 plus keepalived's FAULT/STOP). */
enum ipc_vrrp_state {
	IPC_VRRP_INIT = 0,
	IPC_VRRP_BACKUP = 1,
	IPC_VRRP_MASTER = 2,
	IPC_VRRP_FAULT = 3,
	IPC_VRRP_STOP = 4,
};

/* A decoded event; object and reason point into the message. */
struct ipc_event {
	struct ipc_event_head head;
	const char *object;             /* NUL-terminated */
	const char *reason;             /* length reason_len, not terminated */
	size_t reason_len;
};

#define IPC_EVENT_MAX_OBJECT 256u
#define IPC_EVENT_MAX_REASON 1024u

/* Encode into buf (at least sizeof(head) + MAX_OBJECT + MAX_REASON + 1
 * bytes); object and reason are cut to their maximum.  Returns the length. */
size_t ipc_event_encode(uint8_t *buf, const struct ipc_event_head *head,
    const char *object, const char *reason);
/* Decode a payload; false when it is too short or has no NUL after the
 * object (a malformed event is a protocol error). */
bool ipc_event_decode(const uint8_t *data, size_t len, struct ipc_event *ev);

#define IPC_EVENT_BUF_SIZE \
	(sizeof(struct ipc_event_head) + IPC_EVENT_MAX_OBJECT + 1 + \
	    IPC_EVENT_MAX_REASON)

const char *ipc_vrrp_state_name(uint32_t state);

#endif
