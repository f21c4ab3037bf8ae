// SPDX-License-Identifier: GPL-2.0-or-later
#include "config.h"

#include <string.h>

#include "ipc/event.h"

size_t
ipc_event_encode(uint8_t *buf, const struct ipc_event_head *head,
    const char *object, const char *reason)
{
	size_t n = sizeof(*head), ol, rl;

	ol = strnlen(object, IPC_EVENT_MAX_OBJECT);
	rl = reason != NULL ? strnlen(reason, IPC_EVENT_MAX_REASON) : 0;
	memcpy(buf, head, sizeof(*head));
	memcpy(buf + n, object, ol);
	n += ol;
	buf[n++] = '\0';
	if (rl > 0)
		memcpy(buf + n, reason, rl);
	return n + rl;
}

bool
ipc_event_decode(const uint8_t *data, size_t len, struct ipc_event *ev)
{
	const uint8_t *obj, *nul;

	if (len < sizeof(ev->head) + 1)
		return false;
	memcpy(&ev->head, data, sizeof(ev->head));
	obj = data + sizeof(ev->head);
	nul = memchr(obj, '\0', len - sizeof(ev->head));
	if (nul == NULL)
		return false;
	ev->object = (const char *)obj;
	ev->reason = (const char *)nul + 1;
	ev->reason_len = len - (size_t)(nul + 1 - data);
	return true;
}

const char *
ipc_vrrp_state_name(uint32_t state)
{
	switch ((enum ipc_vrrp_state)state) {
	case IPC_VRRP_INIT:
		return "INIT";
	case IPC_VRRP_BACKUP:
		return "BACKUP";
	case IPC_VRRP_MASTER:
		return "MASTER";
	case IPC_VRRP_FAULT:
		return "FAULT";
	case IPC_VRRP_STOP:
		return "STOP";
	}
	return "?";
}
