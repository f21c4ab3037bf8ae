/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Message types and payloads exchanged between lvsd processes.
 *
 * Types are grouped by direction into 256-value ranges, so a receiver's
 * dispatch table (frame.h) only ever lists one range and a message sent the
 * wrong way is an unknown type there.  Ranges and sub-ranges not yet used
 * are reserved so that status queries and the lvsctl control socket can be
 * added without renumbering anything.
 *
 * The header's `id` field carries the configuration generation for every
 * CFG_* message, a sequence number for PING/PONG, and a request id for
 * future queries.
 */
#ifndef LVSD_IPC_MSG_H
#define LVSD_IPC_MSG_H

#include <stdint.h>

enum ipc_msg_type {
	IPC_MSG_NONE = 0x0000,          /* never sent */

	/* parent -> engine: 0x0100-0x01ff */
	IPC_CFG_BEGIN = 0x0100,         /* struct ipc_cfg_begin + top path */
	IPC_CFG_CHUNK = 0x0101,         /* next bytes of the config bundle */
	IPC_CFG_END = 0x0102,           /* bundle complete: parse and apply */
	IPC_STOP = 0x0103,              /* release what you own and exit 0 */
	IPC_PING = 0x0104,              /* liveness; answer PONG, same id */
	/* 0x0140-0x017f: status queries (id = request id) */
	IPC_STATUS_QUERY = 0x0140,      /* answer STATUS_PART..., STATUS_END */
	/* 0x0180-0x01ff: commands relayed from lvsctl (id = request id) */
	IPC_CMD_RS_DRAIN_SET = 0x0180,  /* the whole drain set: "VS\tRS\n"... */
	IPC_CMD_VRRP_RELEASE = 0x0181,  /* payload: instance name */
	IPC_CMD_VRRP_RESUME = 0x0182,   /* payload: instance name */

	/* engine -> parent: 0x0200-0x02ff */
	IPC_CFG_APPLIED = 0x0200,       /* id = generation now running */
	IPC_CFG_FAILED = 0x0201,        /* id = generation; payload: text */
	IPC_PONG = 0x0202,              /* id = the PING's */
	/* 0x0240-0x027f: status replies, mirroring the queries */
	IPC_STATUS_PART = 0x0240,       /* a piece of a JSON document */
	IPC_STATUS_END = 0x0241,        /* its last piece (may be empty) */
	IPC_CMD_DONE = 0x0242,          /* u32 status (0 ok), then text */
	/* 0x0280-0x02ff: events, payload struct ipc_event (ipc/event.h) */
	IPC_EVT_VRRP_STATE = 0x0280,    /* state: enum ipc_vrrp_state */
	IPC_EVT_RS_STATE = 0x0281,      /* state: 1 up, 0 down */
	IPC_EVT_VS_STATE = 0x0282,      /* state: 1 quorum up, 0 down */
	IPC_EVT_IPVS_REPAIR = 0x0283,   /* state: number of repairs done */
	/* 0x0284-0x02ff reserved: more events (demotion requests, ...) */

	/* 0x0300-0x03ff: lvsctl client -> parent (control socket); id =
	 * the client's request id, echoed in the reply */
	IPC_CTL_STATUS = 0x0300,        /* none */
	IPC_CTL_RELOAD = 0x0301,        /* none: answered when done */
	IPC_CTL_CHECK = 0x0302,         /* a path, or none: the running one */
	IPC_CTL_EVENTS = 0x0303,        /* none: stream events until closed */
	IPC_CTL_RS_DRAIN = 0x0304,      /* "VS\0RS" */
	IPC_CTL_RS_ENABLE = 0x0305,     /* "VS\0RS" */
	IPC_CTL_VRRP_RELEASE = 0x0306,  /* instance name */
	IPC_CTL_VRRP_RESUME = 0x0307,   /* instance name */

	/* 0x0400-0x04ff: parent -> lvsctl client */
	IPC_CTL_REPLY_PART = 0x0400,    /* a piece of the JSON answer */
	IPC_CTL_REPLY = 0x0401,         /* its last piece: the answer is whole */
	IPC_CTL_EVENT = 0x0402,         /* one event, a JSON object */
};

#define IPC_P2E_FIRST 0x0100
#define IPC_E2P_FIRST 0x0200

/* IPC_CFG_BEGIN payload: this header, then the top file's path (no NUL),
 * which the engine passes to config_load() so positions in messages name
 * the same files the parent read. */
struct ipc_cfg_begin {
	uint32_t bundle_len;            /* total bytes the CHUNKs will carry */
};

/* Largest bundle either side accepts: far above any real configuration,
 * low enough that a corrupt length cannot make an engine allocate GiBs. */
#define IPC_MAX_BUNDLE (64u * 1024u * 1024u)
#define IPC_MAX_PATH 4096u

/* "CFG_BEGIN" etc., or "unknown" */
const char *ipc_msg_name(uint16_t type);

#endif
