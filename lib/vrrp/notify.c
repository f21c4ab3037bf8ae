// SPDX-License-Identifier: GPL-2.0-or-later
/* Notify scripts' arguments and FIFO lines (notify.h). */
#include "config.h"

#include <stdio.h>

#include "config/config.h"
#include "ipc/event.h"
#include "vrrp/notify.h"

const char *
vrrp_notify_script(const struct cfg_notify *n, uint32_t state)
{
	switch (state) {
	case IPC_VRRP_MASTER:
		return n->master;
	case IPC_VRRP_BACKUP:
		return n->backup;
	case IPC_VRRP_FAULT:
		return n->fault;
	case IPC_VRRP_STOP:
		return n->stop;
	default:
		return NULL;
	}
}

void
vrrp_notify_args(struct vrrp_notify_args *a, bool group, const char *name,
    uint32_t state, unsigned prio)
{
	snprintf(a->prio_buf, sizeof(a->prio_buf), "%u", prio > 255 ? 255 :
	    prio);
	a->argv[0] = group ? "GROUP" : "INSTANCE";
	a->argv[1] = name;
	a->argv[2] = ipc_vrrp_state_name(state);
	a->argv[3] = a->prio_buf;
}

size_t
vrrp_notify_fifo_line(char *buf, size_t len, bool group, const char *name,
    uint32_t state, unsigned prio)
{
	int n = snprintf(buf, len, "%s \"%s\" %s %u\n",
	    group ? "GROUP" : "INSTANCE", name, ipc_vrrp_state_name(state),
	    prio);

	if (n < 0)
		return 0;
	return (size_t)n < len ? (size_t)n : (len > 0 ? len - 1 : 0);
}
