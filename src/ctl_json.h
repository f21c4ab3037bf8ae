/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * JSON documents over framed channels: status replies from the engines and
 * answers to lvsctl are json-c objects, serialized once and sent as pieces
 * of at most IPC_MAX_PAYLOAD bytes (PART..., then a final type), which the
 * receiver concatenates and parses.
 */
#ifndef LVSD_CTL_JSON_H
#define LVSD_CTL_JSON_H

#include <json-c/json.h>
#include <stddef.h>
#include <stdint.h>

#include "ipc/channel.h"

/* Send `obj` (not consumed) as part_type pieces and one end_type piece.
 * Returns 0, or -1 when the channel refused a piece. */
int ctl_json_send(struct ipc_channel *ch, uint16_t part_type,
    uint16_t end_type, uint32_t id, struct json_object *obj);

/* Accumulates the pieces of one document. */
struct ctl_json_buf {
	char *data;
	size_t len, cap;
};

#define CTL_JSON_MAX (16u * 1024u * 1024u)

/* Append a piece; -1 when the document would exceed CTL_JSON_MAX. */
int ctl_json_buf_add(struct ctl_json_buf *b, const void *data, size_t len);
/* Parse what was collected (NULL when it is not JSON) and reset. */
struct json_object *ctl_json_buf_take(struct ctl_json_buf *b);
void ctl_json_buf_free(struct ctl_json_buf *b);

#endif
