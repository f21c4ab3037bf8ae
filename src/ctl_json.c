// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ctl_json.h"
#include "ipc/frame.h"
#include "util.h"

int
ctl_json_send(struct ipc_channel *ch, uint16_t part_type, uint16_t end_type,
    uint32_t id, struct json_object *obj)
{
	size_t len, off = 0, n;
	const char *text;

	text = json_object_to_json_string_length(obj,
	    JSON_C_TO_STRING_PLAIN, &len);
	while (len - off > IPC_MAX_PAYLOAD) {
		n = IPC_MAX_PAYLOAD;
		if (ipc_channel_send(ch, part_type, id, text + off, n) < 0)
			return -1;
		off += n;
	}
	return ipc_channel_send(ch, end_type, id, text + off, len - off);
}

int
ctl_json_buf_add(struct ctl_json_buf *b, const void *data, size_t len)
{
	if (b->len + len > CTL_JSON_MAX)
		return -1;
	if (b->len + len + 1 > b->cap) {
		b->cap = (b->len + len + 1) * 2;
		b->data = xrealloc(b->data, b->cap);
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return 0;
}

struct json_object *
ctl_json_buf_take(struct ctl_json_buf *b)
{
	struct json_object *obj = NULL;
	struct json_tokener *tok;

	if (b->len > 0) {
		tok = json_tokener_new();
		obj = json_tokener_parse_ex(tok, b->data, (int)b->len);
		if (json_tokener_get_error(tok) != json_tokener_success) {
			json_object_put(obj);
			obj = NULL;
		}
		json_tokener_free(tok);
	}
	b->len = 0;
	return obj;
}

void
ctl_json_buf_free(struct ctl_json_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}
